package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code vpp} section of a scenario (docs/vpp.md); prices per kWh, caps in kWh. */
final class VppSection {
    private static final Set<String> KEYS = Set.of("community", "balancing_price", "cap", "bids", "activation",
            "demand", "penalty", "aggregators");
    private static final Set<String> BALANCING_KEYS = Set.of("bids", "activation", "demand", "penalty", "aggregators");
    private static final Set<String> AGGREGATOR_KEYS = Set.of("community", "bids");
    private static final Set<String> BID_KEYS = Set.of("period", "direction", "steps");
    private static final Set<String> STEP_KEYS = Set.of("quantity", "price");

    private final FieldReader r;

    VppSection(FieldReader reader) {
        this.r = reader;
    }

    Optional<VppSpec> read(JsonNode node, double kwhPerUnit, Communities communities, String marketType) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("vpp", node, "must be a mapping such as {community: street, balancing_price: [0, 0.4]}");
            return Optional.empty();
        }
        r.unknownKeys(node, "vpp", KEYS);
        if (!marketType.equals("community")) {
            r.fail("vpp", null, "needs market.type community (market.type is " + marketType + ")");
        }
        if (BALANCING_KEYS.stream().anyMatch(node::has)) {
            return balancing(node, kwhPerUnit, communities);
        }
        String community = community(node, "vpp", communities);
        PeriodValues price = r.series(node.get("balancing_price"), "vpp.balancing_price", null, true);
        PeriodValues cap = r.series(node.get("cap"), "vpp.cap", Double.POSITIVE_INFINITY, true);
        if (community == null || price == null || cap == null) {
            return Optional.empty();
        }
        return Optional.of(new VppSpec(community, price.scaled(1 / kwhPerUnit), cap.scaled(kwhPerUnit)));
    }

    private String community(JsonNode node, String path, Communities communities) {
        String community = r.requiredText(node, "community", path + ".community");
        if (community != null && communities.byId(community).isEmpty()) {
            r.fail(path + ".community", node.get("community"), "is not a community id");
        }
        return community;
    }

    /** Bids and their activation: one aggregator at the top ({community, bids}) or several under aggregators. */
    private Optional<VppSpec> balancing(JsonNode node, double f, Communities communities) {
        for (String key : List.of("balancing_price", "cap")) {
            if (node.has(key)) {
                r.fail("vpp." + key, node.get(key), "is for a sale at a price series; balancing bids "
                        + "(vpp.activation or vpp.demand) do not use it: remove it");
            }
        }
        int before = r.problems.size();
        List<BalancingSpec.Aggregator> aggregators = aggregators(node, f, communities);
        JsonNode activation = node.get("activation");
        JsonNode demand = node.get("demand");
        BalancingSpec spec = null;
        if (activation == null && demand == null) {
            r.fail("vpp", null, "needs vpp.activation (the TSO's price and volumes) or vpp.demand (a market among "
                    + "the aggregators)");
        } else if (activation != null && demand != null) {
            r.fail("vpp.demand", null, "cannot be combined with vpp.activation: give one of them");
        } else {
            boolean market = demand != null;
            String path = market ? "vpp.demand" : "vpp.activation";
            JsonNode v = market ? demand : activation;
            if (!v.isObject()) {
                r.fail(path, v, market ? "must be a mapping such as {up: [5, 0], down: [0, 3]}"
                        : "must be a mapping such as {price: [0.3, 0.1], up: [5, 0], down: [0, 3]}");
                return Optional.empty();
            }
            r.unknownKeys(v, path, market ? Set.of("up", "down") : Set.of("price", "up", "down"));
            PeriodValues price = market ? null : r.series(v.get("price"), path + ".price", null, false);
            PeriodValues up = r.series(v.get("up"), path + ".up", 0.0, true);
            PeriodValues down = r.series(v.get("down"), path + ".down", 0.0, true);
            PeriodValues penalty = node.has("penalty") ? r.series(node.get("penalty"), "vpp.penalty", null, true) : null;
            if (up != null && down != null) {
                oneDirection(v, path, up, down);
            }
            if ((market || price != null) && up != null && down != null && (penalty != null || !node.has("penalty"))) {
                spec = new BalancingSpec(aggregators, market ? "market" : "activation",
                        price == null ? null : price.scaled(1 / f), up.scaled(f), down.scaled(f),
                        penalty == null ? null : penalty.scaled(1 / f));
            }
        }
        if (spec == null || r.problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new VppSpec(aggregators.get(0).community(), null, null, Optional.of(spec)));
    }

    /** The metered delivery of one period is one number: the TSO asks for up or down, not both. */
    private void oneDirection(JsonNode v, String path, PeriodValues up, PeriodValues down) {
        for (int t = 0; t < r.periods; t++) {
            if (up.at(t) > 0 && down.at(t) > 0) {
                JsonNode d = v.get("down");
                r.fail(path + ".down" + (d != null && d.isArray() ? "[" + t + "]" : ""), d != null && d.isArray()
                        ? d.get(t) : d, "period " + (t + 1) + " also asks for " + ScenarioParser.fmt(up.at(t))
                        + " up: at most one direction per period");
                return;
            }
        }
    }

    private List<BalancingSpec.Aggregator> aggregators(JsonNode node, double f, Communities communities) {
        List<BalancingSpec.Aggregator> out = new ArrayList<>();
        JsonNode list = node.get("aggregators");
        if (list == null || list.isNull()) {
            String community = community(node, "vpp", communities);
            out.add(new BalancingSpec.Aggregator(community, bids(node.get("bids"), "vpp.bids", f)));
            return out;
        }
        for (String key : List.of("community", "bids")) {
            if (node.has(key)) {
                r.fail("vpp." + key, node.get(key), "give it inside each of vpp.aggregators");
            }
        }
        if (!list.isArray() || list.isEmpty()) {
            r.fail("vpp.aggregators", list, "must be a non-empty list such as [{community: north}, {community: south}]");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "vpp.aggregators[" + i + "]";
            JsonNode a = list.get(i);
            if (!a.isObject()) {
                r.fail(path, a, "must be a mapping such as {community: north}");
                continue;
            }
            r.unknownKeys(a, path, AGGREGATOR_KEYS);
            String community = community(a, path, communities);
            if (community != null && !seen.add(community)) {
                r.fail(path + ".community", a.get("community"), "is already an aggregator above");
            }
            out.add(new BalancingSpec.Aggregator(community, bids(a.get("bids"), path + ".bids", f)));
        }
        return out;
    }

    private Optional<List<BalancingSpec.Bid>> bids(JsonNode node, String path, double f) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            r.fail(path, node, "must be a list such as [{period: 1, direction: up, steps: [{quantity: 2, price: 0.3}]}]");
            return Optional.empty();
        }
        List<BalancingSpec.Bid> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            BalancingSpec.Bid b = bid(node.get(i), path + "[" + i + "]", f);
            if (b != null && !seen.add(b.period() + " " + b.direction())) {
                r.fail(path + "[" + i + "].period", node.get(i).get("period"), "period " + (b.period() + 1)
                        + " already has a " + b.direction() + " bid above: give its steps in one bid");
            } else if (b != null) {
                out.add(b);
            }
        }
        return Optional.of(out);
    }

    private BalancingSpec.Bid bid(JsonNode node, String path, double f) {
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping such as {period: 1, direction: up, steps: [{quantity: 2, price: 0.3}]}");
            return null;
        }
        r.unknownKeys(node, path, BID_KEYS);
        JsonNode p = node.get("period");
        Integer period = null;
        if (p == null || p.isNull()) {
            r.problems.add(new Problem(path + ".period", null, "is required"));
        } else if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 1 || p.asInt() > r.periods) {
            r.fail(path + ".period", p, "must be a period from 1 to " + r.periods);
        } else {
            period = p.asInt() - 1;
        }
        String direction = r.requiredText(node, "direction", path + ".direction");
        if (direction != null && !direction.equals("up") && !direction.equals("down")) {
            r.fail(path + ".direction", node.get("direction"), "must be up or down");
            direction = null;
        }
        List<BalancingSpec.Step> steps = steps(node.get("steps"), path + ".steps", f);
        return period == null || direction == null || steps == null ? null : new BalancingSpec.Bid(period, direction, steps);
    }

    private List<BalancingSpec.Step> steps(JsonNode node, String path, double f) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            r.fail(path, node, "must be a non-empty list such as [{quantity: 2, price: 0.3}]");
            return null;
        }
        List<BalancingSpec.Step> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode s = node.get(i);
            if (!s.isObject()) {
                r.fail(at, s, "must be a mapping such as {quantity: 2, price: 0.3}");
                ok = false;
                continue;
            }
            r.unknownKeys(s, at, STEP_KEYS);
            Double q = r.checked(s.get("quantity"), at + ".quantity", true);
            Double price = r.number(s.get("price"), at + ".price");
            ok &= q != null && price != null;
            if (q != null && price != null) {
                out.add(new BalancingSpec.Step(q * f, price / f));
            }
        }
        return ok ? out : null;
    }
}
