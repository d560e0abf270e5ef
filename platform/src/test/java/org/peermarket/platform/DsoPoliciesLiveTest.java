package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.LedgerEntry;

/**
 * Every DSO policy at gate closure of p2p/* markets, each against a case worked out by hand, on DsoGateTest's feeder:
 * substation b0 (the slack) - line l1 (rating 100, flow 9) - b1 - line l2 (rating 10, flow 9 from b1 to b2: at risk at
 * theta 0.8) - b2. PTDF by hand (slack b0): l1 is -1 at b1 and b2, l2 is -1 at b2 and 0 elsewhere. So a sale from b2 to
 * b1 relieves l2 (e = sign(9) (-1 - 0) = -1), one from b1 to b2 loads it; electrical distances sum_l |H_l,i - H_l,j|
 * are b1-b2 1, b0-b1 1, b0-b2 2 and 0 within a bus. Participants: alice and carol at b1, bob and erin at b2, dave
 * without a bus (the slack). Every price is per kWh; each market has one period.
 */
class DsoPoliciesLiveTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";
    static final List<Map<String, Object>> LINES = List.of(
            Map.of("from", "b0", "to", "b1", "rating", 100, "flow", 9),
            Map.of("from", "b1", "to", "b2", "rating", 10, "flow", 9));
    /** PTDF by hand, lines x buses b0, b1, b2 (and dave's "none" at the slack). */
    static final Map<String, double[]> PTDF = Map.of("b0", new double[] {0, 0}, "b1", new double[] {-1, 0},
            "b2", new double[] {-1, -1});

    @TempDir
    Path dir;

    TestClock clock;
    PlatformServer server;
    ApiClient admin;
    ApiClient alice;
    ApiClient bob;
    ApiClient carol;
    ApiClient dave;
    ApiClient erin;
    ApiClient dso;
    final Map<String, String> busOf = Map.of("alice", "b1", "carol", "b1", "bob", "b2", "erin", "b2", "dave", "b0");

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock);
        admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
        for (String b : new String[] {"b0", "b1", "b2"}) {
            assertThat(admin.post("/api/buses", Map.of("id", b, "name", b)).status()).isEqualTo(201);
        }
        alice = admin.register("alice", "b1", "peer");
        carol = admin.register("carol", "b1", "peer");
        bob = admin.register("bob", "b2", "peer");
        erin = admin.register("erin", "b2", "peer");
        dave = admin.register("dave", null, "peer");
        dso = admin.register("gridco", null, "dso");
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void market(String id, String mechanism, Map<String, Object> policy) {
        market(id, mechanism, policy, LINES);
    }

    private void market(String id, String mechanism, Map<String, Object> policy, List<Map<String, Object>> lines) {
        Map<String, Object> grid = new LinkedHashMap<>(policy);
        grid.put("slack", "b0");
        grid.put("lines", lines);
        var r = admin.post("/api/markets", Map.of("id", id, "mechanism", mechanism, "start", P0, "periodMinutes", 60,
                "gateMinutes", 60, "periods", 1, "grid", grid));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    private static void order(ApiClient c, String market, String side, double q, double price) {
        var r = c.submit(market, side, P0, P1, q, price, market + "-" + c.id);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    private void close(int markets) {
        clock.set(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(server.closeDuePeriods()).hasSize(markets);
    }

    /** seller -> buyer -> {quantity, price, charge} of one market's trades, read by the two sides. */
    private Map<String, double[]> trades(String market) {
        Map<String, double[]> out = new HashMap<>();
        for (ApiClient c : List.of(alice, carol, dave, erin)) {
            for (JsonNode t : c.get("/api/trades").json()) {
                if (t.get("market").asText().equals(market) && t.get("seller").asText().equals(c.id)) {
                    out.merge(c.id + "->" + t.get("buyer").asText(), new double[] {t.get("quantity").asDouble(),
                            t.get("price").asDouble(), t.get("charge").asDouble()},
                            (x, y) -> new double[] {x[0] + y[0], y[1], y[2]});
                }
            }
        }
        return out;
    }

    private static Map<String, JsonNode> bills(ApiClient c) {
        Map<String, JsonNode> out = new HashMap<>();
        c.get("/api/bills").json().forEach(b -> out.put(b.get("market").asText() + "/" + b.get("participant").asText(), b));
        return out;
    }

    @Test
    void incentiveFlipsWhichPairTradesWhenCostsAreClose() {
        // the same orders with and without the incentive. carol (b1) buys 1; alice (b1) asks 0.100, erin (b2) 0.1015.
        // Without: alice is cheaper. With incentive (w 0.2, each side's preference 0.005, c = 0.01): alice -> carol
        // leaves l2 alone (c = 0.01, delivered 0.110); erin -> carol relieves it (c = 0.01 x 0.8 = 0.008, delivered
        // 0.1095): erin sells. Her price is mu + her preference = 0.1015 + 0.004 (she is interior: 1 of 2 sold).
        market("plain", "p2p/central", Map.of("policy", "none"));
        market("inc", "p2p/central", Map.of("policy", "incentive"));
        market("inc-admm", "p2p/admm", Map.of("policy", "incentive", "w", 0.2, "preference", 0.005));
        for (String m : List.of("plain", "inc", "inc-admm")) {
            order(alice, m, "sell", 2, 0.100);
            order(erin, m, "sell", 2, 0.1015);
            order(carol, m, "buy", 1, 0.20);
        }
        close(3);
        assertThat(trades("plain")).containsOnlyKeys("alice->carol");
        assertThat(trades("plain").get("alice->carol")[0]).isCloseTo(1, within(1e-6));
        assertThat(trades("inc")).containsOnlyKeys("erin->carol");
        double[] t = trades("inc").get("erin->carol");
        assertThat(t[0]).isCloseTo(1, within(1e-6));
        assertThat(t[1]).isCloseTo(0.1055, within(1e-9));
        assertThat(t[2]).isZero(); // an incentive is a preference, no money to the DSO (as the study's settlement)
        // the negotiation reaches the same pair to its tolerance
        double erinAdmm = trades("inc-admm").getOrDefault("erin->carol", new double[1])[0];
        assertThat(erinAdmm).isCloseTo(1, within(1e-2));
        // no grid charge: carol pays erin exactly what erin receives, and there is no DSO bill
        assertThat(bills(carol).get("inc/carol").get("paid").asDouble()).isEqualTo(bills(erin).get("inc/erin").get("received").asDouble());
        assertThat(bills(carol).get("inc/carol").get("gridCharges").asDouble()).isZero();
        assertThat(bills(dso)).isEmpty();
        assertThat(server.exchange().verifyLedger().ok()).isTrue();
    }

    @Test
    void chargesAddTheirFeePerKwhChangeTheOptimumAndPayTheDso() throws Exception {
        // unique 0.01: alice (b1) asks 0.10 for 3; carol bids 0.105 for 2, bob 0.20 for 2. Delivered to a buyer
        // alice's energy costs 0.11, above carol's bid: only bob buys (2, alice interior: price 0.10, charge 0.01).
        market("uniq", "p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "unique", "fee", 0.01)));
        order(alice, "uniq", "sell", 3, 0.10);
        order(carol, "uniq", "buy", 2, 0.105);
        order(bob, "uniq", "buy", 2, 0.20);
        // distance 0.01: bob (b2) buys 6. dave (b0) asks 0.10 (distance 2: 0.12 delivered), alice (b1) 0.105
        // (distance 1: 0.115), erin (b2) 0.118 for 4 (distance 0). Cheapest delivered: alice 3, erin 3 (not dave,
        // who would be first without charges). erin is interior: mu_bob = 0.118, alice's price 0.118 - 0.01.
        market("dist", "p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "distance", "fee", 0.01)));
        order(dave, "dist", "sell", 3, 0.10);
        order(alice, "dist", "sell", 3, 0.105);
        order(erin, "dist", "sell", 4, 0.118);
        order(bob, "dist", "buy", 6, 0.20);
        // zonal: b0 and b1 west, b2 east; across 0.02, inside 0.001. bob (east) buys 2: erin (east) 0.115 for 1
        // (0.116 delivered), alice (west) 0.10 for 2 (0.12 delivered): erin 1, alice 1 (interior: mu_bob = 0.12;
        // erin's price 0.12 - 0.001). Without charges alice would sell both.
        market("zone", "p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "zonal", "fee", 0.02,
                "feeInside", 0.001, "zones", Map.of("b0", "west", "b1", "west", "b2", "east"))));
        order(alice, "zone", "sell", 2, 0.10);
        order(erin, "zone", "sell", 1, 0.115);
        order(bob, "zone", "buy", 2, 0.20);
        // dave has no bus: he counts at the slack b0, in the west. He asks 0.099 for 2 (0.119 delivered to bob
        // across zones); erin 0.115 for 1 (0.116 inside the east). bob buys 2: erin 1, dave 1 (interior: mu_bob =
        // 0.119; erin's price 0.119 - 0.001). Were dave counted in bob's zone, 0.100 delivered, he would sell both.
        market("zone2", "p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "zonal", "fee", 0.02,
                "feeInside", 0.001, "zones", Map.of("b0", "west", "b1", "west", "b2", "east"))));
        order(dave, "zone2", "sell", 2, 0.099);
        order(erin, "zone2", "sell", 1, 0.115);
        order(bob, "zone2", "buy", 2, 0.20);
        List<String> dsoEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.exchange().publishTo(new Publisher() {
            @Override
            public void publicEvent(Map<String, Object> event) {}

            @Override
            public void privateEvent(String participant, Map<String, Object> event) {
                if (participant.equals("gridco")) {
                    dsoEvents.add(event.get("type") + " " + event.get("market") + " " + event.get("received"));
                }
            }
        });
        close(4);
        assertThat(dsoEvents).containsExactlyInAnyOrder("bill uniq 0.02", "bill dist 0.03", "bill zone 0.02", "bill zone2 0.02");

        assertThat(trades("uniq")).containsOnlyKeys("alice->bob");
        assertTrade(trades("uniq").get("alice->bob"), 2, 0.10, 0.01);
        assertThat(filledOf(carol, "uniq")).isZero();

        assertThat(trades("dist")).containsOnlyKeys("alice->bob", "erin->bob");
        assertTrade(trades("dist").get("alice->bob"), 3, 0.108, 0.01);
        assertTrade(trades("dist").get("erin->bob"), 3, 0.118, 0);

        assertThat(trades("zone")).containsOnlyKeys("alice->bob", "erin->bob");
        assertTrade(trades("zone").get("alice->bob"), 1, 0.10, 0.02);
        assertTrade(trades("zone").get("erin->bob"), 1, 0.119, 0.001);
        assertThat(trades("zone2")).containsOnlyKeys("dave->bob", "erin->bob");
        assertTrade(trades("zone2").get("dave->bob"), 1, 0.099, 0.02);
        assertTrade(trades("zone2").get("erin->bob"), 1, 0.118, 0.001);

        // money, by hand in cents (each transaction half-even): uniq bob pays 2 x 0.10 = 20 + 2 x 0.01 = 2;
        // dist 3 x 0.108 = 32.4 -> 32, 3 x 0.118 = 35.4 -> 35, charge 3; zone 10 + 11.9 -> 12, charges 2 + 0.1 -> 0.
        Map<String, JsonNode> bob = bills(this.bob);
        assertBill(bob.get("uniq/bob"), 0.22, 0.02);
        assertBill(bob.get("dist/bob"), 0.70, 0.03);
        assertBill(bob.get("zone/bob"), 0.24, 0.02);
        Map<String, JsonNode> grid = bills(dso);
        assertThat(grid.get("uniq/dso").get("received").asDouble()).isEqualTo(0.02);
        assertThat(grid.get("dist/dso").get("received").asDouble()).isEqualTo(0.03);
        assertThat(grid.get("zone/dso").get("received").asDouble()).isEqualTo(0.02);
        // the DSO's receipts are the buyers' grid charges, to the cent, per market
        for (String m : List.of("uniq", "dist", "zone")) {
            double charged = 0;
            for (ApiClient c : List.of(this.bob, carol)) {
                JsonNode b = bills(c).get(m + "/" + c.id);
                charged += b == null ? 0 : b.get("gridCharges").asDouble();
            }
            assertThat(Math.round(grid.get(m + "/dso").get("received").asDouble() * 100)).as(m).isEqualTo(Math.round(charged * 100));
            assertThat(grid.get(m + "/dso").get("paid").asDouble()).isZero();
        }
        // the ledger's settlement entries carry the grid_charge transactions; its market entry the charge
        List<LedgerEntry> entries = server.exchange().ledgerEntries();
        JsonNode settlement = Canonical.parse(entries.stream().filter(e -> e.type().equals("settlement") && e.period().equals("zone/0"))
                .findFirst().orElseThrow().payload());
        List<String> charges = new ArrayList<>();
        settlement.get("transactions").forEach(t -> {
            if (t.get("type").asText().equals("grid_charge")) {
                charges.add(t.get("payer").asText() + ">" + t.get("payee").asText() + ":" + t.get("cents").asLong());
            }
        });
        assertThat(charges).containsExactlyInAnyOrder("bob>dso:2", "bob>dso:0");
        JsonNode marketEntry = Canonical.parse(entries.stream().filter(e -> e.type().equals("market")
                && e.payload().contains("\"zone\"")).findFirst().orElseThrow().payload());
        assertThat(marketEntry.get("grid").get("charge").get("zones").get("b2").asText()).isEqualTo("east");
        assertThat(server.exchange().verifyLedger().ok()).isTrue();

        // after a restart the markets keep their policies
        MarketGrid before = server.exchange().market("zone").orElseThrow().grid();
        server.close();
        server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock);
        assertThat(server.exchange().market("zone").orElseThrow().grid()).isEqualTo(before);
        assertThat(server.exchange().market("dist").orElseThrow().grid().charge().type()).isEqualTo("distance");
        assertThat(server.exchange().verifyLedger().ok()).isTrue();
    }

    @Test
    void constrainedKeepsTheLineWithinItsRatingAtNodalPrices() {
        // alice (b1) asks 0.10 for 5, erin (b2) 0.15 for 5, bob (b2) bids 0.20 for 4. Unconstrained alice would sell
        // all 4 and load l2 to 13 > 10. With l2 inside the clearing alice -> bob stops at 1 (9 + 1 = 10), erin
        // sells 3. By hand (both sellers interior, l1 slack): y = 0.10 everywhere (trades cost nothing), at b2
        // C'(p) = 0.15 = y + kappa_b2, so kappa_b2 = 0.05 = H_l2,b2 nu_l2 = -nu_l2: nu_l2 = -0.05 (the row sits at
        // its upper bound), kappa_b1 = kappa_b0 = 0. Trades at nodal prices: alice receives 0.10, erin 0.15, bob pays
        // 0.15 for all 4; the congestion rent (0.15 - 0.10) x 1 kWh goes to the DSO as a grid charge.
        market("cons", "p2p/central", Map.of("policy", "constrained"));
        market("cons-admm", "p2p/admm", Map.of("policy", "constrained"));
        // l2 already carries 12 of its 10 before the market, and only a sale into b1 from b2 could relieve it: with
        // nobody selling at b2 no dispatch keeps it within its rating, a result (infeasible), nothing trades
        market("cons-over", "p2p/central", Map.of("policy", "constrained"), List.of(LINES.get(0),
                Map.of("from", "b1", "to", "b2", "rating", 10, "flow", 12)));
        for (String m : List.of("cons", "cons-admm", "cons-over")) {
            order(alice, m, "sell", 5, 0.10);
            order(bob, m, "buy", 4, 0.20);
            if (!m.equals("cons-over")) {
                order(erin, m, "sell", 5, 0.15);
            }
        }
        close(3);
        JsonNode over = admin.get("/api/markets/cons-over/results").json().get(0);
        assertThat(over.get("status").asText()).isEqualTo("infeasible");
        assertThat(over.get("volume").asDouble()).isZero();
        assertThat(trades("cons-over")).isEmpty();
        for (String m : List.of("cons", "cons-admm")) {
            Map<String, double[]> t = trades(m);
            assertThat(t).as(m).containsOnlyKeys("alice->bob", "erin->bob");
            assertTrade(t.get("alice->bob"), 1, 0.10, 0.05);
            assertTrade(t.get("erin->bob"), 3, 0.15, 0);
            // line flows after, from the trades and the PTDF, independently of the solver
            double[] flow = {9, 9};
            for (var e : t.entrySet()) {
                String[] pair = e.getKey().split("->");
                for (int l = 0; l < 2; l++) {
                    flow[l] += (PTDF.get(busOf.get(pair[0]))[l] - PTDF.get(busOf.get(pair[1]))[l]) * e.getValue()[0];
                }
            }
            assertThat(flow[1]).as(m).isLessThanOrEqualTo(10 + 1e-6).isCloseTo(10, within(1e-6));
            assertThat(flow[0]).isCloseTo(9, within(1e-6));

            JsonNode result = admin.get("/api/markets/" + m + "/results").json().get(0);
            JsonNode c = result.get("congestion");
            assertThat(c.get("lines").get(1).get("dual").asDouble()).isCloseTo(-0.05, within(1e-9));
            assertThat(c.get("lines").get(0).get("dual").asDouble()).isCloseTo(0, within(1e-9));
            assertThat(c.get("lines").get(1).get("flowAfter").asDouble()).isCloseTo(flow[1], within(1e-6));
            assertThat(c.get("congestion").get("b2").asDouble()).isCloseTo(0.05, within(1e-9));
            assertThat(c.get("congestion").get("b1").asDouble()).isCloseTo(0, within(1e-9));
            assertThat(c.get("congestion").get("b0").asDouble()).isCloseTo(0, within(1e-9));
            // bob: 10 cents to alice, 45 to erin, 5 to the DSO
            assertBill(bills(bob).get(m + "/bob"), 0.60, 0.05);
            assertThat(bills(dso).get(m + "/dso").get("received").asDouble()).isEqualTo(0.05);
        }
        // the ledger's clearing entry carries the congestion
        LedgerEntry clearing = server.exchange().ledgerEntries().stream()
                .filter(e -> e.type().equals("clearing") && e.period().equals("cons/0")).findFirst().orElseThrow();
        assertThat(Canonical.parse(clearing.payload()).get("congestion").get("congestion").get("b2").asDouble())
                .isCloseTo(0.05, within(1e-9));
        assertThat(server.exchange().verifyLedger().ok()).isTrue();
    }

    @Test
    void badPolicyFieldsAreRefusedNamingTheField() {
        assertInvalid("p2p/central", Map.of("policy", "tax"), "grid.policy");
        assertInvalid("auction/uniform", Map.of("policy", "incentive"), "grid.policy");
        assertInvalid("cda/book", Map.of("policy", "charge", "charge", Map.of("fee", 0.01)), "grid.policy");
        assertInvalid("auction/pay-as-bid", Map.of("policy", "constrained"), "grid.policy");
        assertInvalid("p2p/central", Map.of("policy", "incentive", "w", 1), "grid.w");
        assertInvalid("p2p/central", Map.of("policy", "block", "w", 0.1), "grid.w");
        assertInvalid("p2p/central", Map.of("policy", "incentive", "preference", -0.001), "grid.preference");
        assertInvalid("p2p/central", Map.of("policy", "charge"), "grid.charge");
        assertInvalid("p2p/central", Map.of("policy", "block", "charge", Map.of("fee", 0.01)), "grid.charge");
        assertInvalid("p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "flat")), "grid.charge.type");
        assertInvalid("p2p/central", Map.of("policy", "charge", "charge", Map.of("fee", -0.01)), "grid.charge.fee");
        assertInvalid("p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "zonal", "fee", 0.01)),
                "grid.charge.zones");
        assertInvalid("p2p/central", Map.of("policy", "charge", "charge", Map.of("type", "zonal", "fee", 0.01,
                "zones", Map.of("b9", "x"))), "grid.charge.zones.b9");
        assertInvalid("p2p/central", Map.of("policy", "charge", "charge", Map.of("fee", 0.01, "feeInside", 0)),
                "grid.charge.feeInside");
        assertInvalid("p2p/central", Map.of("policy", "charge", "charge", Map.of("fee", 0.01, "rate", 1)),
                "grid.charge.rate");
        var r = admin.post("/api/markets", Map.of("id", "a", "mechanism", "auction/uniform", "start", P0, "periodMinutes", 60,
                "periods", 1, "grid", Map.of("policy", "incentive", "slack", "b0", "lines", LINES)));
        assertThat(r.json().get("problems").get(0).get("message").asText()).contains("applies to p2p/* and community markets");
        // auctions and the CDA still take none and block
        market("auc", "auction/uniform", Map.of("policy", "none"));
        market("cda", "cda/book", Map.of("policy", "block"));
        // the DSO's account name cannot be a trader's
        var k = org.peermarket.ledger.Signatures.newKeyPair();
        var p = admin.post("/api/participants", Map.of("id", "dso", "roles", List.of("peer"),
                "publicKey", org.peermarket.ledger.Signatures.encode(k.getPublic())));
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.json().get("problems").get(0).get("field").asText()).isEqualTo("id");
    }

    private void assertInvalid(String mechanism, Map<String, Object> policy, String field) {
        Map<String, Object> grid = new LinkedHashMap<>(policy);
        grid.put("slack", "b0");
        grid.put("lines", LINES);
        var r = admin.post("/api/markets", Map.of("id", "bad", "mechanism", mechanism, "start", P0, "periodMinutes", 60,
                "periods", 1, "grid", grid));
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("problems").forEach(x -> fields.add(x.get("field").asText()));
        assertThat(fields).as(r.text()).containsExactly(field);
    }

    private static void assertTrade(double[] t, double q, double price, double charge) {
        assertThat(t).isNotNull();
        assertThat(t[0]).isCloseTo(q, within(1e-6));
        assertThat(t[1]).isCloseTo(price, within(1e-9));
        assertThat(t[2]).isCloseTo(charge, within(1e-9));
    }

    private static void assertBill(JsonNode b, double paid, double gridCharges) {
        assertThat(b).isNotNull();
        assertThat(b.get("paid").asDouble()).isEqualTo(paid);
        assertThat(b.get("gridCharges").asDouble()).isEqualTo(gridCharges);
    }

    private static double filledOf(ApiClient c, String market) {
        double f = 0;
        for (JsonNode o : c.get("/api/orders").json()) {
            if (o.get("market").asText().equals(market)) {
                f += o.get("filled").asDouble();
            }
        }
        return f;
    }
}
