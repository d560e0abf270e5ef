package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DSO's block policy at gate closure on a small feeder: substation b0 (the slack) - line l1
 * - b1 - line l2 - b2. Before the market l2 carries 9 of its 10 kWh from b1 to b2 (occupancy 0.9
 * >= theta 0.8: at risk), l1 carries 9 of 100. By hand (slack b0): PTDF of l1 is -1 at b1 and b2,
 * of l2 0 at b1 and -1 at b2, so a sale from b1 to b2 changes l2 by +1 per kWh (loads it: refused),
 * from b2 to b1 or to b0 by -1 (relieves it: allowed), within one bus or from b1 to b0 by 0.
 */
class DsoGateTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";

    @TempDir
    Path dir;

    @Test
    void matchesThatWouldOverloadTheAtRiskLineAreRefusedWithTheReason() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            for (String b : new String[] {"b0", "b1", "b2"}) {
                assertThat(admin.post("/api/buses", Map.of("id", b, "name", b)).status()).isEqualTo(201);
            }
            ApiClient alice = admin.register("alice", "b1", "peer");
            ApiClient bob = admin.register("bob", "b2", "peer");
            ApiClient carol = admin.register("carol", "b1", "peer");
            ApiClient dave = admin.register("dave", null, "peer");
            ApiClient erin = admin.register("erin", "b2", "peer");
            Map<String, Object> grid = Map.of("policy", "block", "theta", 0.8, "slack", "b0", "lines", List.of(
                    Map.of("from", "b0", "to", "b1", "rating", 100, "flow", 9),
                    Map.of("from", "b1", "to", "b2", "rating", 10, "flow", 9)));
            for (String[] m : new String[][] {{"day", "auction/uniform"}, {"cont", "cda/book"}, {"p2p", "p2p/central"}, {"free", "auction/uniform"}}) {
                Map<String, Object> body = new java.util.HashMap<>(Map.of("id", m[0], "mechanism", m[1], "start", P0,
                        "periodMinutes", 60, "gateMinutes", 60, "periods", 1));
                if (!m[0].equals("free")) {
                    body.put("grid", grid);
                }
                var r = admin.post("/api/markets", body);
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }

            // periodic auction: alice (b1) -> bob (b2) would load l2; alice -> carol (both b1) may trade
            long aliceDay = id(alice.submit("day", "sell", P0, P1, 5, 0.10, "a1"));
            long bobDay = id(bob.submit("day", "buy", P0, P1, 4, 0.20, "b1"));
            long carolDay = id(carol.submit("day", "buy", P0, P1, 3, 0.15, "c1"));
            // the same orders without a grid: bob, the highest bid, is served first
            id(alice.submit("free", "sell", P0, P1, 5, 0.10, "a2"));
            long bobFree = id(bob.submit("free", "buy", P0, P1, 4, 0.20, "b2"));

            // continuous: bob's crossing bid is refused against alice's ask; carol's fills at 0.15
            long aliceRest = id(alice.submit("cont", "sell", P0, P1, 2, 0.15, "a3"));
            var bobCross = bob.submit("cont", "buy", P0, P1, 3, 0.16, "b3");
            assertThat(bobCross.status()).as(bobCross.text()).isEqualTo(201);
            assertThat(bobCross.json().get("filled").asDouble()).isZero();
            assertThat(refusals(bob, bobCross.json().get("id").asLong())).containsExactly(MarketGrid.BLOCKED);
            var carolCross = carol.submit("cont", "buy", P0, P1, 1, 0.16, "c3");
            assertThat(carolCross.json().get("filled").asDouble()).isEqualTo(1.0);
            assertThat(refusals(alice, aliceRest)).containsExactly(MarketGrid.BLOCKED);

            // central P2P: allowed pairs alice -> dave (b1 -> slack, l2 untouched), erin -> bob (one
            // bus), erin -> dave (relieves l2); alice -> bob is removed, and so is every direction
            // that loads l2 (dave -> erin too), or alice could reach bob through dave and erin.
            // Welfare by hand: erin -> bob 1 kWh (0.20 - 0.12) and alice -> dave 2 kWh (0.15 - 0.10).
            long aliceP2p = id(alice.submit("p2p", "sell", P0, P1, 4, 0.10, "a4"));
            long bobP2p = id(bob.submit("p2p", "buy", P0, P1, 3, 0.20, "b4"));
            id(dave.submit("p2p", "buy", P0, P1, 2, 0.15, "d4"));
            long erinP2p = id(erin.submit("p2p", "sell", P0, P1, 1, 0.12, "e4"));

            clock.set(Instant.parse("2026-01-01T09:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(4);

            // The auction first fixes who fills (the crossing: 5 kWh asked at 0.10, bob's 4 and 1 of
            // carol's 3 bid), then pairs them through the acceptance rule, and a refused pair is
            // not traded (markets.md section 5, the Elecbay hook): without a grid bob buys 4 and
            // carol 1; with it bob's 4 are refused and only carol's 1 trades.
            assertThat(filled(bob, bobFree)).isCloseTo(4, within(1e-9));
            assertThat(filled(bob, bobDay)).isZero();
            assertThat(filled(carol, carolDay)).isCloseTo(1, within(1e-9));
            assertThat(filled(alice, aliceDay)).isCloseTo(1, within(1e-9));
            assertThat(refusals(bob, bobDay)).containsExactly(MarketGrid.BLOCKED);
            assertThat(refusals(alice, aliceDay)).contains(MarketGrid.BLOCKED);
            assertThat(refusals(carol, carolDay)).isEmpty();

            assertThat(filled(alice, aliceP2p)).isCloseTo(2, within(1e-6));
            assertThat(filled(bob, bobP2p)).isCloseTo(1, within(1e-6));
            assertThat(filled(erin, erinP2p)).isCloseTo(1, within(1e-6));
            assertThat(refusals(bob, bobP2p)).containsExactly(MarketGrid.BLOCKED);
            assertThat(refusals(erin, erinP2p)).isEmpty();

            // no trade anywhere goes from b1 to b2
            for (ApiClient c : List.of(alice, carol)) {
                for (JsonNode t : c.get("/api/trades").json()) {
                    if (!t.get("market").asText().equals("free")) {
                        assertThat(List.of("bob", "erin")).doesNotContain(t.get("buyer").asText());
                    }
                }
            }
            // and per market, b2's net injection (erin's and bob's sales minus purchases) is not
            // negative, so l2's flow from b1 to b2 does not grow: delta F_l2 = -injection(b2)
            Map<String, Double> b2 = new java.util.HashMap<>();
            for (ApiClient c : List.of(bob, erin)) {
                for (JsonNode t : c.get("/api/trades").json()) {
                    double q = t.get("quantity").asDouble();
                    boolean internal = List.of("bob", "erin").contains(t.get("seller").asText())
                            && List.of("bob", "erin").contains(t.get("buyer").asText());
                    if (!internal) {
                        b2.merge(t.get("market").asText(), t.get("seller").asText().equals(c.id) ? q : -q, Double::sum);
                    }
                }
            }
            assertThat(b2.get("free")).isCloseTo(-4, within(1e-9));
            b2.forEach((market, injection) -> {
                if (!market.equals("free")) {
                    assertThat(injection).as(market).isGreaterThanOrEqualTo(-1e-9);
                }
            });
            // another peer never sees the reason on bob's order
            assertThat(alice.get("/api/orders/" + bobDay).status()).isEqualTo(404);
            // a bad grid is refused naming the field
            var bad = admin.post("/api/markets", Map.of("id", "bad", "mechanism", "auction/uniform", "start", P0,
                    "periodMinutes", 60, "periods", 1, "grid", Map.of("slack", "b0",
                            "lines", List.of(Map.of("from", "b0", "to", "b9", "rating", 1)))));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().get("problems").get(0).get("field").asText()).isEqualTo("grid.lines[0].to");
        }
        // after a restart the market still has its grid
        try (PlatformServer again = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            assertThat(again.exchange().market("day").orElseThrow().grid().lines()).hasSize(2);
            assertThat(again.exchange().verifyLedger().ok()).isTrue();
        }
    }

    @Test
    void theNegotiatedP2pMarketKeepsToTheSameGraph() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            for (String b : new String[] {"b0", "b1", "b2"}) {
                admin.post("/api/buses", Map.of("id", b, "name", b));
            }
            ApiClient alice = admin.register("alice", "b1", "peer");
            ApiClient bob = admin.register("bob", "b2", "peer");
            ApiClient dave = admin.register("dave", null, "peer");
            ApiClient erin = admin.register("erin", "b2", "peer");
            var r = admin.post("/api/markets", Map.of("id", "admm", "mechanism", "p2p/admm", "start", P0, "periodMinutes", 60,
                    "gateMinutes", 60, "periods", 1, "grid", Map.of("slack", "b0", "lines", List.of(
                            Map.of("from", "b0", "to", "b1", "rating", 100, "flow", 9),
                            Map.of("from", "b1", "to", "b2", "rating", 10, "flow", 9)))));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            long aliceSell = id(alice.submit("admm", "sell", P0, P1, 4, 0.10, "a"));
            long bobBuy = id(bob.submit("admm", "buy", P0, P1, 3, 0.20, "b"));
            id(dave.submit("admm", "buy", P0, P1, 2, 0.15, "d"));
            id(erin.submit("admm", "sell", P0, P1, 1, 0.12, "e"));
            clock.set(Instant.parse("2026-01-01T09:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(1);
            // ADMM negotiates pairs both ways, so a pair goes when either way loads l2: erin -> dave
            // (relieving, but dave -> erin loads) goes too. Left: alice <-> dave and erin <-> bob,
            // so the same optimum as the central market above, to ADMM's tolerance
            assertThat(admin.get("/api/markets/admm/results").json().get(0).get("status").asText()).isEqualTo("optimal");
            assertThat(filled(alice, aliceSell)).isCloseTo(2, within(1e-2));
            assertThat(filled(bob, bobBuy)).isCloseTo(1, within(1e-2));
            for (JsonNode t : alice.get("/api/trades").json()) {
                assertThat(t.get("buyer").asText()).isEqualTo("dave");
            }
            assertThat(refusals(bob, bobBuy)).containsExactly(MarketGrid.BLOCKED);
        }
    }

    /**
     * The lines form becomes a case whose loads carry the given flows. On a triangle b0-b1-b2 with equal reactances
     * the DC loop law asks flow(b0,b1) + flow(b1,b2) - flow(b0,b2) = 0: 1, 0, 1 keep it (loads 1 at b1, 1 at b2);
     * 2, 1, 1 do not, and no loads give them.
     */
    @Test
    void meshedLinesTakeOnlyFlowsThatKeepTheLoopLaw() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            for (String b : new String[] {"b0", "b1", "b2"}) {
                admin.post("/api/buses", Map.of("id", b, "name", b));
            }
            var ok = admin.post("/api/markets", triangle("ok", 1, 0, 1));
            assertThat(ok.status()).as(ok.text()).isEqualTo(201);
            assertThat(server.exchange().market("ok").orElseThrow().grid().compile(60).flows())
                    .containsExactly(new double[] {1, 0, 1}, within(1e-12));
            var bad = admin.post("/api/markets", triangle("bad", 2, 1, 1));
            assertThat(bad.status()).as(bad.text()).isEqualTo(422);
            assertThat(bad.json().get("problems").get(0).get("field").asText()).isEqualTo("grid.lines[0].flow");
            assertThat(admin.get("/api/markets").json()).hasSize(1);
        }
    }

    private static Map<String, Object> triangle(String id, double f01, double f12, double f02) {
        return Map.of("id", id, "mechanism", "auction/uniform", "start", P0, "periodMinutes", 60, "periods", 1,
                "grid", Map.of("slack", "b0", "lines", List.of(
                        Map.of("from", "b0", "to", "b1", "rating", 10, "flow", f01),
                        Map.of("from", "b1", "to", "b2", "rating", 10, "flow", f12),
                        Map.of("from", "b0", "to", "b2", "rating", 10, "flow", f02))));
    }

    private static long id(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static double filled(ApiClient c, long order) {
        return c.get("/api/orders/" + order).json().get("filled").asDouble();
    }

    private static List<String> refusals(ApiClient c, long order) {
        List<String> out = new ArrayList<>();
        c.get("/api/orders/" + order).json().get("refusals").forEach(n -> out.add(n.asText()));
        return out;
    }
}
