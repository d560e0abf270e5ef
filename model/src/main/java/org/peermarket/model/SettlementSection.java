package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code tariff} and {@code sharing} sections of a scenario (docs/settlement.md,
 * docs/profit-sharing.md). Prices are converted to per kWh here.
 */
final class SettlementSection {
    private static final Set<String> TARIFF_KEYS = Set.of("retail", "feed_in");
    private static final Set<String> SHARING_KEYS = Set.of("rule", "samples", "seed", "exact_max", "renewable", "needs");

    private final FieldReader r;

    SettlementSection(FieldReader reader) {
        this.r = reader;
    }

    Optional<Tariff> tariff(JsonNode node, double kwhPerUnit) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("tariff", node, "must be a mapping such as {retail: 0.25, feed_in: 0.08}");
            return Optional.empty();
        }
        r.unknownKeys(node, "tariff", TARIFF_KEYS);
        PeriodValues retail = r.series(node.get("retail"), "tariff.retail", null, false);
        PeriodValues feedIn = r.series(node.get("feed_in"), "tariff.feed_in", null, false);
        if (retail == null || feedIn == null) {
            return Optional.empty();
        }
        for (int t = 0; t < r.periods; t++) {
            if (retail.at(t) < feedIn.at(t)) {
                r.fail("tariff.retail" + (retail.isConstant() ? "" : "[" + t + "]"), node.get("retail"),
                        "must be >= tariff.feed_in (" + feedIn.at(t) + ") in period " + (t + 1)
                                + ": otherwise buying from the retailer and selling back would earn money");
                return Optional.empty();
            }
        }
        return Optional.of(new Tariff(retail.scaled(1 / kwhPerUnit), feedIn.scaled(1 / kwhPerUnit)));
    }

    Optional<SharingSpec> sharing(JsonNode node, boolean hasTariff, Set<String> peerIds) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("sharing", node, "must be a mapping such as {rule: shapley}");
            return Optional.empty();
        }
        r.unknownKeys(node, "sharing", SHARING_KEYS);
        if (!hasTariff) {
            r.fail("sharing", null, "needs a tariff: the gain shared is measured against each peer's stand-alone bill");
        }
        String rule = r.optionalText(node, "rule", "sharing.rule");
        if (rule == null) {
            rule = "shapley";
        } else if (!SharingSpec.RULES.contains(rule)) {
            r.fail("sharing.rule", node.get("rule"), "must be one of " + SharingSpec.RULES);
        }
        int samples = r.optionalInt(node, "samples", "sharing.samples", SharingSpec.DEFAULT_SAMPLES, 1);
        int seed = r.optionalInt(node, "seed", "sharing.seed", 1, 0);
        int exactMax = r.optionalInt(node, "exact_max", "sharing.exact_max", SharingSpec.DEFAULT_EXACT_MAX, 0);
        if (exactMax > 22) {
            r.fail("sharing.exact_max", node.get("exact_max"), "must be <= 22 (2^22 coalitions); larger communities are sampled");
        }
        return Optional.of(new SharingSpec(rule, samples, seed, exactMax, renewable(node.get("renewable"), peerIds),
                needs(node.get("needs"), peerIds)));
    }

    private Optional<List<String>> renewable(JsonNode node, Set<String> peerIds) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            r.fail("sharing.renewable", node, "must be a list of peer ids");
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String id = node.get(i).asText();
            if (!peerIds.contains(id)) {
                r.fail("sharing.renewable[" + i + "]", node.get(i), "is not a peer id");
            }
            ids.add(id);
        }
        return Optional.of(ids);
    }

    private Map<String, Double> needs(JsonNode node, Set<String> peerIds) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            r.fail("sharing.needs", node, "must be a mapping of peer id to weight, such as {flat-a: 2}");
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String path = "sharing.needs." + e.getKey();
            if (!peerIds.contains(e.getKey())) {
                r.fail(path, null, "is not a peer id");
            }
            Double w = r.checked(e.getValue(), path, true);
            if (w != null) {
                out.put(e.getKey(), w);
            }
        });
        return out;
    }
}
