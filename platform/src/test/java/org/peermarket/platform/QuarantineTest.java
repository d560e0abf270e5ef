package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poisoned market beside a healthy one (docs/platform.md#quarantined-periods): an order stored
 * with 1e300 kWh (no longer accepted at intake, so written into the database directly, as an
 * order from before the limits would be) makes its period's bills overflow whole cents. That
 * period is quarantined after three failed attempts, with its cause, reported to the admin, its
 * orders untouched; the healthy market's periods and the poisoned market's next period close with
 * the trades and bills worked out by hand; after a restart it stays quarantined and is not retried.
 */
class QuarantineTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";
    static final String P2 = "2026-01-01T12:00:00Z";

    @Test
    void aPeriodThatCannotCloseIsQuarantinedWhileEveryOtherGoesOn(@TempDir Path dir) throws Exception {
        PlatformConfig config = PlatformConfig.defaults(dir).withPort(0);
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        long poisonedSell;
        long poisonedBuy;
        try (PlatformServer server = PlatformServer.start(config, clock)) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            for (String m : List.of("bad", "good")) {
                assertThat(admin.post("/api/markets", Map.of("id", m, "mechanism", "auction/uniform", "start", P0, "periodMinutes", 60,
                        "gateMinutes", 60, "periods", 2)).status()).isEqualTo(201);
            }
            poisonedSell = alice.submit("bad", "sell", P0, P1, 1, 0.10, "bad-s0").json().get("id").asLong();
            poisonedBuy = bob.submit("bad", "buy", P0, P1, 1, 0.20, "bad-b0").json().get("id").asLong();
            assertThat(alice.submit("bad", "sell", P1, P2, 1, 0.10, "bad-s1").status()).isEqualTo(201);
            assertThat(bob.submit("bad", "buy", P1, P2, 1, 0.20, "bad-b1").status()).isEqualTo(201);
            assertThat(alice.submit("good", "sell", P0, P1, 2, 0.10, "good-s0").status()).isEqualTo(201);
            assertThat(bob.submit("good", "buy", P0, P1, 2, 0.20, "good-b0").status()).isEqualTo(201);
            assertThat(alice.submit("good", "sell", P1, P2, 4, 0.10, "good-s1").status()).isEqualTo(201);
            assertThat(bob.submit("good", "buy", P1, P2, 4, 0.20, "good-b1").status()).isEqualTo(201);
        }
        poison(config, poisonedSell, poisonedBuy);

        clock.set(Instant.parse("2026-01-01T10:00:00Z")); // both gates of both markets have closed
        try (PlatformServer server = PlatformServer.start(config, clock)) {
            List<Map<String, Object>> adminEvents = new CopyOnWriteArrayList<>();
            server.exchange().publishTo(new Publisher() {
                @Override
                public void publicEvent(Map<String, Object> event) {}

                @Override
                public void privateEvent(String participant, Map<String, Object> event) {
                    if (participant.equals("admin")) {
                        adminEvents.add(event);
                    }
                }
            });
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);

            // attempts 1 and 2: bad/0 fails (rolled back), good closes both periods meanwhile
            assertThatThrownBy(server::closeDuePeriods).hasMessageContaining("bad/0").hasMessageContaining("beyond whole cents");
            assertThat(results(server, "good")).hasSize(2);
            assertThat(results(server, "bad")).isEmpty();
            assertThatThrownBy(server::closeDuePeriods).hasMessageContaining("bad/0");
            assertThat(server.exchange().quarantined(null)).isEmpty();
            assertThat(adminEvents).isEmpty();
            // attempt 3: quarantined; the market goes on with period 1
            assertThatThrownBy(server::closeDuePeriods).hasMessageContaining("bad/0");
            assertThat(server.closeDuePeriods()).isEmpty(); // nothing left to retry

            List<Map<String, Object>> q = server.exchange().quarantined(null);
            assertThat(q).hasSize(1);
            assertThat(q.get(0)).containsEntry("market", "bad").containsEntry("period", 0).containsEntry("attempts", 3)
                    .containsEntry("at", "2026-01-01T10:00:00Z");
            assertThat((String) q.get(0).get("cause")).contains("ArithmeticException").contains("beyond whole cents");
            assertThat(adminEvents).hasSize(1);
            assertThat(adminEvents.get(0)).containsEntry("type", "quarantine").containsEntry("market", "bad")
                    .containsEntry("period", 0).containsEntry("cause", q.get(0).get("cause"));

            checkHealthy(server, admin);
            checkQuarantined(admin, poisonedSell);
            checkUntouched(server, poisonedSell, poisonedBuy);
        }

        // a restart keeps it quarantined and does not try it again
        try (PlatformServer server = PlatformServer.start(config, clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            assertThat(server.closeDuePeriods()).isEmpty();
            assertThat(server.exchange().quarantined(null)).hasSize(1);
            assertThat(server.exchange().quarantined(null).get(0)).containsEntry("attempts", 3);
            checkHealthy(server, admin);
            checkQuarantined(admin, poisonedSell);
            checkUntouched(server, poisonedSell, poisonedBuy);
            assertThat(server.exchange().verifyLedger().ok()).isTrue();
        }
    }

    /** The stored order rows of bad/0 made a thousand googols of kWh. */
    private static void poison(PlatformConfig config, long sell, long buy) throws Exception {
        try (Connection c = DriverManager.getConnection(config.effectiveJdbcUrl())) {
            for (long[] o : new long[][] {{sell, 10}, {buy, 20}}) {
                var st = c.prepareStatement("UPDATE orders SET quantity = 1e300, points = ? WHERE id = ?");
                st.setString(1, "[{\"quantity\":1.0E300,\"price\":" + o[1] / 100.0 + "}]");
                st.setLong(2, o[0]);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static List<Map<String, Object>> results(PlatformServer server, String market) {
        return server.exchange().results(market);
    }

    /**
     * By hand: a uniform-price auction with k = 0.5 clears a seller at 0.10 and a buyer at 0.20
     * at 0.15: good/0 2 kWh = 30 cents, good/1 4 kWh = 60 cents, bad/1 1 kWh = 15 cents.
     */
    private static void checkHealthy(PlatformServer server, ApiClient admin) {
        List<Map<String, Object>> good = results(server, "good");
        assertThat(good).hasSize(2);
        assertThat(((Number) good.get(0).get("price")).doubleValue()).isCloseTo(0.15, within(1e-12));
        assertThat(((Number) good.get(0).get("volume")).doubleValue()).isEqualTo(2.0);
        assertThat(((Number) good.get(1).get("price")).doubleValue()).isCloseTo(0.15, within(1e-12));
        assertThat(((Number) good.get(1).get("volume")).doubleValue()).isEqualTo(4.0);
        List<Map<String, Object>> bad = results(server, "bad");
        assertThat(bad).hasSize(1);
        assertThat(((Number) bad.get(0).get("period")).intValue()).isEqualTo(1);
        assertThat(((Number) bad.get(0).get("volume")).doubleValue()).isEqualTo(1.0);
        Participant bob = server.exchange().participant("bob").orElseThrow();
        Map<String, Double> paid = new java.util.TreeMap<>();
        server.exchange().bills(bob).forEach(b -> paid.put(b.market() + "/" + b.period(), b.paid()));
        assertThat(paid).isEqualTo(Map.of("good/0", 0.30, "good/1", 0.60, "bad/1", 0.15));
        Participant alice = server.exchange().participant("alice").orElseThrow();
        Map<String, Double> received = new java.util.TreeMap<>();
        server.exchange().bills(alice).forEach(b -> received.put(b.market() + "/" + b.period(), b.received()));
        assertThat(received).isEqualTo(Map.of("good/0", 0.30, "good/1", 0.60, "bad/1", 0.15));
    }

    /** In the API: the market lists the period, the admin sees the cause, the orders are as stored. */
    private static void checkQuarantined(ApiClient admin, long poisonedSell) {
        JsonNode market = admin.get("/api/markets/bad").json();
        assertThat(market.get("quarantinedPeriods").toString()).isEqualTo("[0]");
        assertThat(admin.get("/api/markets/good").json().get("quarantinedPeriods").toString()).isEqualTo("[]");
        JsonNode list = admin.get("/api/admin/quarantine").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("market").asText()).isEqualTo("bad");
        assertThat(list.get(0).get("cause").asText()).contains("beyond whole cents");
        ApiClient anyone = new ApiClient(admin.base, "x", null, null);
        assertThat(anyone.get("/api/admin/quarantine").status()).isEqualTo(401);
    }

    /** The poisoned orders are left as they were: active, nothing filled, no trades. */
    private static void checkUntouched(PlatformServer server, long... orders) {
        Participant admin = server.exchange().participant("admin").orElseThrow();
        for (long id : orders) {
            Order o = server.exchange().order(admin, id).orElseThrow();
            assertThat(o.status()).isEqualTo(OrderStatus.ACTIVE);
            assertThat(o.filled()).isEqualTo(0.0);
            assertThat(o.quantity()).isEqualTo(1e300);
        }
    }
}
