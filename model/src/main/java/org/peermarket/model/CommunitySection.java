package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code communities:}, {@code outside:} and the peers' {@code w_imp}, {@code w_exp}
 * (markets.md §2, §3) and checks them: members name known peers (or, in a hybrid market,
 * communities), no member belongs to two communities, nesting has no cycle, and
 * {@code pi_imp + w_imp >= pi_exp + w_exp} holds for every member and period. Converts to kWh.
 */
final class CommunitySection {
    static final Set<String> COMMUNITY_KEYS = Set.of("id", "members", "manager", "prefs");
    static final Set<String> MANAGER_KEYS = Set.of("fee", "import_price", "export_price", "import_cap", "export_cap");
    static final Set<String> OUTSIDE_KEYS = Set.of("import_price", "export_price", "import_cap", "export_cap");

    private final FieldReader r;
    private final double f;
    private final String type;

    CommunitySection(FieldReader reader, double kwhPerUnit, String marketType) {
        this.r = reader;
        this.f = kwhPerUnit;
        this.type = marketType;
    }

    private boolean hybrid() {
        return type.equals("hybrid");
    }

    private boolean communityMarket() {
        return type.equals("community") || hybrid();
    }

    /** Reads the section; peerIds in scenario order, peersNode the raw peers list. */
    Communities read(JsonNode root, List<String> peerIds, JsonNode peersNode) {
        JsonNode node = root.get("communities");
        boolean given = node != null && !node.isNull();
        if (!given) {
            if (communityMarket()) {
                r.problems.add(new Problem("communities", null, "is required for market.type " + type));
            }
            checkNoWeights(peersNode, "applies only to members of a community");
            outsideNotAllowed(root);
            return Communities.NONE;
        }
        if (!communityMarket()) {
            r.fail("communities", null, "applies only to market.type community or hybrid (market.type is " + type + ")");
            outsideNotAllowed(root);
            return Communities.NONE;
        }
        if (!node.isArray() || node.isEmpty()) {
            r.fail("communities", node, "must be a non-empty list of communities {id, members, manager}");
            return Communities.NONE;
        }
        List<Community> list = new ArrayList<>();
        Map<String, String> idPaths = new LinkedHashMap<>();
        Set<String> peers = new HashSet<>(peerIds);
        for (int k = 0; k < node.size(); k++) {
            String path = "communities[" + k + "]";
            JsonNode c = node.get(k);
            if (!c.isObject()) {
                r.fail(path, c, "must be a mapping with keys " + FieldReader.sorted(COMMUNITY_KEYS));
                continue;
            }
            String id = r.requiredId(c, path + ".id");
            if (peers.contains(id) || Communities.Outside.ID.equals(id) && hybrid()) {
                r.fail(path + ".id", c.get("id"), "is already the id of a peer" + (peers.contains(id) ? "" : " (reserved for the outside grid)"));
            } else if (idPaths.putIfAbsent(id, path) != null) {
                r.fail(path + ".id", c.get("id"), "duplicate id: " + idPaths.get(id) + " has the same id");
            }
        }
        Map<String, String> memberOf = new HashMap<>();
        for (int k = 0; k < node.size(); k++) {
            JsonNode c = node.get(k);
            if (c.isObject()) {
                list.add(community(c, "communities[" + k + "]", peers, idPaths.keySet(), memberOf));
            }
        }
        checkCycles(list);
        if (hybrid()) {
            checkNoWeights(peersNode, "applies only to market.type community: in a hybrid market members trade only"
                    + " with their pool and the manager trades with the parent market");
        }
        Map<String, Double> wImp = hybrid() ? Map.of() : weights(peersNode, peerIds, "w_imp", memberOf);
        Map<String, Double> wExp = hybrid() ? Map.of() : weights(peersNode, peerIds, "w_exp", memberOf);
        if (type.equals("community")) {
            for (int i = 0; i < peerIds.size(); i++) {
                if (!memberOf.containsKey(peerIds.get(i))) {
                    r.fail("peers[" + i + "].id", peersNode.get(i).get("id"), "market.type community needs every peer"
                            + " in a community (add it to one, or use market.type hybrid where single peers trade too)");
                }
            }
        }
        Optional<Communities.Outside> outside = hybrid() ? outside(root.get("outside")) : Optional.empty();
        if (!hybrid()) {
            outsideNotAllowed(root);
        }
        Communities result = new Communities(list, wImp, wExp, outside);
        if (!hybrid()) {
            checkNoArbitrage(result, peerIds);
        }
        return result;
    }

