package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peermarket.grid.Branch;
import org.peermarket.grid.Bus;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;
import org.peermarket.market.DsoPolicies;

/**
 * The grid a DSO configures for one market, and its policy at gate closure (docs/platform.md,
 * docs/dso-policies.md, markets.md section 6). Lines join platform buses; {@code flow} is each
 * line's flow before the market (kWh per period, from {@code from} to {@code to}) and
 * {@code rating} its limit in the same unit, so a line is at risk when |flow| / rating >= theta.
 * Policy {@code block}: a match from seller i to buyer j is refused when it loads an at-risk line
 * further, e_l = sign(F_l) (PTDF_l,bus(i) - PTDF_l,bus(j)) > 0 ({@link DsoPolicies#blocked}). A
 * participant without a bus on this grid counts as connected at the slack.
 */
public record MarketGrid(String policy, double theta, String slack, List<Line> lines) {

    /** The reason a refused match carries. */
    public static final String BLOCKED = "blocked by the DSO: loads a line at risk of congestion";

    public record Line(String from, String to, double x, double rating, double flow) {}

    public MarketGrid {
        lines = List.copyOf(lines);
    }

    /** Reads {@code grid} of a market body; null when absent. Problems name e.g. {@code grid.lines[1].to}. */
    static MarketGrid parse(Body b, JsonNode n, Set<String> buses) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            b.fail("grid", n, "must be an object");
            return null;
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!Set.of("policy", "theta", "slack", "lines").contains(k)) {
                b.fail("grid." + k, null, "unknown field; expected one of [lines, policy, slack, theta]");
            }
        });
        String policy = n.path("policy").asText("block");
        if (!policy.equals("block")) {
            b.fail("grid.policy", policy, "must be block (the only policy applied live)");
        }
        double theta = b.number(n.get("theta"), "grid.theta", 0.8, 0, false);
        String slack = bus(b, n.get("slack"), "grid.slack", buses);
        List<Line> lines = new ArrayList<>();
        JsonNode ls = n.get("lines");
        if (ls == null || !ls.isArray() || ls.isEmpty()) {
            b.fail("grid.lines", ls, "must be a non-empty array of lines");
            return null;
        }
        for (int i = 0; i < ls.size(); i++) {
            JsonNode l = ls.get(i);
            String f = "grid.lines[" + i + "]";
            String from = bus(b, l.get("from"), f + ".from", buses);
            String to = bus(b, l.get("to"), f + ".to", buses);
            if (from != null && from.equals(to)) {
                b.fail(f + ".to", to, "must differ from from");
            }
            double x = b.number(l.get("x"), f + ".x", 1.0, 0, false);
            double rating = b.number(l.get("rating"), f + ".rating", null, 0, false);
            double flow = b.number(l.get("flow"), f + ".flow", 0.0, -Double.MAX_VALUE, true);
            lines.add(new Line(from, to, x, rating, flow));
        }
        return new MarketGrid(policy, theta, slack, lines);
    }

    private static String bus(Body b, JsonNode n, String field, Set<String> buses) {
        if (n == null || !n.isTextual()) {
            b.fail(field, n, "required: the id of a bus");
            return null;
        }
        if (!buses.contains(n.asText())) {
            b.fail(field, n.asText(), "no such bus");
            return null;
        }
        return n.asText();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", policy);
        m.put("theta", theta);
        m.put("slack", slack);
        m.put("lines", lines.stream().map(l -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("from", l.from());
            r.put("to", l.to());
            r.put("x", l.x());
            r.put("rating", l.rating());
            r.put("flow", l.flow());
            return r;
        }).toList());
        return m;
    }

    static MarketGrid fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode n = Json.tree(text);
        List<Line> lines = new ArrayList<>();
        n.get("lines").forEach(l -> lines.add(new Line(l.get("from").asText(), l.get("to").asText(), l.get("x").asDouble(),
                l.get("rating").asDouble(), l.get("flow").asDouble())));
        return new MarketGrid(n.get("policy").asText(), n.get("theta").asDouble(), n.get("slack").asText(), lines);
    }

    /** The PTDF, base flows and at-risk lines of this grid, ready to judge matches. */
    Compiled compile() {
        Map<String, Integer> index = new LinkedHashMap<>();
        index.put(slack, 0);
        for (Line l : lines) {
            index.putIfAbsent(l.from(), index.size());
            index.putIfAbsent(l.to(), index.size());
        }
        List<Bus> buses = new ArrayList<>();
        index.forEach((id, i) -> buses.add(new Bus(i + 1, i == 0 ? Bus.REF : Bus.PQ, 0, 0, 0, 0, 1, 1, 0, 0.4, 1, 1.1, 0.9)));
        List<Branch> branches = new ArrayList<>();
        double[] flows = new double[lines.size()];
        double[] ratings = new double[lines.size()];
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            branches.add(new Branch(index.get(line.from()) + 1, index.get(line.to()) + 1, 0, line.x(), 0, line.rating(), 0, 0,
                    0, 0, 1, -360, 360));
            flows[l] = line.flow();
            ratings[l] = line.rating();
        }
        double[][] ptdf = Ptdf.of(new GridCase("market grid", 1, buses, List.of(), branches)).matrix();
        return new Compiled(index, ptdf, flows, DsoPolicies.atRisk(flows, ratings, theta));
    }

    /** A grid ready to judge matches between participants at buses. */
    record Compiled(Map<String, Integer> busIndex, double[][] ptdf, double[] flows, boolean[] atRisk) {

        /** PTDF column of a participant's bus; the slack's for one off this grid. */
        int position(String bus) {
            return bus == null ? 0 : busIndex.getOrDefault(bus, 0);
        }

        /** The block policy's refusal for a match between participants at these buses, or null. */
        String refusal(String sellerBus, String buyerBus) {
            int[] at = {position(sellerBus), position(buyerBus)};
            return DsoPolicies.blocked(ptdf, at, flows, atRisk, 0, 1) ? BLOCKED : null;
        }
    }
}
