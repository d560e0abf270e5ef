package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/orders/batch} (docs/platform.md#batches): up to 100 of the caller's signed
 * orders in one commit, all or none, each problem named by its order.
 */
class BatchOrdersTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";
    static final String P2 = "2026-01-01T12:00:00Z";

    @TempDir
    Path dir;

    @Test
    void aBatchIsRecordedWholeOrNotAtAll() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0).withRateLimit(1e-3, 20), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            markets(admin);
            // bob's ask rests in the continuous market; alice's batch crosses it
            assertThat(bob.submit("cont", "sell", P0, P1, 2, 0.15, "b1").status()).isEqualTo(201);

            var ok = alice.post("/api/orders/batch", Map.of("orders", List.of(
                    alice.order("day", "buy", P0, P1, 3, 0.20, "a1"),
                    alice.order("day", "buy", P1, P2, 4, 0.21, "a2"),
                    alice.order("cont", "buy", P0, P1, 1, 0.16, "a3"))));
            assertThat(ok.status()).as(ok.text()).isEqualTo(201);
            assertThat(ok.json()).hasSize(3);
            assertThat(ok.json().get(0).get("status").asText()).isEqualTo("active");
            assertThat(ok.json().get(1).get("period").asInt()).isEqualTo(1);
            assertThat(ok.json().get(2).get("status").asText()).isEqualTo("filled"); // matched against bob's ask
            assertThat(ok.json().get(0).get("id").asLong()).isLessThan(ok.json().get(1).get("id").asLong());
            var listed = alice.get("/api/orders");
            assertThat(listed.status()).isEqualTo(200);
            int orders = listed.json().size();
            long ledgerOrders = orderEntries(admin);
            assertThat(orders).isEqualTo(3);

            // one bad quantity: 422 naming it, nothing of the batch stored
            var bad = alice.post("/api/orders/batch", Map.of("orders", List.of(
                    alice.order("day", "buy", P0, P1, 1, 0.2, "a4"),
                    alice.order("day", "buy", P0, P1, -1, 0.2, "a5"))));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(fields(bad)).contains("orders[1].points[0].quantity");
            // a signature by another key
            Map<String, Object> forged = new LinkedHashMap<>(alice.order("day", "buy", P0, P1, 1, 0.2, "a6"));
            forged.put("signature", bob.order("day", "buy", P0, P1, 1, 0.2, "a6").get("signature"));
            var badSig = alice.post("/api/orders/batch", Map.of("orders", List.of(alice.order("day", "buy", P0, P1, 1, 0.2, "a7"), forged)));
            assertThat(badSig.status()).isEqualTo(422);
            assertThat(fields(badSig)).containsExactly("orders[1].signature");
            // a client id twice in the batch
            var twice = alice.post("/api/orders/batch", Map.of("orders", List.of(
                    alice.order("day", "buy", P0, P1, 1, 0.2, "a8"), alice.order("day", "sell", P1, P2, 1, 0.3, "a8"))));
            assertThat(twice.status()).isEqualTo(409);
            assertThat(fields(twice)).containsExactly("orders[1].clientId");
            // no orders, or not a list
            assertThat(fields(alice.post("/api/orders/batch", Map.of("orders", List.of())))).containsExactly("orders");
            assertThat(alice.post("/api/orders/batch", Map.of("order", List.of())).status()).isEqualTo(422);
            var after = alice.get("/api/orders");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().isArray()).isTrue();
            assertThat(after.json()).hasSize(orders);
            assertThat(orderEntries(admin)).isEqualTo(ledgerOrders);

            // a batch takes one rate-limit token per order: alice has used 13 of her 20 (every guarded
            // request takes one, a batch one more per order beyond the first)
            assertThat(alice.post("/api/orders/batch", Map.of("orders", sameOrders(alice, "r", 8))).status()).isEqualTo(429);
            var six = alice.post("/api/orders/batch", Map.of("orders", sameOrders(alice, "s", 6)));
            assertThat(six.status()).as(six.text()).isEqualTo(201);
            assertThat(alice.get("/api/orders").status()).isEqualTo(429);
            assertThat(admin.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void withSignaturesCheckedLaterABatchIsReceivedThenActivated() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        // a bucket large enough for the two batches: the rate limit is the first test's, here the batch size is refused
        PlatformConfig config = PlatformConfig.defaults(dir).withPort(0).withSignaturesCheckedLater(true)
                .withRateLimit(1000, 1000);
        try (PlatformServer server = PlatformServer.start(config, clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            markets(admin);
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(alice.order("day", i % 2 == 0 ? "buy" : "sell", P0, P1, 1 + i % 3, 0.10 + i * 0.001, "c" + i));
            }
            var r = alice.post("/api/orders/batch", Map.of("orders", batch));
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            assertThat(r.json()).hasSize(100);
            r.json().forEach(o -> assertThat(o.get("status").asText()).isEqualTo("received"));
            batch.add(alice.order("day", "buy", P0, P1, 1, 0.1, "c100"));
            assertThat(fields(alice.post("/api/orders/batch", Map.of("orders", batch)))).containsExactly("orders");

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.exchange().pendingActivations() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode mine = alice.get("/api/orders?limit=1000").json();
            assertThat(mine).hasSize(100);
            mine.forEach(o -> assertThat(o.get("status").asText()).isEqualTo("active"));
            assertThat(orderEntries(admin)).isEqualTo(100);
            assertThat(admin.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
        }
    }

    private static void markets(ApiClient admin) {
        for (String[] m : new String[][] {{"day", "auction/uniform"}, {"cont", "cda/book"}}) {
            var r = admin.post("/api/markets", Map.of("id", m[0], "mechanism", m[1], "start", P0, "periodMinutes", 60,
                    "gateMinutes", 60, "periods", 2));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
    }

    private static List<Map<String, Object>> sameOrders(ApiClient who, String prefix, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(who.order("day", "buy", P0, P1, 1, 0.2, prefix + i));
        }
        return out;
    }

    private static List<String> fields(ApiClient.Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("problems").forEach(p -> out.add(p.get("field").asText()));
        return out;
    }

    private static long orderEntries(ApiClient admin) {
        return admin.get("/api/ledger").text().lines().filter(l -> l.contains("\"type\":\"order\"")).count();
    }
}