    private Community community(JsonNode c, String path, Set<String> peers, Set<String> communityIds,
                                Map<String, String> memberOf) {
        r.unknownKeys(c, path, COMMUNITY_KEYS);
        String id = c.has("id") ? c.get("id").asText() : "?" + path;
        List<String> members = new ArrayList<>();
        JsonNode m = c.get("members");
        if (m == null || !m.isArray() || m.isEmpty()) {
            r.fail(path + ".members", m, "must be a non-empty list of peer ids" + (hybrid() ? " or community ids" : ""));
        } else {
            for (int j = 0; j < m.size(); j++) {
                String at = path + ".members[" + j + "]";
                String member = m.get(j).isTextual() || m.get(j).isIntegralNumber() ? m.get(j).asText() : null;
                if (member == null) {
                    r.fail(at, m.get(j), "must be a peer id");
                } else if (member.equals(id)) {
                    r.fail(at, m.get(j), "a community cannot be its own member");
                } else if (communityIds.contains(member) && !hybrid()) {
                    r.fail(at, m.get(j), "names community '" + member + "': nested communities need market.type hybrid");
                } else if (!peers.contains(member) && !communityIds.contains(member)) {
                    r.fail(at, m.get(j), "names unknown " + (hybrid() ? "peer or community" : "peer") + " '" + member + "'");
                } else if (memberOf.containsKey(member)) {
                    r.fail(at, m.get(j), "'" + member + "' is already a member of community '" + memberOf.get(member)
                            + "': a peer or community belongs to at most one community");
                } else {
                    memberOf.put(member, id);
                    members.add(member);
                }
            }
        }
        return new Community(id, members, manager(c.get("manager"), path + ".manager"), prefs(c.get("prefs"), path + ".prefs", peers, communityIds));
    }

