package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads fields of a scenario tree and collects problems with their paths. Each section of the
 * scenario (peers, market, grid, communities, ...) is read by a class that uses these helpers,
 * so that every section reports its errors the same way.
 */
class FieldReader {
    final Map<String, Integer> lines;
    final List<Problem> problems = new ArrayList<>();
    /** The scenario's number of periods, known once the top level is read. */
    int periods = 1;
    /** The file's energy unit and currency label, for the limits' messages; known once units is read. */
    String energy = "kWh";
    String currency = "EUR";
    /** kWh per energy unit of the file and hours per period, for the built-in profiles. */
    double kwhPerUnit = 1;
    double periodHours = 1;
    /** Reads CSV columns and profiles; set by a reader that knows where the scenario's files are. */
    SeriesSource sources = new SeriesSource(this, ScenarioFiles.NONE);

    FieldReader(Map<String, Integer> lines) {
        this.lines = lines;
    }

    <E> E label(E[] values, String text, java.util.function.Function<E, String> name, String path, JsonNode node,
                E fallback) {
        for (E v : values) {
            if (name.apply(v).equals(text)) {
                return v;
            }
        }
        fail(path, node, "must be one of " + java.util.Arrays.stream(values).map(name).toList());
        return fallback;
    }

    /** Fails with every problem found, each pointed at its source line when known. */
    ValidationException invalid() {
        return new ValidationException(problems.stream().map(p -> p.atLine(lineOf(p.path()))).toList());
    }

    /** The line of a path, or of its nearest enclosing path (a missing key points at its parent). */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }


    PeriodValues series(JsonNode node, String path, Double fallback, boolean nonNegative) {
        if (node == null || node.isNull()) {
            if (fallback == null) {
                problems.add(new Problem(path, null, "is required"));
                return null;
            }
            return PeriodValues.constant(fallback);
        }
        if (node.isArray()) {
            if (node.size() != periods) {
                fail(path, node, "has " + node.size() + " values; the scenario has " + periods
                        + " period" + (periods == 1 ? "" : "s") + " (give one value per period, or a single number)");
                return fallback == null ? null : PeriodValues.constant(fallback);
            }
            double[] v = new double[node.size()];
            boolean ok = true;
            for (int t = 0; t < v.length; t++) {
                Double x = checked(node.get(t), path + "[" + t + "]", nonNegative);
                ok &= x != null;
                v[t] = x == null ? 0 : x;
            }
            return ok ? PeriodValues.of(v) : null;
        }
        if (node.isObject()) {
            SeriesSource.Values from = sources.read(node, path);
            return from == null ? null : checkedValues(from, path, nonNegative);
        }
        Double x = checked(node, path, nonNegative);
        return x == null ? null : PeriodValues.constant(x);
    }

    /** Values from a file or profile, each checked as a typed number would be, named by its origin. */
    private PeriodValues checkedValues(SeriesSource.Values from, String path, boolean nonNegative) {
        Scale scale = Scale.of(path);
        double[] v = from.values();
        for (int t = 0; t < v.length; t++) {
            String message = null;
            if (nonNegative && v[t] < 0) {
                message = "must be >= 0";
            } else if (Math.abs(v[t]) > scale.limit) {
                message = (v[t] > 0 ? "must be <= " : "must be >= -") + scale.limitText + unitText(scale, path);
            }
            if (message != null) {
                problems.add(new Problem(path, null, from.origins()[t] + " = " + ScenarioParser.fmt(v[t]) + ": " + message));
                return null;
            }
        }
        return PeriodValues.of(v);
    }

    Double checked(JsonNode node, String path, boolean nonNegative) {
        Double x = number(node, path);
        if (x != null && nonNegative && x < 0) {
            fail(path, node, "must be >= 0");
            return null;
        }
        return x;
    }

    Double number(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            fail(path, node, "must be a number");
            return null;
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            fail(path, node, "must be a finite number");
            return null;
        }
        Scale scale = Scale.of(path);
        if (Math.abs(v) > scale.limit) {
            fail(path, node, (v > 0 ? "must be <= " : "must be >= -") + scale.limitText + unitText(scale, path));
            return null;
        }
        return v;
    }

    /** The unit of a limit in the file's own units, e.g. " (kWh)"; flexibility bids are in MW. */
    private String unitText(Scale scale, String path) {
        boolean mw = path.startsWith("flexibility.") || path.startsWith("grid.");
        String e = mw ? "MWh" : energy;
        return switch (scale) {
            case QUANTITY -> mw ? " (MW)" : " (" + e + ")";
            case PRICE -> " (" + currency + "/" + e + ")";
            case CURVATURE -> " (" + currency + "/" + e + "\u00b2)";
            case MONEY -> " (" + currency + ")";
            case TIME, PLAIN -> "";
        };
    }

    String requiredText(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            problems.add(new Problem(path, null, "is required"));
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            fail(path, node, "must be a non-empty text");
            return null;
        }
        return node.asText();
    }

    String requiredId(JsonNode parent, String path) {
        JsonNode node = parent.get("id");
        if (node == null || node.isNull()) {
            problems.add(new Problem(path, null, "is required"));
            return "?" + path;
        }
        if (!(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank()) {
            fail(path, node, "must be a non-empty text");
            return "?" + path;
        }
        return node.asText();
    }

    String optionalText(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            fail(path, node, "must be a text");
            return null;
        }
        return node.asText();
    }

    int optionalInt(JsonNode parent, String key, String path, int fallback, int min) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            fail(path, node, "must be a whole number >= " + min);
            return fallback;
        }
        return node.asInt();
    }

    double optionalPositive(JsonNode parent, String key, String path, double fallback) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        Double v = number(node, path);
        if (v != null && v <= 0) {
            fail(path, node, "must be > 0");
            return fallback;
        }
        return v == null ? fallback : v;
    }

    OptionalInt optionalBus(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            fail(path, node, "must be a bus number >= 1");
            return OptionalInt.empty();
        }
        return OptionalInt.of(node.asInt());
    }

    void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                String at = path.isEmpty() ? k : path + "." + k;
                problems.add(new Problem(at, null, "unknown key; expected one of " + sorted(allowed)));
            }
        });
    }

    void fail(String path, JsonNode node, String message) {
        String value = node == null ? null : node.isNumber() ? node.asText() : node.toString();
        problems.add(new Problem(path, value, message));
    }

    static String sorted(Set<String> keys) {
        return keys.stream().sorted().toList().toString();
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
