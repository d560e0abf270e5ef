package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code heat:} (docs/heat-market.md): nodes, pipes (capacity in kW_th, loss a fraction of
 * the inflow), heat peers, heat pumps and CHPs. Converts to kWh per period: energies times the
 * file's kWh per unit, powers also times the period length, prices divided by it.
 */
final class HeatSection {
    static final Set<String> KEYS = Set.of("nodes", "pipes", "peers", "heat_pumps", "chps");
    static final Set<String> PIPE_KEYS = Set.of("id", "from", "to", "capacity", "loss");
    static final Set<String> PEER_KEYS = Set.of("id", "node", "cost", "hmin", "hmax", "prefs");
    static final Set<String> PUMP_KEYS = Set.of("id", "peer", "node", "cop", "heat_max");
    static final Set<String> CHP_KEYS = Set.of("id", "peer", "node", "ratio", "efficiency", "fuel_cost", "heat_max");
    static final Set<String> SOLVERS = Set.of("p2p", "community", "joint");

    private final FieldReader r;
    private final double f;
    private final double hours;
    private final Set<String> assetIds = new LinkedHashSet<>();

    HeatSection(FieldReader reader, double kwhPerUnit, double periodHours) {
        this.r = reader;
        this.f = kwhPerUnit;
        this.hours = periodHours;
    }

    /** The heat section, or empty when absent; checks it against the market and the electricity peers. */
    Optional<HeatSpec> read(JsonNode node, MarketSpec market, List<String> peerIds, boolean hasPeers) {
        boolean heatMarket = market.type().equals("heat");
        if (node == null || node.isNull()) {
            if (heatMarket) {
                r.problems.add(new Problem("heat", null, "is required by market.type heat: list the network and its peers"));
            }
            return Optional.empty();
        }
        if (!heatMarket) {
            r.fail("heat", null, "needs market.type heat (market.type is " + market.type() + ")");
            return Optional.empty();
        }
        if (!SOLVERS.contains(market.solver())) {
            return Optional.empty(); // the runner names the unknown market.solver
        }
        if (!node.isObject()) {
            r.fail("heat", node, "must be a mapping with keys " + FieldReader.sorted(KEYS));
            return Optional.empty();
        }
        r.unknownKeys(node, "heat", KEYS);
        boolean joint = market.solver().equals("joint");
        checkPeersFit(joint, hasPeers);
        List<String> nodes = nodes(node.get("nodes"));
        List<HeatSpec.Pipe> pipes = pipes(node.get("pipes"), nodes);
        List<HeatSpec.HeatPeer> peers = peers(node.get("peers"), nodes);
        Set<String> owners = new LinkedHashSet<>(peerIds);
        peers.forEach(p -> assetIds.add(p.id()));
        List<HeatSpec.HeatPump> pumps = pumps(node.get("heat_pumps"), nodes, owners, joint);
        List<HeatSpec.Chp> chps = chps(node.get("chps"), nodes, owners, joint);
        if (market.solver().equals("p2p")) {
            checkTree(pipes);
        }
        return Optional.of(new HeatSpec(nodes, pipes, peers, pumps, chps));
    }

    private void checkPeersFit(boolean joint, boolean hasPeers) {
        if (joint && !hasPeers) {
            r.problems.add(new Problem("peers", null, "is required by market.solver joint: the electricity market's peers"));
        }
        if (!joint && hasPeers) {
            r.fail("peers", null, "electricity peers need market.solver joint; a heat market on its own has only heat.peers");
        }
    }

