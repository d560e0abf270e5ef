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
import org.peermarket.market.ConstrainedP2P;
import org.peermarket.market.DsoPolicies;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;

/**
 * The grid a DSO configures for one market, and its policy at gate closure (docs/platform.md#dso-policy,
 * docs/dso-policies.md, markets.md section 6). Lines join platform buses; {@code flow} is each line's flow before
 * the market (kWh per period, from {@code from} to {@code to}) and {@code rating} its limit in the same unit, so a
 * line is at risk when |flow| / rating >= theta. A participant without a bus on this grid counts as connected at
 * the slack. Policies:
 * <ul>
 * <li>{@code none}: the grid is only shown;</li>
 * <li>{@code block}: a match from seller i to buyer j is refused when it loads an at-risk line further,
 * e_l = sign(F_l) (PTDF_l,bus(i) - PTDF_l,bus(j)) > 0 ({@link DsoPolicies#blocked}); every mechanism;</li>
 * <li>{@code incentive}: every pair's trade cost (each side's {@code preference}) scaled by (1 +- w) per at-risk line
 * ({@link DsoPolicies#incentive}); {@code p2p/*} only;</li>
 * <li>{@code charge}: a network charge g_ij per kWh the buyer pays to the DSO, {@code unique}, {@code distance} or
 * {@code zonal} ({@link DsoPolicies}); {@code p2p/*} only;</li>
 * <li>{@code constrained}: every line's rating inside the clearing ({@link ConstrainedP2P}); {@code p2p/*} only.</li>
 * </ul>
 */
