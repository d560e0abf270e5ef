package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code dso}, {@code study} and {@code flexibility} keys of a scenario. */
final class StudySection {
    static final List<String> SCENARIOS = List.of("s0", "s1", "s2", "s3-100", "s3-80", "s0-heavy", "s1-heavy");
    private final FieldReader r;

    StudySection(FieldReader r) {
        this.r = r;
    }

    Optional<DsoSpec> dso(JsonNode node, double kwhPerUnit) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("dso", node, "must be a mapping such as {policy: block, theta: 0.8}");
            return Optional.empty();
        }
        r.unknownKeys(node, "dso", Set.of("policy", "theta", "w", "charge"));
        String policy = r.requiredText(node, "policy", "dso.policy");
        if (policy != null && !DsoSpec.POLICIES.contains(policy)) {
            r.fail("dso.policy", node.get("policy"), "must be one of " + DsoSpec.POLICIES);
        }
        double theta = r.optionalPositive(node, "theta", "dso.theta", 0.8);
        double w = node.has("w") ? fraction(node.get("w"), "dso.w") : 0.2;
        String type = "unique";
        double fee = 0;
        double inside = 0;
        JsonNode charge = node.get("charge");
        if (DsoSpec.CHARGE.equals(policy)) {
            if (charge == null || !charge.isObject()) {
                r.fail("dso.charge", charge, "is required with policy charge, e.g. {type: unique, fee: 10}");
            } else {
                r.unknownKeys(charge, "dso.charge", Set.of("type", "fee", "fee_inside"));
                String t = r.optionalText(charge, "type", "dso.charge.type");
                if (t != null && !DsoSpec.CHARGES.contains(t)) {
                    r.fail("dso.charge.type", charge.get("type"), "must be one of " + DsoSpec.CHARGES);
                } else if (t != null) {
                    type = t;
                }
                Double f = r.checked(charge.get("fee"), "dso.charge.fee", false);
                fee = f == null ? 0 : f / kwhPerUnit;
                if (charge.has("fee_inside")) {
                    Double fi = r.checked(charge.get("fee_inside"), "dso.charge.fee_inside", false);
                    inside = fi == null ? 0 : fi / kwhPerUnit;
                }
                if (fee < 0 && !type.equals("unique")) {
                    r.fail("dso.charge.fee", charge.get("fee"), "must be >= 0 for a " + type + " charge");
                }
            }
        } else if (charge != null) {
            r.fail("dso.charge", charge, "applies only to policy charge");
        }
        return Optional.of(new DsoSpec(policy == null ? DsoSpec.NONE : policy, theta, w, type, fee, inside));
    }

    private double fraction(JsonNode node, String path) {
        Double v = r.number(node, path);
        if (v != null && (v < 0 || v >= 1)) {
            r.fail(path, node, "must be in [0, 1)");
            return 0.2;
        }
        return v == null ? 0.2 : v;
    }

    Optional<StudySpec> study(JsonNode study, JsonNode flexibility) {
        boolean hasStudy = study != null && !study.isNull();
        boolean hasFlex = flexibility != null && !flexibility.isNull();
        if (!hasStudy && !hasFlex) {
            return Optional.empty();
        }
        List<String> steps = List.of("p2p");
        boolean balance = true;
        boolean unmet = true;
        Optional<StudySpec.Draw> draw = Optional.empty();
        Optional<SweepGrid> sweep = Optional.empty();
        if (hasStudy) {
            if (!study.isObject()) {
                r.fail("study", study, "must be a mapping such as {steps: [p2p, lfm]}");
                return Optional.empty();
            }
            r.unknownKeys(study, "study", Set.of("steps", "balance_neutral", "unmet_as_bids", "draw", "sweep"));
            steps = steps(study.get("steps"));
            balance = bool(study.get("balance_neutral"), "study.balance_neutral", true);
            unmet = bool(study.get("unmet_as_bids"), "study.unmet_as_bids", true);
            draw = draw(study.get("draw"));
            sweep = new SweepSection(r).sweep(study.get("sweep"), draw.isPresent());
        }
        List<StudySpec.Bid> bids = hasFlex ? bids(flexibility) : List.of();
        if (steps.contains("lfm") && bids.isEmpty() && draw.isEmpty()) {
            r.fail("flexibility.bids", null, "the lfm step needs flexibility bids");
        }
        return Optional.of(new StudySpec(steps, balance, unmet, bids, draw, sweep));
    }

    private List<String> steps(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of("p2p");
        }
        List<String> out = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            r.fail("study.steps", node, "must be a list such as [p2p, lfm]");
            return List.of("p2p");
        }
        for (int i = 0; i < node.size(); i++) {
            String s = node.get(i).asText();
            if (!s.equals("p2p") && !s.equals("lfm") || out.contains(s)) {
                r.fail("study.steps[" + i + "]", node.get(i), "must be p2p or lfm, each at most once");
            } else {
                out.add(s);
            }
        }
        if (out.size() == 2 && out.get(0).equals("lfm")) {
            r.fail("study.steps", node, "the P2P market comes first: [p2p, lfm]");
        }
        return out;
    }

    private boolean bool(JsonNode node, String path, boolean fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            r.fail(path, node, "must be true or false");
            return fallback;
        }
        return node.asBoolean();
    }

    private Optional<StudySpec.Draw> draw(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("study.draw", node, "must be a mapping such as {seed: 3}");
            return Optional.empty();
        }
        r.unknownKeys(node, "study.draw", Set.of("seed", "bids", "buses", "peers", "scenarios", "heavy_factor",
                "buyer_value"));
        int seed = r.optionalInt(node, "seed", "study.draw.seed", 3, 0);
        int bids = r.optionalInt(node, "bids", "study.draw.bids", 172, 2);
        int buses = r.optionalInt(node, "buses", "study.draw.buses", 46, 1);
        int peers = r.optionalInt(node, "peers", "study.draw.peers", 70, 0);
        if (peers > bids) {
            r.fail("study.draw.peers", node.get("peers"), "must be at most the number of bids (" + bids + ")");
        }
        List<String> scenarios = SCENARIOS;
        JsonNode sc = node.get("scenarios");
        if (sc != null && !sc.isNull()) {
            List<String> list = new ArrayList<>();
            for (int i = 0; sc.isArray() && i < sc.size(); i++) {
                String s = sc.get(i).asText();
                if (!SCENARIOS.contains(s)) {
                    r.fail("study.draw.scenarios[" + i + "]", sc.get(i), "must be one of " + SCENARIOS);
                } else {
                    list.add(s);
                }
            }
            if (!sc.isArray() || list.isEmpty()) {
                r.fail("study.draw.scenarios", sc, "must be a non-empty list of " + SCENARIOS);
            } else {
                scenarios = list;
            }
        }
        double heavy = r.optionalPositive(node, "heavy_factor", "study.draw.heavy_factor", 1.15);
        double value = r.optionalPositive(node, "buyer_value", "study.draw.buyer_value", 70);
        return Optional.of(new StudySpec.Draw(seed, bids, buses, peers, scenarios, heavy, value));
    }

    private List<StudySpec.Bid> bids(JsonNode flex) {
        if (!flex.isObject()) {
            r.fail("flexibility", flex, "must be a mapping such as {bids: [...]}");
            return List.of();
        }
        r.unknownKeys(flex, "flexibility", Set.of("bids"));
        JsonNode list = flex.get("bids");
        List<StudySpec.Bid> out = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            r.fail("flexibility.bids", list, "must be a non-empty list of {id, bus, direction, quantity, price}");
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            String path = "flexibility.bids[" + i + "]";
            if (!b.isObject()) {
                r.fail(path, b, "must be a mapping {id, bus, direction, quantity, price}");
                continue;
            }
            r.unknownKeys(b, path, Set.of("id", "bus", "direction", "quantity", "price", "indivisible", "peer"));
            String id = r.requiredId(b, path + ".id");
            if (!ids.add(id)) {
                r.fail(path + ".id", b.get("id"), "is used by an earlier bid");
            }
            java.util.OptionalInt bus = r.optionalBus(b.get("bus"), path + ".bus");
            if (bus.isEmpty() && !b.has("bus")) {
                r.fail(path + ".bus", null, "is required");
            }
            String dir = r.requiredText(b, "direction", path + ".direction");
            if (dir != null && !dir.equals("up") && !dir.equals("down")) {
                r.fail(path + ".direction", b.get("direction"), "must be up or down");
            }
            Double q = r.checked(b.get("quantity"), path + ".quantity", true);
            Double price = r.number(b.get("price"), path + ".price");
            boolean ind = bool(b.get("indivisible"), path + ".indivisible", false);
            String peer = r.optionalText(b, "peer", path + ".peer");
            if (bus.isPresent() && dir != null && q != null && price != null) {
                out.add(new StudySpec.Bid(id, bus.getAsInt(), dir, q, price, ind, peer));
            }
        }
        return out;
    }
}
