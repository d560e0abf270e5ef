package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peermarket.grid.GridCase;
import org.peermarket.market.dso.ConstrainedP2P;
import org.peermarket.market.dso.DsoPolicies;
import org.peermarket.model.DsoSpec;

/**
 * The grid a DSO configures for one market, and its policy at gate closure (docs/platform.md#dso-policy,
 * docs/dso-policies.md, markets.md section 6). The network is a {@link GridCase} in both of its forms, and the
 * policy's PTDF, ratings and pre-market flows come from it through the study's own code
 * ({@code GridStudy.setup}, {@code DsoStage}), as in {@code peermarket run}:
 * <ul>
 * <li>case form ({@code network} set): a built-in or uploaded MATPOWER case with the scenario's {@code ratings} and
 * {@code base}, participants at the buses {@code network.buses} lists (others at the reference bus), the policy
 * from the market's {@code dso} key ({@link MarketNetwork});</li>
 * <li>lines form, kept for compatibility ({@code network} null): lines join platform buses; {@code flow} is each
 * line's flow before the market and {@code rating} its limit, both kWh per period. It becomes a case of one branch
 * per line (rating as RATE_A, {@code slack} the reference bus) whose bus loads carry exactly those flows, and a
 * participant without a bus on it is at the slack.</li>
 * </ul>
 * A line is at risk when |flow| / rating >= theta. Policies:
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
                         Charge charge, MarketNetwork network) {

    /** The reason a refused match carries. */
    public static final String BLOCKED = "blocked by the DSO: loads a line at risk of congestion";

    public static final List<String> POLICIES = List.of("none", "block", "incentive", "charge", "constrained");
    /** Policies that change a cost program (P2P or a community's pool), which auctions and the CDA do not have. */
    static final Set<String> P2P_ONLY = Set.of("incentive", "charge", "constrained");

    /** True for the mechanisms with a cost program for incentive, charge and constrained: p2p/* and communities. */
    static boolean takesCosts(String mechanism) {
        return mechanism.startsWith("p2p/") || mechanism.startsWith("community/");
    }
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

    /** A grid of the lines form. */
    public MarketGrid(String policy, double theta, String slack, List<Line> lines, double w, double preference, Charge charge) {
        this(policy, theta, slack, lines, w, preference, charge, null);
    }

    /** A grid of the case form; {@code slack} names the case's reference bus. */
    static MarketGrid of(MarketNetwork.Parsed p, GridCase loaded) {
        DsoSpec d = p.dso();
        Charge charge = d.policy().equals(DsoSpec.CHARGE) ? new Charge(d.chargeType(), d.fee(), d.feeInside(), Map.of()) : null;
        return new MarketGrid(d.policy(), d.theta(), String.valueOf(loaded.buses().get(loaded.slack()).number()), List.of(),
                d.w(), p.preference(), charge, p.network());
    }

    /** The policy of a mechanism that cannot apply it: auctions and the CDA take none and block only. */
    static void checkPolicy(Body b, String field, String policy, String mechanism) {
        if (P2P_ONLY.contains(policy) && mechanism != null && !takesCosts(mechanism)) {
            b.fail(field, policy, "applies to p2p/* and community markets (it changes the program's trade costs or rows);"
                    + " " + mechanism + " takes none or block");
        }
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
        } else {
            checkPolicy(b, "grid.policy", policy, mechanism);
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
        MarketGrid grid = new MarketGrid(policy, theta, slack, lines, w, preference, charge);
        if (b.ok()) {
            LinesCase.check(b, grid);
        }
        return grid;
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

    /** As stored: the lines form's keys, or the case form's with its policy under {@code dso}. */
    Map<String, Object> toMap() {
        if (network != null) {
            Map<String, Object> m = network.toMap();
            m.put("dso", dsoMap());
            return m;
        }
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
            m.put("charge", chargeMap("feeInside", true));
        }
        return m;
    }

    /**
     * The charge as a map, its fee inside a zone under {@code feeInsideKey} (the API's camel case or the scenario's
     * snake case); the zones only {@code withZones} (a scenario's {@code dso.charge} has no zones key).
     */
    private Map<String, Object> chargeMap(String feeInsideKey, boolean withZones) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", charge.type());
        c.put("fee", charge.fee());
        if (charge.type().equals("zonal")) {
            c.put(feeInsideKey, charge.feeInside());
            if (withZones) {
                c.put("zones", new java.util.TreeMap<>(charge.zones()));
            }
        }
        return c;
    }

    /** The markets table's grid column: VARCHAR(100000) (db/migration V3). */
    static final int MAX_STORED = 100_000;

    int storedSize() {
        return Json.write(toMap()).length();
    }

    /** The market's {@code grid} as answered: the case form without its policy (that is the market's {@code dso}). */
    Map<String, Object> gridMap() {
        return network != null ? network.toMap() : toMap();
    }

    /** The case form's policy in the scenario's {@code dso} keys (fees per kWh); null for the lines form. */
    Map<String, Object> dsoMap() {
        if (network == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", policy);
        m.put("theta", theta);
        if (policy.equals(DsoSpec.INCENTIVE)) {
            m.put("w", w);
            m.put("preference", preference);
        }
        if (charge != null) {
            m.put("charge", chargeMap("fee_inside", false));
        }
        return m;
    }

    static MarketGrid fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode n = Json.tree(text);
        if (!n.has("lines")) {
            return caseFromJson(n);
        }
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

    private static MarketGrid caseFromJson(JsonNode n) {
        MarketNetwork net = MarketNetwork.fromJson(n);
        JsonNode d = n.get("dso");
        JsonNode c = d.path("charge");
        DsoSpec spec = new DsoSpec(d.get("policy").asText(), d.get("theta").asDouble(), d.path("w").asDouble(DEFAULT_W),
                c.path("type").asText("unique"), c.path("fee").asDouble(0), c.path("fee_inside").asDouble(0));
        GridCase loaded = net.load();
        return of(new MarketNetwork.Parsed(net, spec, d.path("preference").asDouble(DEFAULT_PREFERENCE)), loaded);
    }

    /** This grid's policy as the market module's spec (fees per kWh, as the platform's prices). */
    DsoSpec spec() {
        return new DsoSpec(policy, theta, w, charge == null ? "unique" : charge.type(), charge == null ? 0 : charge.fee(),
                charge == null ? 0 : charge.feeInside());
    }

    /** The PTDF, base flows and at-risk lines of this grid, ready to judge matches; periods of this many minutes. */
    CompiledGrid compile(int periodMinutes) {
        return CompiledGrid.of(this, periodMinutes);
    }
}