    private List<String> nodes(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            r.problems.add(new Problem("heat.nodes", null, "is required: list the network's node ids"));
            return out;
        }
        if (!node.isArray() || node.isEmpty()) {
            r.fail("heat.nodes", node, "must be a non-empty list of node ids");
            return out;
        }
        for (int k = 0; k < node.size(); k++) {
            JsonNode item = node.get(k);
            String at = "heat.nodes[" + k + "]";
            if (!(item.isTextual() || item.isIntegralNumber()) || item.asText().isBlank()) {
                r.fail(at, item, "must be a node id");
            } else if (out.contains(item.asText())) {
                r.fail(at, item, "duplicate node id");
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    private List<HeatSpec.Pipe> pipes(JsonNode node, List<String> nodes) {
        List<HeatSpec.Pipe> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int k = 0; k < size(node, "heat.pipes", false); k++) {
            String path = "heat.pipes[" + k + "]";
            JsonNode p = mapping(node.get(k), path, PIPE_KEYS);
            if (p == null) {
                continue;
            }
            String id = uniqueId(p, path, ids);
            String from = nodeRef(p, "from", path, nodes);
            String to = nodeRef(p, "to", path, nodes);
            if (from != null && from.equals(to)) {
                r.fail(path + ".to", p.get("to"), "must differ from from (" + from + ")");
            }
            Double cap = requiredAtLeast(p, "capacity", path, 0, true);
            Double loss = p.has("loss") ? lossFraction(p.get("loss"), path + ".loss") : Double.valueOf(0);
            if (id != null && from != null && to != null && cap != null && loss != null) {
                out.add(new HeatSpec.Pipe(id, from, to, cap * f * hours, loss));
            }
        }
        return out;
    }

    private List<HeatSpec.HeatPeer> peers(JsonNode node, List<String> nodes) {
        List<HeatSpec.HeatPeer> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        List<JsonNode> prefNodes = new ArrayList<>();
        int n = size(node, "heat.peers", true);
        for (int k = 0; k < n; k++) {
            String path = "heat.peers[" + k + "]";
            JsonNode p = mapping(node.get(k), path, PEER_KEYS);
            if (p == null) {
                continue;
            }
            String id = uniqueId(p, path, ids);
            String at = nodeRef(p, "node", path, nodes);
            Cost cost = cost(p.get("cost"), path + ".cost");
            PeriodValues hmin = r.series(p.get("hmin"), path + ".hmin", null, false);
            PeriodValues hmax = r.series(p.get("hmax"), path + ".hmax", null, false);
            checkOrder(hmin, hmax, path);
            if (id != null && at != null && cost != null && hmin != null && hmax != null) {
                out.add(new HeatSpec.HeatPeer(id, at, cost, hmin.scaled(f), hmax.scaled(f), Map.of()));
                prefNodes.add(p.get("prefs"));
            }
        }
        List<HeatSpec.HeatPeer> withPrefs = new ArrayList<>();
        for (int k = 0; k < out.size(); k++) {
            HeatSpec.HeatPeer p = out.get(k);
            Map<String, Double> prefs = prefs(prefNodes.get(k), "heat.peers[" + k + "].prefs", p.id(), ids);
            withPrefs.add(new HeatSpec.HeatPeer(p.id(), p.node(), p.cost(), p.hmin(), p.hmax(), prefs));
        }
        return withPrefs;
    }

    private Cost cost(JsonNode cost, String path) {
        if (cost == null || cost.isNull()) {
            return new Cost(PeriodValues.constant(0), PeriodValues.constant(0), 0);
        }
        if (!cost.isObject()) {
            r.fail(path, cost, "must be a mapping {a, b, d}");
            return null;
        }
        r.unknownKeys(cost, path, Set.of("a", "b", "d"));
        PeriodValues a = r.series(cost.get("a"), path + ".a", 0.0, true);
        PeriodValues b = r.series(cost.get("b"), path + ".b", 0.0, false);
        Double d = cost.has("d") ? r.number(cost.get("d"), path + ".d") : Double.valueOf(0);
        if (a == null || b == null || d == null) {
            return null;
        }
        return new Cost(a.scaled(1 / (f * f)), b.scaled(1 / f), d);
    }

    private void checkOrder(PeriodValues hmin, PeriodValues hmax, String path) {
        for (int t = 0; hmin != null && hmax != null && t < r.periods; t++) {
            if (hmin.at(t) > hmax.at(t)) {
                String suffix = hmin.isConstant() && hmax.isConstant() ? "" : "[" + t + "]";
                r.problems.add(new Problem(path + ".hmin" + suffix, ScenarioParser.fmt(hmin.at(t)),
                        "must be <= hmax" + suffix + " = " + ScenarioParser.fmt(hmax.at(t))));
                return;
            }
        }
    }

    private Map<String, Double> prefs(JsonNode node, String path, String self, Set<String> ids) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping {heatPeerId: cost per energy unit}");
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String at = path + "." + e.getKey();
            Double v = r.number(e.getValue(), at);
            if (!ids.contains(e.getKey())) {
                r.fail(at, e.getValue(), "names unknown heat peer '" + e.getKey() + "'");
            } else if (e.getKey().equals(self)) {
                r.fail(at, e.getValue(), "a peer cannot state a preference for itself");
            } else if (v != null && v < 0) {
                r.fail(at, e.getValue(), "must be >= 0 (a negative dislike would pay a round trip)");
            } else if (v != null) {
                out.put(e.getKey(), v / f);
            }
        });
        return out;
    }

    private List<HeatSpec.HeatPump> pumps(JsonNode node, List<String> nodes, Set<String> owners, boolean joint) {
        List<HeatSpec.HeatPump> out = new ArrayList<>();
        for (int k = 0; k < size(node, "heat.heat_pumps", false); k++) {
            String path = "heat.heat_pumps[" + k + "]";
            JsonNode p = mapping(node.get(k), path, PUMP_KEYS);
            if (p == null || !jointOnly(joint, path, node.get(k))) {
                continue;
            }
            String id = uniqueId(p, path, assetIds);
            String owner = ownerRef(p, path, owners);
            String at = nodeRef(p, "node", path, nodes);
            Double cop = requiredAtLeast(p, "cop", path, 0, true);
            Double max = requiredAtLeast(p, "heat_max", path, 0, false);
            if (id != null && owner != null && at != null && cop != null && max != null) {
                out.add(new HeatSpec.HeatPump(id, owner, at, cop, max * f * hours));
            }
        }
        return out;
    }

    private List<HeatSpec.Chp> chps(JsonNode node, List<String> nodes, Set<String> owners, boolean joint) {
        List<HeatSpec.Chp> out = new ArrayList<>();
        for (int k = 0; k < size(node, "heat.chps", false); k++) {
            String path = "heat.chps[" + k + "]";
            JsonNode p = mapping(node.get(k), path, CHP_KEYS);
            if (p == null || !jointOnly(joint, path, node.get(k))) {
                continue;
            }
            String id = uniqueId(p, path, assetIds);
            String owner = ownerRef(p, path, owners);
            String at = nodeRef(p, "node", path, nodes);
            Double ratio = requiredAtLeast(p, "ratio", path, 0, false);
            Double eff = p.has("efficiency") ? r.number(p.get("efficiency"), path + ".efficiency") : Double.valueOf(1);
            if (eff != null && (eff <= 0 || eff > 1)) {
                r.fail(path + ".efficiency", p.get("efficiency"), "must be in (0, 1]: heat and electricity out per fuel in");
                eff = null;
            }
            Double fuel = requiredAtLeast(p, "fuel_cost", path, 0, false);
            Double max = requiredAtLeast(p, "heat_max", path, 0, false);
            if (id != null && owner != null && at != null && ratio != null && eff != null && fuel != null && max != null) {
                out.add(new HeatSpec.Chp(id, owner, at, ratio, eff, fuel / f, max * f * hours));
            }
        }
        return out;
    }

    private boolean jointOnly(boolean joint, String path, JsonNode node) {
        if (!joint) {
            r.fail(path, null, "a coupled asset links heat to electricity: it needs market.solver joint");
        }
        return joint;
    }

    /** P2P heat trades follow the one path between two nodes, so the pipes must form no loop. */
    private void checkTree(List<HeatSpec.Pipe> pipes) {
        Map<String, String> parent = new LinkedHashMap<>();
        for (int k = 0; k < pipes.size(); k++) {
            HeatSpec.Pipe p = pipes.get(k);
            String a = root(parent, p.from());
            String b = root(parent, p.to());
            if (a.equals(b)) {
                r.problems.add(new Problem("heat.pipes[" + k + "]", FieldReader.quote(p.id()), "closes a loop (" + p.from() + " and " + p.to()
                        + " are already connected): market.solver p2p routes each trade on the one path between two"
                        + " nodes, so its pipes must form a tree; use market.solver community for a meshed network"));
                return;
            }
            parent.put(a, b);
        }
    }

    private static String root(Map<String, String> parent, String n) {
        String x = n;
        while (parent.containsKey(x)) {
            x = parent.get(x);
        }
        return x;
    }

    private int size(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                r.problems.add(new Problem(path, null, "is required: list at least one"));
            }
            return 0;
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            r.fail(path, node, required ? "must be a non-empty list" : "must be a list");
            return 0;
        }
        return node.size();
    }

    private JsonNode mapping(JsonNode node, String path, Set<String> keys) {
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping with keys " + FieldReader.sorted(keys));
            return null;
        }
        r.unknownKeys(node, path, keys);
        return node;
    }

    private String uniqueId(JsonNode p, String path, Set<String> seen) {
        String id = text(p, "id", path + ".id");
        if (id != null && !seen.add(id)) {
            r.fail(path + ".id", p.get("id"), "duplicate id: another entry of the heat section has the same id");
            return null;
        }
        return id;
    }

    /** A required id-like value (text or integer), or null with a problem recorded. */
    private String text(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            r.problems.add(new Problem(path, null, "is required"));
            return null;
        }
        if (!(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank()) {
            r.fail(path, node, "must be a non-empty text");
            return null;
        }
        return node.asText();
    }

    private String nodeRef(JsonNode p, String key, String path, List<String> nodes) {
        String id = text(p, key, path + "." + key);
        if (id != null && !nodes.contains(id)) {
            r.fail(path + "." + key, p.get(key), "names unknown node '" + id + "'; heat.nodes lists " + nodes);
            return null;
        }
        return id;
    }

    private String ownerRef(JsonNode p, String path, Set<String> owners) {
        String id = text(p, "peer", path + ".peer");
        if (id != null && !owners.contains(id)) {
            r.fail(path + ".peer", p.get("peer"), "names unknown peer '" + id + "': the owner must be one of peers");
            return null;
        }
        return id;
    }

    private Double requiredAtLeast(JsonNode p, String key, String path, double min, boolean strict) {
        JsonNode v = p.get(key);
        if (v == null || v.isNull()) {
            r.problems.add(new Problem(path + "." + key, null, "is required"));
            return null;
        }
        Double x = r.number(v, path + "." + key);
        if (x != null && (strict ? x <= min : x < min)) {
            r.fail(path + "." + key, v, "must be " + (strict ? "> " : ">= ") + ScenarioParser.fmt(min));
            return null;
        }
        return x;
    }

    private Double lossFraction(JsonNode v, String path) {
        Double x = r.number(v, path);
        if (x != null && (x < 0 || x >= 1)) {
            r.fail(path, v, "must be in [0, 1): the fraction of the inflow lost");
            return null;
        }
        return x;
    }
}