    private Community.Manager manager(JsonNode node, String path) {
        PeriodValues inf = PeriodValues.constant(Double.POSITIVE_INFINITY);
        PeriodValues zero = PeriodValues.constant(0);
        if (node == null || node.isNull()) {
            if (type.equals("community")) {
                r.problems.add(new Problem(path, null, "is required: {fee, import_price, export_price} at least"));
            }
            return new Community.Manager(zero, zero, zero, inf, inf);
        }
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping with keys " + FieldReader.sorted(MANAGER_KEYS));
            return new Community.Manager(zero, zero, zero, inf, inf);
        }
        r.unknownKeys(node, path, MANAGER_KEYS);
        PeriodValues fee = orElse(r.series(node.get("fee"), path + ".fee", 0.0, true), zero);
        PeriodValues imp = zero;
        PeriodValues exp = zero;
        if (hybrid()) {
            for (String key : List.of("import_price", "export_price")) {
                if (node.has(key)) {
                    r.fail(path + "." + key, node.get(key), "applies only to market.type community: in a hybrid market"
                            + " a community's price is set in its parent market (give the root's prices under outside)");
                }
            }
        } else {
            imp = orElse(r.series(node.get("import_price"), path + ".import_price", null, false), zero);
            exp = orElse(r.series(node.get("export_price"), path + ".export_price", null, false), zero);
        }
        PeriodValues capImp = orElse(r.series(node.get("import_cap"), path + ".import_cap", Double.POSITIVE_INFINITY, true), inf);
        PeriodValues capExp = orElse(r.series(node.get("export_cap"), path + ".export_cap", Double.POSITIVE_INFINITY, true), inf);
        return new Community.Manager(fee.scaled(1 / f), imp.scaled(1 / f), exp.scaled(1 / f), capImp.scaled(f),
                capExp.scaled(f));
    }

    private Optional<Communities.Outside> outside(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("outside", node, "must be a mapping with keys " + FieldReader.sorted(OUTSIDE_KEYS));
            return Optional.empty();
        }
        r.unknownKeys(node, "outside", OUTSIDE_KEYS);
        PeriodValues zero = PeriodValues.constant(0);
        PeriodValues inf = PeriodValues.constant(Double.POSITIVE_INFINITY);
        PeriodValues imp = orElse(r.series(node.get("import_price"), "outside.import_price", null, false), zero);
        PeriodValues exp = orElse(r.series(node.get("export_price"), "outside.export_price", null, false), zero);
        PeriodValues capImp = orElse(r.series(node.get("import_cap"), "outside.import_cap", Double.POSITIVE_INFINITY, true), inf);
        PeriodValues capExp = orElse(r.series(node.get("export_cap"), "outside.export_cap", Double.POSITIVE_INFINITY, true), inf);
        for (int t = 0; t < r.periods; t++) {
            if (imp.at(t) < exp.at(t)) {
                r.fail("outside.export_price", node.get("export_price"), "must be <= import_price (period " + (t + 1)
                        + ": " + ScenarioParser.fmt(exp.at(t)) + " > " + ScenarioParser.fmt(imp.at(t))
                        + "): buying from and selling to the outside at once would earn money");
                break;
            }
        }
        return Optional.of(new Communities.Outside(imp.scaled(1 / f), exp.scaled(1 / f), capImp.scaled(f), capExp.scaled(f)));
    }

    private void outsideNotAllowed(JsonNode root) {
        if (root.has("outside") && !root.get("outside").isNull()) {
            r.fail("outside", null, "applies only to market.type hybrid (the outside grid of the root market)");
        }
    }

    private Map<String, Double> prefs(JsonNode node, String path, Set<String> peers, Set<String> communityIds) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!hybrid()) {
            r.fail(path, null, "applies only to market.type hybrid (a community's trade preferences in its parent market)");
            return out;
        }
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping {agent id: cost per energy unit}");
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!peers.contains(key) && !communityIds.contains(key) && !key.equals(Communities.Outside.ID)) {
                r.fail(path + "." + key, e.getValue(), "names unknown agent '" + key + "' (a peer, a community or outside)");
                return;
            }
            Double v = r.number(e.getValue(), path + "." + key);
            if (v != null) {
                out.put(e.getKey(), v / f);
            }
        });
        return out;
    }

    private static String round(double v) {
        return ScenarioParser.fmt(Math.round(v * 1e12) / 1e12);
    }

    private static PeriodValues orElse(PeriodValues v, PeriodValues fallback) {
        return v == null ? fallback : v;
    }

    /** w_imp / w_exp of each peer that gives one: a number, only for community members. */
    private Map<String, Double> weights(JsonNode peersNode, List<String> ids, String key, Map<String, String> memberOf) {
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; peersNode != null && peersNode.isArray() && i < peersNode.size() && i < ids.size(); i++) {
            JsonNode w = peersNode.get(i).get(key);
            if (w == null || w.isNull()) {
                continue;
            }
            String path = "peers[" + i + "]." + key;
            if (!memberOf.containsKey(ids.get(i))) {
                r.fail(path, w, "applies only to members of a community");
                continue;
            }
            Double v = r.number(w, path);
            if (v != null) {
                out.put(ids.get(i), v / f);
            }
        }
        return out;
    }

    private void checkNoWeights(JsonNode peersNode, String message) {
        for (int i = 0; peersNode != null && peersNode.isArray() && i < peersNode.size(); i++) {
            for (String key : List.of("w_imp", "w_exp")) {
                JsonNode w = peersNode.get(i).get(key);
                if (w != null && !w.isNull()) {
                    r.fail("peers[" + i + "]." + key, w, message);
                }
            }
        }
    }

    /** Nested communities must form a tree: following parents from any community ends at the root. */
    private void checkCycles(List<Community> list) {
        Map<String, String> parent = new HashMap<>();
        for (Community c : list) {
            c.members().forEach(m -> parent.put(m, c.id()));
        }
        for (int k = 0; k < list.size(); k++) {
            String at = list.get(k).id();
            Set<String> seen = new HashSet<>();
            while (at != null && seen.add(at)) {
                at = parent.get(at);
            }
            if (at != null) {
                r.fail("communities[" + k + "].members", null, "nesting forms a cycle through community '" + at + "'");
                return;
            }
        }
    }

    /**
     * markets.md §2: pi_imp + w_imp >= pi_exp + w_exp for every member and period, or importing
     * and exporting at once would earn money.
     */
    /** True, with the problem named at the manager's import_price, when pi_imp < pi_exp in some period. */
    private boolean managerPricesCross(Community c, int k) {
        PeriodValues imp = c.manager().importPrice();
        PeriodValues exp = c.manager().exportPrice();
        for (int t = 0; t < r.periods; t++) {
            if (imp.at(t) < exp.at(t) - 1e-12) {
                String path = "communities[" + k + "].manager.import_price" + (imp.size() > 1 ? "[" + t + "]" : "");
                r.problems.add(new Problem(path, round(imp.at(t) * f), "community '" + c.id() + "'"
                        + (r.periods > 1 ? " in period " + (t + 1) : "") + ": import_price " + round(imp.at(t) * f)
                        + " < export_price " + round(exp.at(t) * f) + "; importing and exporting at once would earn money"
                        + " (markets.md §2 requires pi_imp + w_imp >= pi_exp + w_exp)"));
                return true;
            }
        }
        return false;
    }

    private void checkNoArbitrage(Communities cs, List<String> peerIds) {
        for (int k = 0; k < cs.list().size(); k++) {
            Community c = cs.list().get(k);
            if (managerPricesCross(c, k)) {
                continue; // the manager's terms break the rule for every member: name them, not the members' w_exp
            }
            for (String m : c.members()) {
                for (int t = 0; t < r.periods; t++) {
                    double in = c.manager().importPrice().at(t) + cs.wImp(m);
                    double out = c.manager().exportPrice().at(t) + cs.wExp(m);
                    if (in < out - 1e-12) {
                        int i = peerIds.indexOf(m);
                        String path = i >= 0 ? "peers[" + i + "].w_exp" : "communities[" + k + "].manager.export_price";
                        r.problems.add(new Problem(path, ScenarioParser.fmt(cs.wExp(m) * f),
                                "member '" + m + "' of community '" + c.id() + "'" + (r.periods > 1 ? " in period " + (t + 1) : "")
                                        + ": import_price + w_imp = " + round(in * f) + " < export_price + w_exp = "
                                        + round(out * f) + "; importing and exporting at once would earn money"
                                        + " (markets.md §2 requires pi_imp + w_imp >= pi_exp + w_exp)"));
                        break;
                    }
                }
            }
        }
    }
}
