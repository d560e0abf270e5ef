package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerVerifier;

/**
 * The scripted session, over HTTP: register participants, submit orders to a periodic
 * auction, a continuous auction and a central P2P market, pass gate closure with a test clock,
 * read trades and bills, verify the ledger. Subclasses choose the database.
 */
abstract class ScriptedSession {
    static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";

    /** Configuration with the database under test. */
    abstract PlatformConfig config(Path dir);

    abstract Path dataDir();

    @Test
    void registerTradeCloseSettleAndVerify() throws Exception {
        TestClock clock = new TestClock(T0);
        try (PlatformServer server = PlatformServer.start(config(dataDir()).withPort(0), clock)) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            assertThat(admin.post("/api/buses", Map.of("id", "b1", "name", "feeder 1", "capacity", 10.0)).status()).isEqualTo(201);
            ApiClient alice = admin.register("alice", "b1", "peer");
            ApiClient bob = admin.register("bob", "b1", "peer");
            ApiClient carol = admin.register("carol", null, "peer");
            ApiClient dave = admin.register("dave", null, "peer", "aggregator");
            ApiClient dso = admin.register("dso", null, "dso");
            for (String[] m : new String[][] {{"day", "auction/uniform"}, {"cont", "cda/book"}, {"p2p", "p2p/central"}}) {
                var r = admin.post("/api/markets", Map.of("id", m[0], "mechanism", m[1], "start", P0, "periodMinutes", 60,
                        "gateMinutes", 60, "periods", 2));
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }

            // periodic auction, period 0 (hand-computed below)
            long aliceSell = created(alice.submit("day", "sell", P0, P1, 5, 0.10, "a1"));
            long carolSell = created(carol.submit("day", "sell", P0, P1, 3, 0.14, "c1"));
            long bobBuy = created(bob.submit("day", "buy", P0, P1, 4, 0.20, "b1"));
            long daveBuy = created(dave.submit("day", "buy", P0, P1, 3, 0.12, "d1"));
            long bobExtra = created(bob.submit("day", "buy", P0, P1, 1, 0.30, "b2"));
            assertThat(bob.cancel(bobExtra).json().get("status").asText()).isEqualTo("cancelled");

            // continuous auction: a cross trades at once at the resting order's price
            long aliceRest = created(alice.submit("cont", "sell", P0, P1, 2, 0.15, "a2"));
            var cross = bob.submit("cont", "buy", P0, P1, 3, 0.16, "b3");
            assertThat(cross.json().get("filled").asDouble()).isEqualTo(2.0);
            assertThat(cross.json().get("status").asText()).isEqualTo("active");
            assertThat(alice.get("/api/orders/" + aliceRest).json().get("status").asText()).isEqualTo("filled");

            // central P2P: linear costs, one seller, two buyers
            created(alice.submit("p2p", "sell", P0, P1, 4, 0.10, "a3"));
            created(bob.submit("p2p", "buy", P0, P1, 3, 0.20, "b4"));
            created(dave.submit("p2p", "buy", P0, P1, 2, 0.05, "d2"));

            // before the gate nothing is cleared
            assertThat(server.closeDuePeriods()).isEmpty();
            clock.set(Instant.parse("2026-01-01T09:00:00Z"));
            List<Exchange.Closed> closed = server.closeDuePeriods();
            assertThat(closed).extracting(Exchange.Closed::market).containsExactly("cont", "day", "p2p");
            var late = carol.submit("day", "sell", P0, P1, 1, 0.01, "c2");
            assertThat(late.status()).isEqualTo(422);
            assertThat(late.json().get("problems").get(0).get("field").asText()).isEqualTo("from");

            // Auction by hand: bids 4@0.20 (bob), 3@0.12 (dave); asks 5@0.10 (alice), 3@0.14 (carol).
            // Q = 5; the marginal bid (dave) is partly filled, so b+ = 0.12; s+ = 0.14 (carol):
            // the clearing interval [max(0.10, 0.12), min(0.12, 0.14)] is the single price 0.12.
            JsonNode dayResult = Json.MAPPER.readTree(admin.get("/api/markets/day/results").text()).get(0);
            assertThat(dayResult.get("price").asDouble()).isCloseTo(0.12, within(1e-12));
            assertThat(dayResult.get("volume").asDouble()).isCloseTo(5.0, within(1e-12));
            assertThat(status(alice, aliceSell)).isEqualTo("filled");
            assertThat(status(bob, bobBuy)).isEqualTo("filled");
            assertThat(status(dave, daveBuy)).isEqualTo("expired");
            assertThat(status(carol, carolSell)).isEqualTo("expired");
            assertThat(dave.get("/api/orders/" + daveBuy).json().get("filled").asDouble()).isCloseTo(1.0, within(1e-12));

            // P2P by hand: welfare is (0.20 - 0.10) per kWh from alice to bob, 3 kWh; dave's 0.05
            // is below alice's 0.10. Alice sells 3 of 4 (interior), so her price is her cost 0.10.
            JsonNode p2p = Json.MAPPER.readTree(admin.get("/api/markets/p2p/results").text()).get(0);
            assertThat(p2p.get("status").asText()).isEqualTo("optimal");
            assertThat(p2p.get("volume").asDouble()).isCloseTo(3.0, within(1e-6));
            assertThat(p2p.get("price").asDouble()).isCloseTo(0.10, within(1e-6));

            // bills: alice sold 5 @0.12 (day), 2 @0.15 (cont), 3 @0.10 (p2p)
            Map<String, double[]> aliceBills = bills(alice);
            assertThat(aliceBills.get("day/0")[3]).isCloseTo(0.60, within(1e-9));
            assertThat(aliceBills.get("cont/0")[3]).isCloseTo(0.30, within(1e-9));
            assertThat(aliceBills.get("p2p/0")[3]).isCloseTo(0.30, within(1e-6));
            Map<String, double[]> bobBills = bills(bob);
            assertThat(bobBills.get("day/0")[2]).isCloseTo(0.48, within(1e-9));
            assertThat(bobBills.get("day/0")[0]).isCloseTo(4.0, within(1e-9));
            assertThat(bills(dave).get("day/0")[2]).isCloseTo(0.12, within(1e-9));

            // own trades only
            JsonNode bobTrades = bob.get("/api/trades").json();
            bobTrades.forEach(t -> assertThat(List.of(t.get("seller").asText(), t.get("buyer").asText())).contains("bob"));
            assertThat(bobTrades).hasSize(3);
            assertThat(carol.get("/api/trades").json()).isEmpty();

            // the ledger: served, verified, and exported verifies the same
            JsonNode v = dso.get("/api/ledger/verify").json();
            assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
            String export = dso.get("/api/ledger").text();
            Path file = dataDir().resolve("export.jsonl");
            java.nio.file.Files.writeString(file, export);
            List<LedgerEntry> entries = JsonLines.read(file);
            assertThat(LedgerVerifier.verify(entries).ok()).isTrue();
            // 6 registrations (admin included), 3 markets, 10 orders, 1 cancel, 3 x (clearing, settlement, close)
            assertThat(entries.size()).isEqualTo(6 + 3 + 10 + 1 + 9);
            assertThat(entries.stream().filter(e -> e.type().equals("period-close")).map(LedgerEntry::period))
                    .containsExactly("cont/0", "day/0", "p2p/0");
            clock.advance(Duration.ofHours(1));
            assertThat(server.closeDuePeriods()).hasSize(3);
        }
        // restart on the same data: state and ledger are back
        try (PlatformServer again = PlatformServer.start(config(dataDir()).withPort(0), clock(Instant.parse("2026-01-01T12:00:00Z")))) {
            assertThat(again.exchange().verifyLedger().ok()).isTrue();
            assertThat(again.closeDuePeriods()).isEmpty();
            assertThat(again.exchange().results("day")).hasSize(2);
        }
    }

    private static TestClock clock(Instant t) {
        return new TestClock(t);
    }

    private static long created(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static String status(ApiClient c, long id) {
        return c.get("/api/orders/" + id).json().get("status").asText();
    }

    /** market/period -> {bought, sold, paid, received}. */
    private static Map<String, double[]> bills(ApiClient c) {
        Map<String, double[]> out = new HashMap<>();
        for (JsonNode b : c.get("/api/bills").json()) {
            out.put(b.get("market").asText() + "/" + b.get("period").asInt(), new double[] {b.get("bought").asDouble(),
                b.get("sold").asDouble(), b.get("paid").asDouble(), b.get("received").asDouble()});
        }
        return out;
    }
}