public record MarketGrid(String policy, double theta, String slack, List<Line> lines, double w, double preference,
                         Charge charge) {

    /** The reason a refused match carries. */
    public static final String BLOCKED = "blocked by the DSO: loads a line at risk of congestion";

    public static final List<String> POLICIES = List.of("none", "block", "incentive", "charge", "constrained");
    /** Policies that change the P2P program itself, which auctions and the CDA do not have. */
    static final Set<String> P2P_ONLY = Set.of("incentive", "charge", "constrained");
    public static final double DEFAULT_W = 0.2;
    /** Each side's trade cost per kWh that incentives scale: seed 003's 5 EUR/MWh (section 5.4.2.4). */
    public static final double DEFAULT_PREFERENCE = 0.005;

    public record Line(String from, String to, double x, double rating, double flow) {}

    /**
     * A network charge (Baroche et al. 2019) per kWh: {@code unique} fee on every trade, {@code distance}
     * fee * sum_l |PTDF_l,i - PTDF_l,j|, {@code zonal} feeInside within a zone and fee across; {@code zones} maps
     * bus ids to zone names (a bus not listed, or no bus, is in the slack's zone).
     */
    public record Charge(String type, double fee, double feeInside, Map<String, String> zones) {
        public Charge {
            zones = Map.copyOf(zones);
        }
    }

    public MarketGrid {
        lines = List.copyOf(lines);
    }

    /**
     * Reads {@code grid} of a market body; null when absent. Problems name e.g. {@code grid.lines[1].to}.
     * A policy the mechanism cannot apply is refused: auctions and the CDA take {@code none} and
     * {@code block} only (docs/platform.md#dso-policy says why).
     */
    static MarketGrid parse(Body b, JsonNode n, Set<String> buses, String mechanism) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            b.fail("grid", n, "must be an object");
            return null;
        }
        Set<String> keys = Set.of("policy", "theta", "slack", "lines", "w", "preference", "charge");
        n.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                b.fail("grid." + k, null, "unknown field; expected one of " + new java.util.TreeSet<>(keys));
            }
        });
        String policy = n.path("policy").asText("block");
        if (!POLICIES.contains(policy)) {
            b.fail("grid.policy", policy, "must be one of " + POLICIES);
        } else if (P2P_ONLY.contains(policy) && mechanism != null && !mechanism.startsWith("p2p/")) {
            b.fail("grid.policy", policy, "applies to p2p/* markets (it changes the P2P program's trade costs or rows);"
                    + " " + mechanism + " takes none or block");
        }
        double theta = b.number(n.get("theta"), "grid.theta", 0.8, 0, false);
        double w = onlyFor(b, n, "w", policy, "incentive") ? fraction(b, n.get("w")) : DEFAULT_W;
        double preference = onlyFor(b, n, "preference", policy, "incentive")
                ? b.number(n.get("preference"), "grid.preference", DEFAULT_PREFERENCE, 0, true) : DEFAULT_PREFERENCE;
        String slack = bus(b, n.get("slack"), "grid.slack", buses);
        Charge charge = null;
        if (policy.equals("charge")) {
            charge = charge(b, n.get("charge"), buses);
        } else {
            onlyFor(b, n, "charge", policy, "charge");
        }
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
        return new MarketGrid(policy, theta, slack, lines, w, preference, charge);
    }

    /** True when the key is there and the policy uses it; a problem when it is there and the policy does not. */
    private static boolean onlyFor(Body b, JsonNode n, String key, String policy, String user) {
        if (!n.has(key) || n.get(key).isNull()) {
            return false;
        }
        if (!policy.equals(user)) {
            b.fail("grid." + key, n.get(key), "applies only to policy " + user);
            return false;
        }
        return true;
    }

    private static double fraction(Body b, JsonNode n) {
        double w = b.number(n, "grid.w", DEFAULT_W, 0, true);
        if (w >= 1) {
            b.fail("grid.w", n, "must be in [0, 1)");
        }
        return w;
    }

    private static Charge charge(Body b, JsonNode n, Set<String> buses) {
        if (n == null || !n.isObject()) {
            b.fail("grid.charge", n, "is required with policy charge, e.g. {\"type\": \"unique\", \"fee\": 0.01}");
            return null;
        }
        Set<String> keys = Set.of("type", "fee", "feeInside", "zones");
        n.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                b.fail("grid.charge." + k, null, "unknown field; expected one of " + new java.util.TreeSet<>(keys));
            }
        });
        String type = n.path("type").asText("unique");
        if (!CHARGES.contains(type)) {
            b.fail("grid.charge.type", n.get("type"), "must be one of " + CHARGES);
        }
        // a negative fee would pay both directions of a pair, so a round trip would earn money (markets.md section 1)
        double fee = b.number(n.get("fee"), "grid.charge.fee", 0.0, 0, true);
        double inside = 0;
        Map<String, String> zones = new java.util.TreeMap<>();
        if (type.equals("zonal")) {
            inside = b.number(n.get("feeInside"), "grid.charge.feeInside", 0.0, 0, true);
            zones(b, n.get("zones"), buses, zones);
        } else {
            for (String k : List.of("feeInside", "zones")) {
                if (n.has(k)) {
                    b.fail("grid.charge." + k, n.get(k), "applies only to charge type zonal");
                }
            }
        }
        return new Charge(type, fee, inside, zones);
    }

    static final List<String> CHARGES = List.of("unique", "distance", "zonal");

    private static void zones(Body b, JsonNode n, Set<String> buses, Map<String, String> out) {
        if (n == null || !n.isObject() || n.isEmpty()) {
            b.fail("grid.charge.zones", n, "required for a zonal charge: an object from bus id to zone name, e.g. {\"b1\": \"north\"}");
            return;
        }
        n.fields().forEachRemaining(e -> {
            String f = "grid.charge.zones." + e.getKey();
            if (!buses.contains(e.getKey())) {
                b.fail(f, e.getKey(), "no such bus");
            } else if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                b.fail(f, e.getValue(), "must be a zone name (a non-empty string)");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
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
        if (policy.equals("incentive")) {
            m.put("w", w);
            m.put("preference", preference);
        }
        if (charge != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", charge.type());
            c.put("fee", charge.fee());
            if (charge.type().equals("zonal")) {
                c.put("feeInside", charge.feeInside());
                c.put("zones", new java.util.TreeMap<>(charge.zones()));
            }
            m.put("charge", c);
        }
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
        Charge charge = null;
        JsonNode c = n.get("charge");
        if (c != null && c.isObject()) {
            Map<String, String> zones = new java.util.TreeMap<>();
            c.path("zones").fields().forEachRemaining(e -> zones.put(e.getKey(), e.getValue().asText()));
            charge = new Charge(c.get("type").asText(), c.get("fee").asDouble(), c.path("feeInside").asDouble(0), zones);
        }
        return new MarketGrid(n.get("policy").asText(), n.get("theta").asDouble(), n.get("slack").asText(), lines,
                n.path("w").asDouble(DEFAULT_W), n.path("preference").asDouble(DEFAULT_PREFERENCE), charge);
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
        return new Compiled(this, index, ptdf, flows, ratings, DsoPolicies.atRisk(flows, ratings, theta));
    }

    /** This grid's policy as the market module's spec (fees per kWh, as the platform's prices). */
    DsoSpec spec() {
        return new DsoSpec(policy, theta, w, charge == null ? "unique" : charge.type(), charge == null ? 0 : charge.fee(),
                charge == null ? 0 : charge.feeInside());
    }

    /** A grid ready to judge matches between participants at buses. */
    record Compiled(MarketGrid grid, Map<String, Integer> busIndex, double[][] ptdf, double[] flows, double[] ratings,
                    boolean[] atRisk) {

        /** PTDF column of a participant's bus; the slack's for one off this grid. */
        int position(String bus) {
            return bus == null ? 0 : busIndex.getOrDefault(bus, 0);
        }

        /** The block policy's refusal for a match between participants at these buses, or null (other policies). */
        String refusal(String sellerBus, String buyerBus) {
            if (!grid.policy().equals("block")) {
                return null;
            }
            int[] at = {position(sellerBus), position(buyerBus)};
            return DsoPolicies.blocked(ptdf, at, flows, atRisk, 0, 1) ? BLOCKED : null;
        }

        /** This policy judging the matches of a market whose participants are at {@code busOf(participant)}. */
        Clearing.Grid judge(java.util.function.Function<String, String> busOf) {
            Compiled g = this;
            return new Clearing.Grid() {
                @Override
                public String refusal(Order seller, Order buyer) {
                    return g.refusal(busOf.apply(seller.participant()), busOf.apply(buyer.participant()));
                }

                @Override
                public TradeGraph shape(TradeGraph graph, List<Order> owners) {
                    return g.shape(graph, owners.stream().map(o -> busOf.apply(o.participant())).toList());
                }

                @Override
                public Clearing.Constrained constrained() {
                    return !g.constrained() ? null : new Clearing.Constrained() {
                        @Override
                        public ConstrainedP2P.Result clear(MarketInput in, List<Order> owners) {
                            return g.clearConstrained(in, owners.stream().map(o -> busOf.apply(o.participant())).toList());
                        }

                        @Override
                        public Map<String, Object> congestion(ConstrainedP2P.Result r) {
                            return g.congestion(r);
                        }
                    };
                }
            };
        }

        /** A bus's zone for a zonal charge: its own when listed, else the slack's. */
        String zone(String bus) {
            Map<String, String> zones = grid.charge() == null ? Map.of() : grid.charge().zones();
            String z = bus == null ? null : zones.get(bus);
            return z != null ? z : zones.getOrDefault(grid.slack(), "");
        }

        /**
         * The trading graph over peers at these buses after incentive or charge ({@link DsoPolicies#apply}), the same
         * edges in the same order; for incentive every edge first carries each side's {@code preference}, the trade
         * cost that is scaled.
         */
        TradeGraph shape(TradeGraph g, List<String> peerBus) {
            if (!grid.policy().equals("incentive") && !grid.policy().equals("charge")) {
                return g; // block judges pairs as they are built (refusal), constrained adds rows: the edges stay as they are
            }
            TradeGraph base = g;
            if (grid.policy().equals("incentive")) {
                TradeGraph.Builder b = TradeGraph.builder(g.peers());
                for (int e = 0; e < g.edges(); e++) {
                    b.add(g.seller(e), g.buyer(e), g.prefSeller(e) + grid.preference(), g.prefBuyer(e) + grid.preference(),
                            g.charge(e));
                }
                base = b.build();
            }
            return DsoPolicies.apply(grid.spec(), base, ptdf, positions(peerBus), flows, ratings, zones(peerBus));
        }

        int[] positions(List<String> peerBus) {
            return peerBus.stream().mapToInt(this::position).toArray();
        }

        private int[] zones(List<String> peerBus) {
            List<String> names = new ArrayList<>();
            int[] z = new int[peerBus.size()];
            for (int n = 0; n < z.length; n++) {
                String name = zone(peerBus.get(n));
                if (!names.contains(name)) {
                    names.add(name);
                }
                z[n] = names.indexOf(name);
            }
            return z;
        }

        boolean constrained() {
            return grid.policy().equals("constrained");
        }

        /** The P2P market with every line's rating as rows of the clearing (kWh per period throughout). */
        ConstrainedP2P.Result clearConstrained(MarketInput in, List<String> peerBus) {
            return ConstrainedP2P.clear(in, ptdf, positions(peerBus), flows, ratings, 1.0);
        }

        /**
         * The congestion part of a constrained clearing, published with the period: per line its flow before and
         * after (kWh) and its dual nu_l (currency per kWh), per bus the congestion component
         * kappa = sum_l PTDF_l,bus nu_l that a peer's marginal cost there adds to its energy price mu.
         */
        Map<String, Object> congestion(ConstrainedP2P.Result r) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Map<String, Object>> ls = new ArrayList<>();
            for (int l = 0; l < ratings.length; l++) {
                Line line = grid.lines().get(l);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("from", line.from());
                row.put("to", line.to());
                row.put("rating", line.rating());
                row.put("flowBefore", flows[l]);
                row.put("flowAfter", r.flowsAfterMw()[l]);
                row.put("dual", r.lineDual()[l]);
                ls.add(row);
            }
            out.put("lines", ls);
            Map<String, Object> buses = new java.util.TreeMap<>();
            busIndex.forEach((bus, i) -> {
                double kappa = 0;
                for (int l = 0; l < ratings.length; l++) {
                    kappa += ptdf[l][i] * r.lineDual()[l];
                }
                buses.put(bus, kappa);
            });
            out.put("congestion", buses);
            return out;
        }
    }
}
