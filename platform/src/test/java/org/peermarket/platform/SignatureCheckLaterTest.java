package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.Signatures;

/**
 * {@code signature_check: before_activation} (docs/platform.md#signatures): an order is
 * acknowledged 202 as received, then activated in the order received once its signature holds,
 * or killed with the reason when it does not; only activated orders reach the ledger, and a gate
 * closure clears every order received before it.
 */
class SignatureCheckLaterTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";

    @TempDir
    Path dir;

    @Test
    void receivedOrdersAreActivatedOrKilledThenCleared() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        PlatformConfig config = PlatformConfig.defaults(dir).withPort(0).withSignaturesCheckedLater(true);
        try (PlatformServer server = PlatformServer.start(config, clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            for (String[] m : new String[][] {{"day", "auction/uniform"}, {"cont", "cda/book"}}) {
                var r = admin.post("/api/markets", Map.of("id", m[0], "mechanism", m[1], "start", P0, "periodMinutes", 60,
                        "gateMinutes", 60, "periods", 1));
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }

            var sell = alice.submit("day", "sell", P0, P1, 4, 0.10, "a1");
            assertThat(sell.status()).as(sell.text()).isEqualTo(202);
            assertThat(sell.json().get("status").asText()).isEqualTo("received");
            long buy = bob.submit("day", "buy", P0, P1, 4, 0.20, "b1").json().get("id").asLong();
            // signed with a key that is not bob's: acknowledged, then killed
            ApiClient forger = new ApiClient(bob.base, "bob", bob.token, Signatures.newKeyPair());
            var forged = forger.submit("day", "buy", P0, P1, 9, 0.50, "b2");
            assertThat(forged.status()).as(forged.text()).isEqualTo(202);
            // not base64 of 64 bytes: refused at once, nothing stored
            Map<String, Object> bad = new LinkedHashMap<>(bob.order("day", "buy", P0, P1, 1, 0.2, "b3"));
            bad.put("signature", "AAAA");
            var malformed = bob.post("/api/orders", bad);
            assertThat(malformed.status()).isEqualTo(422);
            assertThat(malformed.json().get("problems").get(0).get("field").asText()).isEqualTo("signature");

            assertThat(status(alice, sell.json().get("id").asLong())).isEqualTo("active");
            assertThat(status(bob, buy)).isEqualTo("active");
            long forgedId = forged.json().get("id").asLong();
            assertThat(status(bob, forgedId)).isEqualTo("killed");
            assertThat(bob.get("/api/orders/" + forgedId).json().get("refusals").get(0).asText()).isEqualTo(Exchange.BAD_SIGNATURE);
            assertThat(bob.post("/api/orders/" + forgedId + "/cancel", Map.of()).status()).isIn(409, 422);

            // continuous: alice's ask rests, bob's bid crosses it once both are activated, at the ask
            long ask = alice.submit("cont", "sell", P0, P1, 2, 0.15, "a2").json().get("id").asLong();
            long bid = bob.submit("cont", "buy", P0, P1, 3, 0.16, "b4").json().get("id").asLong();
            assertThat(status(bob, bid)).isEqualTo("active"); // activated after the ask (received first)
            assertThat(status(alice, ask)).isEqualTo("filled");
            var cdaTrades = bob.get("/api/trades").json();
            assertThat(cdaTrades).hasSize(1);
            assertThat(cdaTrades.get(0).get("quantity").asDouble()).isEqualTo(2.0);
            assertThat(cdaTrades.get(0).get("price").asDouble()).isEqualTo(0.15);

            // gate closure: the uniform auction of 4 kWh offered at 0.10 and bid at 0.20 clears all
            // 4 kWh at the k = 0.5 price 0.15 (every price in [0.10, 0.20] clears it); the forged
            // bid of 9 kWh at 0.50 would have taken it at a higher price
            clock.set(Instant.parse(P0).minusSeconds(3600));
            List<Exchange.Closed> closed = server.exchange().closeDuePeriods();
            assertThat(closed).hasSize(2);
            Exchange.Closed day = closed.stream().filter(c -> c.market().equals("day")).findFirst().orElseThrow();
            assertThat(day.volume()).isCloseTo(4.0, within(1e-9));
            assertThat(day.price()).isCloseTo(0.15, within(1e-12));

            // the ledger holds the four activated orders and not the forged one, and verifies
            String ledger = admin.get("/api/ledger").text();
            assertThat(ledger.lines().filter(l -> l.contains("\"type\":\"order\"")).count()).isEqualTo(4);
            assertThat(ledger).contains("\\\"clientId\\\":\\\"b1\\\"").doesNotContain("\\\"clientId\\\":\\\"b2\\\"");
            assertThat(admin.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
        }
    }

    /** The order's status once its signature has been checked (5 s at most). */
    private static String status(ApiClient owner, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String s = owner.get("/api/orders/" + id).json().get("status").asText();
        while (s.equals("received") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = owner.get("/api/orders/" + id).json().get("status").asText();
        }
        return s;
    }
}
