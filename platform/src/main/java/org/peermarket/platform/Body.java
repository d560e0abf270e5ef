package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.peermarket.model.Problem;

/**
 * Reads a JSON request body field by field, collecting every problem with its field path and
 * value; {@link #done()} throws one 422 listing them all. A body that is not a JSON object is a
 * 400 naming {@code body}.
 */
final class Body {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final JsonNode root;
    private final List<Problem> problems = new ArrayList<>();

    private Body(JsonNode root) {
        this.root = root;
    }

    /** Refuses anything after the JSON value but white space (a body is one value, not a stream). */
    private static final com.fasterxml.jackson.databind.ObjectReader READER = Json.MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static Body parse(String text, Set<String> allowed) {
        JsonNode root;
        try {
            root = READER.readTree(text == null ? "" : text);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new ApiException(400, "malformed JSON", List.of(new Problem("body", null,
                    "not valid JSON: one JSON value, with nothing after it but white space")));
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed JSON", List.of(new Problem("body", null, "not valid JSON")));
        }
        return of(root, allowed);
    }

    /** A body already parsed (e.g. one order of a batch); it must be an object. */
    static Body of(JsonNode root, Set<String> allowed) {
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "malformed request", List.of(new Problem("body", null, "must be a JSON object")));
        }
        Body b = new Body(root);
        root.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                b.problems.add(new Problem(k, null, "unknown field; expected one of " + new java.util.TreeSet<>(allowed)));
            }
        });
        return b;
    }

    JsonNode root() {
        return root;
    }

    void fail(String field, Object value, String message) {
        problems.add(new Problem(field, value == null ? null : String.valueOf(value), message));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void done() {
        if (!problems.isEmpty()) {
            throw new ApiException(422, "invalid request", problems);
        }
    }

    String text(String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                fail(field, null, "required");
            }
            return fallback;
        }
        if (!n.isTextual()) {
            fail(field, n, "must be a string");
            return fallback;
        }
        return n.asText();
    }

    String id(String field) {
        String v = text(field, null);
        if (v != null && !ID.matcher(v).matches()) {
            fail(field, v, "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return v;
    }

    String oneOf(String field, String fallback, Set<String> values) {
        String v = text(field, fallback);
        if (v != null && !values.contains(v)) {
            fail(field, v, "must be one of " + new java.util.TreeSet<>(values));
        }
        return v;
    }

    Instant instant(String field) {
        String v = text(field, null);
        if (v == null) {
            return null;
        }
        try {
            return Instants.parse(v);
        } catch (DateTimeParseException e) {
            fail(field, v, "must be an ISO-8601 instant such as 2026-01-01T10:00:00Z");
            return null;
        }
    }

    double number(String field, Double fallback, double min, boolean inclusive) {
        return number(root.get(field), field, fallback, min, inclusive);
    }

    double number(JsonNode n, String field, Double fallback, double min, boolean inclusive) {
        if (n == null || n.isNull()) {
            if (fallback == null) {
                fail(field, null, "required");
                return Double.NaN;
            }
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            fail(field, n, "must be a finite number");
            return Double.NaN;
        }
        double v = n.asDouble();
        if (inclusive ? v < min : v <= min) {
            fail(field, n, "must be " + (inclusive ? ">= " : "> ") + min);
        }
        return v;
    }

    int integer(String field, Integer fallback, int min, int max) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                fail(field, null, "required");
                return 0;
            }
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            fail(field, n, "must be a whole number from " + min + " to " + max);
            return 0;
        }
        return n.asInt();
    }
}
