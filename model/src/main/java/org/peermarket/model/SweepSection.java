package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** Reads the {@code study.sweep} grid: lists of feeders, policies, theta and w, each non-empty and without repeats. */
final class SweepSection {
    private static final String PATH = "study.sweep";
    private final FieldReader r;

    SweepSection(FieldReader r) {
        this.r = r;
    }

    Optional<SweepGrid> sweep(JsonNode node, boolean drawn) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail(PATH, node, "must be a mapping such as {policy: [none, block], theta: [0.8, 1.0]}");
            return Optional.empty();
        }
        if (!drawn) {
            r.fail(PATH, node, "needs a generated study (study.draw), such as euniversal-case69's");
        }
        r.unknownKeys(node, PATH, Set.of("case", "policy", "theta", "w"));
        List<String> cases = list(node.get("case"), PATH + ".case", List.of("case69"), this::feeder);
        List<String> policies = list(node.get("policy"), PATH + ".policy", null, this::policy);
        List<Double> thetas = list(node.get("theta"), PATH + ".theta", List.of(0.8), this::theta);
        List<Double> ws = list(node.get("w"), PATH + ".w", List.of(0.2), this::w);
        return Optional.of(new SweepGrid(cases, policies, thetas, ws));
    }

    /** A non-empty list without repeats; {@code fallback} when the key is absent (null: the key is required). */
    private <T> List<T> list(JsonNode node, String path, List<T> fallback, BiFunction<JsonNode, String, T> item) {
        if (node == null || node.isNull()) {
            if (fallback == null) {
                r.fail(path, null, "is required, a list such as [none, block, incentive]");
                return List.of();
            }
            return fallback;
        }
        if (!node.isArray() || node.isEmpty()) {
            r.fail(path, node, "must be a non-empty list");
            return fallback == null ? List.of() : fallback;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            T v = item.apply(node.get(i), at);
            if (v != null && out.contains(v)) {
                r.fail(at, node.get(i), "is listed twice");
            } else if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private String feeder(JsonNode node, String path) {
        if (!node.isTextual() || node.asText().isBlank()) {
            r.fail(path, node, "must be a built-in case name such as case69");
            return null;
        }
        return node.asText();
    }

    private String policy(JsonNode node, String path) {
        if (!node.isTextual() || !SweepGrid.POLICIES.contains(node.asText())) {
            r.fail(path, node, "must be one of " + SweepGrid.POLICIES);
            return null;
        }
        return node.asText();
    }

    private Double theta(JsonNode node, String path) {
        Double v = r.number(node, path);
        if (v != null && (v <= 0 || v > 10)) {
            r.fail(path, node, "must be an occupancy in (0, 10] (1 = at the rating)");
            return null;
        }
        return v;
    }

    private Double w(JsonNode node, String path) {
        Double v = r.number(node, path);
        if (v != null && (v < 0 || v >= 1)) {
            r.fail(path, node, "must be in [0, 1)");
            return null;
        }
        return v;
    }
}
