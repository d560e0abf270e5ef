package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.grid.Cases;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Trade;
import org.peermarket.model.OrderEntry;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Transaction;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.Runner;

/**
 * One scenario two ways (docs/platform.md#markets-from-a-scenario): run in batch ({@code Runner.run} and the
 * settlement {@code run} writes) and posted live (the market created from the scenario file, each peer's listed
 * orders posted by its own client, the gates closed with the test clock). A uniform-price auction on case33bw under
 * {@code dso: {policy: block}}: the same trades and the same bills to the cent, and the one pair the test rules
 * out by hand from the PTDF row (the solar farm at bus 2 selling to the EV depot at bus 18) trades in neither.
 */
class ScenarioLiveTest {
    static final String P0 = "2026-01-01T10:00:00Z";

    static final String SCENARIO = """
            name: street-33bw
            periods: 2
            period_hours: 1
            units: {energy: kWh, currency: EUR}
            market: {type: auction, pricing: uniform}
            grid: {case: case33bw, base: case, ratings: {rule: base-flow, factor: 1.25, floor: 0.05}}
            dso: {policy: block, theta: 0.7}
            peers:
              - {id: solar-farm, bus: 2}
              - {id: rooftop-pv, bus: 18}
              - {id: ev-depot, bus: 18}
              - {id: heat-pumps, bus: 25}
              - {id: shop, bus: 3}
            orders:
              - {id: a1, peer: solar-farm, side: sell, quantity: 100, price: 0.05, time: 1, period: 1}
              - {id: a2, peer: rooftop-pv, side: sell, quantity: 40, price: 0.08, time: 2, period: 1}
              - {id: a3, peer: ev-depot, side: buy, quantity: 60, price: 0.30, time: 3, period: 1}
              - {id: a4, peer: heat-pumps, side: buy, quantity: 50, price: 0.25, time: 4, period: 1}
              - {id: a5, peer: shop, side: buy, quantity: 30, price: 0.20, time: 5, period: 1}
              - {id: b1, peer: rooftop-pv, side: sell, quantity: 120, price: 0.04, time: 1, period: 2}
              - {id: b2, peer: solar-farm, side: sell, quantity: 50, price: 0.06, time: 2, period: 2}
              - {id: b3, peer: ev-depot, side: buy, quantity: 40, price: 0.28, time: 3, period: 2}
              - {id: b4, peer: shop, side: buy, quantity: 70, price: 0.22, time: 4, period: 2}
              - {id: b5, peer: heat-pumps, side: buy, quantity: 30, price: 0.18, time: 5, period: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void theSameScenarioInBatchAndLiveGivesTheSameTradesAndBills() throws Exception {
        Scenario s = ScenarioParser.parse(SCENARIO, "street-33bw.yaml", false);
        RunResult batch = Runner.run(s);
        Settlement settled = MarketSettlement.settle(s, batch.periods(), batch.isAuction(), batch.horizon());

        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        Map<String, String> liveTrades;
        Map<String, long[]> liveBills = new TreeMap<>();
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            Map<String, ApiClient> clients = new LinkedHashMap<>();
            for (var p : s.peers()) {
                clients.put(p.id(), admin.register(p.id(), null, "peer"));
            }
            var created = admin.post("/api/markets/from-scenario?start=" + P0 + "&gateMinutes=60", SCENARIO);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            JsonNode m = created.json();
            assertThat(m.get("id").asText()).isEqualTo("street-33bw");
            assertThat(m.get("mechanism").asText()).isEqualTo("auction/uniform");
            assertThat(m.get("periods").asInt()).isEqualTo(2);
            assertThat(m.get("periodMinutes").asInt()).isEqualTo(60);
            assertThat(m.get("grid").get("case").asText()).isEqualTo("case33bw");
            assertThat(m.get("grid").get("buses").get("ev-depot").asInt()).isEqualTo(18);
            assertThat(m.get("dso").get("policy").asText()).isEqualTo("block");

            // each peer's client posts its listed orders, in the file's time order
            for (OrderEntry o : s.orders()) {
                Instant from = Instant.parse(P0).plusSeconds(3600L * (o.period() - 1));
                var r = clients.get(o.peer()).submit("street-33bw", o.side().name().toLowerCase(java.util.Locale.ROOT),
                        from.toString(), from.plusSeconds(3600).toString(), o.quantity(), o.price(), o.id());
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }
            clock.set(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(2);

            Map<Long, JsonNode> seen = new HashMap<>();
            for (ApiClient c : clients.values()) {
                c.get("/api/trades").json().forEach(t -> seen.put(t.get("id").asLong(), t));
                for (JsonNode b : c.get("/api/bills").json()) {
                    liveBills.put(b.get("period").asInt() + "/" + b.get("participant").asText(),
                            new long[] {Math.round(b.get("paid").asDouble() * 100), Math.round(b.get("received").asDouble() * 100)});
                }
            }
            liveTrades = trades(seen.values().stream().map(t -> new String[] {t.get("period").asText(), t.get("seller").asText(),
                    t.get("buyer").asText(), t.get("quantity").asText(), t.get("price").asText()}).toList());
        }

        Map<String, String> batchTrades = trades(batchTrades(s, batch.periods()));
        assertThat(batchTrades).isNotEmpty();
        assertThat(liveTrades).isEqualTo(batchTrades);
        assertThat(liveBills).usingRecursiveComparison().isEqualTo(batchBills(settled));

        // by hand (docs/auctions.md): all 140 kWh cross in both periods. Period 1: the k-rule's midpoint of the marginal
        // ask 0.08 and bid 0.20, 0.14; bids paired best first with the cheapest asks: the depot's 60 and the heat
        // pumps' 50 with the farm (bus 2 to buses 18 and 25: blocked) and the PV's first 10 (bus 18 to 25: blocked),
        // the shop's 30 with the PV's rest. Period 2: the farm's partly filled ask fixes the price at 0.06; the PV's
        // 120 go to the depot (40, one bus) and the shop (70), its last 10 and the farm's 20 to the heat pumps are blocked
        assertThat(batchTrades).isEqualTo(Map.of("0/rooftop-pv>shop", "30.000000000 @ [0.140000000]",
                "1/rooftop-pv>ev-depot", "40.000000000 @ [0.060000000]", "1/rooftop-pv>shop", "70.000000000 @ [0.060000000]"));
        assertThat(liveBills.get("0/shop")).containsExactly(420, 0);
        assertThat(liveBills.get("1/rooftop-pv")).containsExactly(0, 660);

        // by hand: the base-case DC flows, ratings max(0.05, 1.25 |F|) MW and occupancy >= 0.7 give the lines at
        // risk; the farm (bus 2) to the depot (bus 18) has e_l = sign(F_l) (PTDF_l,2 - PTDF_l,18) > 0 on one of them
        GridCase c = Cases.builtIn("case33bw");
        double[][] h = Ptdf.of(c).matrix();
        double[] f = DcPowerFlow.run(c).flowMw();
        assertThat(loadsAtRiskLine(h, f, c.index(2), c.index(18))).isTrue();
        assertThat(loadsAtRiskLine(h, f, c.index(18), c.index(3))).isFalse(); // the rooftop PV to the shop relieves
        // the farm's ask crossed both periods (0.05 and 0.06 below every bid) yet it sells to the depot in neither
        assertThat(batchTrades.keySet()).noneMatch(k -> k.contains("solar-farm>ev-depot"));
        assertThat(batchTrades.keySet()).anyMatch(k -> k.contains("rooftop-pv>shop"));
    }

    static final String POOL = """
            name: pool-street
            periods: 2
            units: {energy: kWh, currency: EUR}
            market: {type: community}
            communities:
              - id: cm
                members: [s1, s2, b1, b2]
                manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}
            peers:
              - {id: s1, cost: {a: 0, b: 0.02}, pmin: 0, pmax: [3, 1]}
              - {id: s2, cost: {a: 0, b: 0.04}, pmin: 0, pmax: [2, 1]}
              - {id: b1, cost: {a: 0, b: 0.30}, pmin: [-2, -4], pmax: 0}
              - {id: b2, cost: {a: 0, b: 0.15}, pmin: [-4, -1], pmax: 0}
            """;

    /**
     * A community scenario two ways: each member's linear cost and bounds of a period are one live order (sell
     * pmax at b, or buy -pmin at b), so the live pool problem is the batch one period by period.
     */
    @Test
    void aCommunityScenarioInBatchAndLiveGivesTheSameBills() throws Exception {
        Scenario s = ScenarioParser.parse(POOL, "pool-street.yaml", false);
        RunResult batch = Runner.run(s);
        Settlement settled = MarketSettlement.settle(s, batch.periods(), batch.isAuction(), batch.horizon());
        Map<String, long[]> liveBills = livePool(POOL, s);
        Map<String, long[]> expected = batchBills(settled);
        expected.keySet().removeIf(k -> k.endsWith("/retailer")); // the outside is no participant live
        assertThat(liveBills).usingRecursiveComparison().isEqualTo(expected);
        // by hand, period 1: 5 kWh offered, 6 bid; b2's bid (0.15, below the import price 0.25) is filled 3 of 4, so
        // it sets the pool price 0.15: b1 pays 2 x 0.15, b2 3 x 0.15
        assertThat(liveBills.get("0/b1")).containsExactly(30, 0);
        assertThat(liveBills.get("0/b2")).containsExactly(45, 0);
        assertThat(liveBills).containsKeys("1/b1").doesNotContainKey("1/b2"); // period 2: b2's 0.15 is below every source
    }

    /**
     * The pool scenario posted live: its manager, a DSO and each peer registered, each member's linear cost and
     * bounds of a period one order, both gates closed; every participant's bills, in cents paid and received.
     */
    private Map<String, long[]> livePool(String text, Scenario s) throws Exception {
        Map<String, long[]> liveBills = new TreeMap<>();
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            Map<String, ApiClient> clients = new LinkedHashMap<>();
            clients.put("cm", admin.register("cm", null, "community_manager"));
            clients.put("dso", admin.register("dso", null, "dso"));
            for (var p : s.peers()) {
                clients.put(p.id(), admin.register(p.id(), null, "peer"));
            }
            var created = admin.post("/api/markets/from-scenario?start=" + P0 + "&gateMinutes=60", text);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.json().get("mechanism").asText()).isEqualTo("community/central");
            assertThat(created.json().get("community").get("manager").asText()).isEqualTo("cm");
            for (int t = 0; t < s.periods(); t++) {
                Instant from = Instant.parse(P0).plusSeconds(3600L * t);
                for (var p : s.peers()) {
                    boolean sells = p.pmax().at(t) > 0;
                    double q = sells ? p.pmax().at(t) : -p.pmin().at(t);
                    var r = clients.get(p.id()).submit("pool-street", sells ? "sell" : "buy", from.toString(),
                            from.plusSeconds(3600).toString(), q, p.cost().b().at(t), p.id() + t);
                    assertThat(r.status()).as(r.text()).isEqualTo(201);
                }
            }
            clock.set(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(2);
            for (ApiClient c : clients.values()) {
                for (JsonNode b : c.get("/api/bills").json()) {
                    liveBills.put(b.get("period").asInt() + "/" + b.get("participant").asText(),
                            new long[] {Math.round(b.get("paid").asDouble() * 100), Math.round(b.get("received").asDouble() * 100)});
                }
            }
        }
        return liveBills;
    }

    /**
     * The same community on case33bw under each DSO policy, in batch and live (docs/combinations.md): the members'
     * legs shaped and the line rows inside the pool's program in both, so the bills agree to the cent, the DSO's
     * charges included; the members are at buses 18, 2, 25 and 33.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{policy: block, theta: 0.8}", "{policy: charge, charge: {type: unique, fee: 0.01}}",
            "{policy: charge, charge: {type: distance, fee: 0.01}}", "{policy: incentive, theta: 0.8}",
            "{policy: constrained}"})
    void aCommunityUnderADsoPolicyInBatchAndLiveGivesTheSameBills(String dso) throws Exception {
        String text = POOL.replace("market: {type: community}\n", "market: {type: community}\n"
                        + "grid: {case: case33bw, base: case, ratings: {rule: base-flow, factor: 1.25, floor: 0.05}}\n"
                        + "dso: " + dso + "\n")
                .replace("{id: s1,", "{id: s1, bus: 18,").replace("{id: s2,", "{id: s2, bus: 2,")
                .replace("{id: b1,", "{id: b1, bus: 25,").replace("{id: b2,", "{id: b2, bus: 33,");
        Scenario s = ScenarioParser.parse(text, "pool-street.yaml", false);
        RunResult batch = Runner.run(s);
        Settlement settled = org.peermarket.study.pipeline.Pipeline.of(s).settle(batch).settlement();
        Map<String, long[]> liveBills = livePool(text, s);
        Map<String, long[]> expected = batchBills(settled);
        expected.keySet().removeIf(k -> k.endsWith("/retailer")); // the outside is no participant live
        assertThat(liveBills).as(dso).usingRecursiveComparison().isEqualTo(expected);
        if (dso.contains("charge")) {
            assertThat(expected).as("the DSO is paid").containsKey("0/dso");
        }
        if (dso.contains("block") || dso.contains("charge")) { // the policy changes what the pool trades or pays
            Scenario plain = ScenarioParser.parse(text.replace("dso: " + dso + "\n", ""), "pool-street.yaml", false);
            Map<String, long[]> unshaped = batchBills(MarketSettlement.settle(plain, Runner.run(plain).periods(), false,
                    Runner.run(plain).horizon()));
            assertThat(expected).as(dso).usingRecursiveComparison().isNotEqualTo(unshaped);
        }
    }

    /** A 3-bus feeder as MATPOWER text: bus 3's 9 MW load puts 9 MW on line 2-3 (RATE_A 10: at risk at theta 0.8). */
    static final String TINY = """
            function mpc = tiny
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
            \t1\t3\t0\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;
            \t2\t1\t0\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;
            \t3\t1\t9\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;
            ];
            mpc.gen = [
            \t1\t0\t0\t10\t-10\t1\t100\t1\t20\t0;
            ];
            mpc.branch = [
            \t1\t2\t0.01\t0.1\t0\t100\t100\t100\t0\t0\t1\t-360\t360;
            \t2\t3\t0.01\t0.1\t0\t10\t10\t10\t0\t0\t1\t-360\t360;
            ];
            """;

    @Test
    void anUploadedCaseBlocksWhatLoadsItsAtRiskLineAndBadInputNamesTheField() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            ApiClient carol = admin.register("carol", null, "peer");
            Map<String, Object> grid = Map.of("matpower", TINY, "buses", Map.of("alice", 2, "bob", 3, "carol", 2));
            var r = admin.post("/api/markets", market("day", "auction/uniform", grid, Map.of("policy", "block")));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(r.json().get("grid").get("buses").get("bob").asInt()).isEqualTo(3);
            assertThat(r.json().get("dso").get("theta").asDouble()).isEqualTo(0.8);

            // by hand (slack bus 1): PTDF of line 2-3 is 0 at bus 2 and -1 at bus 3, so alice (2) selling to bob (3)
            // adds 1 per kWh to its 9 of 10 (refused); alice to carol (one bus) adds nothing
            String from = P0;
            String to = "2026-01-01T11:00:00Z";
            long aliceOrder = alice.submit("day", "sell", from, to, 5, 0.10, "a").json().get("id").asLong();
            long bobOrder = bob.submit("day", "buy", from, to, 4, 0.20, "b").json().get("id").asLong();
            long carolOrder = carol.submit("day", "buy", from, to, 3, 0.15, "c").json().get("id").asLong();
            clock.set(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(1);
            assertThat(bob.get("/api/orders/" + bobOrder).json().get("filled").asDouble()).isZero();
            assertThat(bob.get("/api/orders/" + bobOrder).json().get("refusals").get(0).asText()).isEqualTo(MarketGrid.BLOCKED);
            assertThat(carol.get("/api/orders/" + carolOrder).json().get("filled").asDouble()).isEqualTo(1.0);
            assertThat(alice.get("/api/orders/" + aliceOrder).json().get("filled").asDouble()).isEqualTo(1.0);

            assertProblem(admin.post("/api/markets", market("x1", "auction/uniform", Map.of("case", "case999"), null)),
                    "grid.case", "case999");
            assertProblem(admin.post("/api/markets", market("x2", "auction/uniform", Map.of("case", "case33bw",
                    "buses", Map.of("bob", 99)), null)), "grid.buses.bob", "99");
            assertProblem(admin.post("/api/markets", market("x3", "auction/uniform", Map.of("case", "case33bw",
                    "buses", Map.of("nobody", 2)), null)), "grid.buses.nobody", "nobody");
            assertProblem(admin.post("/api/markets", market("x4", "auction/uniform", Map.of("case", "case33bw"),
                    Map.of("policy", "block", "theta", -1))), "dso.theta", "-1");
            assertProblem(admin.post("/api/markets", market("x5", "auction/uniform", Map.of("case", "case33bw"),
                    Map.of("policy", "incentive"))), "dso.policy", "incentive");
            assertProblem(admin.post("/api/markets", market("x6", "auction/uniform", Map.of("case", "case33bw",
                    "ratings", Map.of("rule", "base-flow", "factor", 0)), null)), "grid.ratings.factor", "0");
            assertProblem(admin.post("/api/markets/from-scenario?start=" + P0, SCENARIO), "peers[0].id", "solar-farm");
            assertProblem(admin.post("/api/markets/from-scenario?start=" + P0, SCENARIO.replace("theta: 0.7", "theta: -2")),
                    "dso.theta", "-2");
            assertProblem(admin.post("/api/markets/from-scenario", SCENARIO), "start", null);
            assertProblem(admin.post("/api/markets/from-scenario?start=" + P0, """
                    name: k-rule
                    market: {type: auction, pricing: uniform, k: 0.3}
                    peers: [{id: alice, cost: {a: 0, b: 0.1}, pmin: 0, pmax: 1}, {id: bob, cost: {a: 0, b: 0.2}, pmin: -1, pmax: 0}]
                    """), "market.k", "0.3");
            assertProblem(admin.post("/api/markets/from-scenario?start=" + P0, """
                    name: pool
                    market: {type: community}
                    communities: [{id: c, members: [alice, bob], manager: {fee: 0, import_price: 0.3, export_price: 0.05}}]
                    peers: [{id: alice, cost: {a: 0, b: 0.1}, pmin: 0, pmax: 1}, {id: bob, cost: {a: 0, b: 0.2}, pmin: -1, pmax: 0}]
                    """), "communities[0].id", "c");
            assertThat(admin.get("/api/markets").json()).hasSize(1); // nothing half-written
            // a negotiated P2P market without a grid: ADMM's default options, half-hour periods
            var admm = admin.post("/api/markets/from-scenario?start=" + P0 + "&id=talks", """
                    {"name": "negotiated", "periods": 4, "period_hours": 0.5, "market": {"type": "p2p", "solver": "admm"},
                     "peers": [{"id": "alice", "cost": {"a": 0.1, "b": 0.1}, "pmin": 0, "pmax": 2},
                               {"id": "bob", "cost": {"a": 0.1, "b": 0.3}, "pmin": -2, "pmax": 0}]}
                    """);
            assertThat(admm.status()).as(admm.text()).isEqualTo(201);
            assertThat(admm.json().get("id").asText()).isEqualTo("talks");
            assertThat(admm.json().get("mechanism").asText()).isEqualTo("p2p/admm");
            assertThat(admm.json().get("periodMinutes").asInt()).isEqualTo(30);
            assertThat(admm.json().get("grid").isNull()).isTrue();
        }
        // after a restart the market still has its case, buses and policy
        try (PlatformServer again = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            MarketGrid g = again.exchange().market("day").orElseThrow().grid();
            assertThat(g.network().buses()).containsEntry("bob", 3);
            assertThat(g.network().load().buses()).hasSize(3);
            assertThat(g.policy()).isEqualTo("block");
            assertThat(again.exchange().verifyLedger().ok()).isTrue();
        }
    }

    /**
     * The constrained policy on a case: its MW against the platform's kWh per period. Line 2-3 carries 9 of its
     * 10 MW before the market, so in one hour 1 MW more is 1000 kWh: alice (bus 2) sells bob (bus 3) 1000 of the
     * 2000 kWh he bids for, and line 2-3 ends at its rating.
     */
    @Test
    void theConstrainedPolicyOnACaseKeepsItsLinesInMw() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            var r = admin.post("/api/markets", market("lines", "p2p/central", Map.of("matpower", TINY,
                    "buses", Map.of("alice", 2, "bob", 3)), Map.of("policy", "constrained")));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            String to = "2026-01-01T11:00:00Z";
            long sell = alice.submit("lines", "sell", P0, to, 3000, 0.10, "a").json().get("id").asLong();
            long buy = bob.submit("lines", "buy", P0, to, 2000, 0.20, "b").json().get("id").asLong();
            clock.set(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(1);
            assertThat(bob.get("/api/orders/" + buy).json().get("filled").asDouble()).isCloseTo(1000, within(1e-3));
            assertThat(alice.get("/api/orders/" + sell).json().get("filled").asDouble()).isCloseTo(1000, within(1e-3));
            JsonNode line = admin.get("/api/markets/lines/results").json().get(0).get("congestion").get("lines").get(1);
            assertThat(line.get("from").asText() + "-" + line.get("to").asText()).isEqualTo("2-3");
            assertThat(line.get("flowBefore").asDouble()).isCloseTo(9, within(1e-9));
            assertThat(line.get("flowAfter").asDouble()).isCloseTo(10, within(1e-6));
        }
    }

    private static Map<String, Object> market(String id, String mechanism, Map<String, Object> grid, Map<String, Object> dso) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("id", id, "mechanism", mechanism, "start", P0, "periodMinutes", 60,
                "gateMinutes", 60, "periods", 1, "grid", grid));
        if (dso != null) {
            m.put("dso", dso);
        }
        return m;
    }

    private static void assertProblem(ApiClient.Reply r, String field, String value) {
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        JsonNode p = r.json().get("problems").get(0);
        assertThat(p.get("field").asText()).as(r.text()).isEqualTo(field);
        if (value != null) {
            assertThat(p.get("value").asText()).as(r.text()).isEqualTo(value);
        }
    }

    private static boolean loadsAtRiskLine(double[][] h, double[] f, int seller, int buyer) {
        for (int l = 0; l < f.length; l++) {
            double rating = Math.max(0.05, 1.25 * Math.abs(f[l]));
            if (Math.abs(f[l]) / rating >= 0.7 && Math.signum(f[l]) * (h[l][seller] - h[l][buyer]) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** period, seller, buyer, quantity, price of every trade, as text. */
    private static List<String[]> batchTrades(Scenario s, List<ClearingResult> periods) {
        List<String[]> out = new java.util.ArrayList<>();
        for (int t = 0; t < periods.size(); t++) {
            for (Trade tr : periods.get(t).trades()) {
                if (tr.quantity() > 1e-9) {
                    out.add(new String[] {String.valueOf(t), s.peers().get(tr.seller()).id(), s.peers().get(tr.buyer()).id(),
                            String.valueOf(tr.quantity()), String.valueOf(tr.price())});
                }
            }
        }
        return out;
    }

    /** Trades summed per period and pair: "period/seller>buyer" to "quantity @ price" (to 1e-9). */
    private static Map<String, String> trades(List<String[]> rows) {
        Map<String, double[]> sum = new TreeMap<>();
        Map<String, TreeSet<String>> prices = new TreeMap<>();
        for (String[] r : rows) {
            String key = r[0] + "/" + r[1] + ">" + r[2];
            sum.computeIfAbsent(key, k -> new double[1])[0] += Double.parseDouble(r[3]);
            prices.computeIfAbsent(key, k -> new TreeSet<>()).add(String.format(java.util.Locale.ROOT, "%.9f", Double.parseDouble(r[4])));
        }
        Map<String, String> out = new TreeMap<>();
        sum.forEach((k, q) -> out.put(k, String.format(java.util.Locale.ROOT, "%.9f @ %s", q[0], prices.get(k))));
        return out;
    }

    /** Per "period/actor" the cents paid and received, from the batch settlement's transactions. */
    private static Map<String, long[]> batchBills(Settlement s) {
        Map<String, long[]> out = new TreeMap<>();
        for (Transaction t : s.transactions()) {
            out.computeIfAbsent(t.period() + "/" + t.payer().id(), k -> new long[2])[0] += t.cents();
            out.computeIfAbsent(t.period() + "/" + t.payee().id(), k -> new long[2])[1] += t.cents();
        }
        return out;
    }
}
