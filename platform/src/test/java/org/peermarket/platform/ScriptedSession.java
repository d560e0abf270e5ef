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
    static final String P2 = "2026-01-01T12:00:00Z";

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

            // bills by hand, in cents (quantity x price, half-even): day: alice sells 4 to bob and 1
            // to dave at 0.12 (48 + 12 cents); cont: alice sells 2 to bob at 0.15 (30); p2p: alice
            // sells 3 to bob at her cost 0.10 (30). Carol traded nothing and has no bill.
            Map<String, double[]> aliceBills = bills(alice);
            assertBill(aliceBills.get("day/0"), 0, 5, 0, 0.60);
            assertBill(aliceBills.get("cont/0"), 0, 2, 0, 0.30);
            assertBill(aliceBills.get("p2p/0"), 0, 3, 0, 0.30);
            Map<String, double[]> bobBills = bills(bob);
            assertBill(bobBills.get("day/0"), 4, 0, 0.48, 0);
            assertBill(bobBills.get("cont/0"), 2, 0, 0.30, 0);
            assertBill(bobBills.get("p2p/0"), 3, 0, 0.30, 0);
            assertThat(bills(dave)).containsOnlyKeys("day/0");
            assertBill(bills(dave).get("day/0"), 1, 0, 0.12, 0);
            assertThat(bills(carol)).isEmpty();
            assertBalanced(List.of(alice, bob, carol, dave));
            // the settlement's transactions are in the ledger, one energy_trade per trade
            JsonNode daySettlement = settlementEntry(dso, "day/0");
            assertThat(daySettlement.get("transactions")).hasSize(2);
            long dayCents = 0;
            for (JsonNode t : daySettlement.get("transactions")) {
                assertThat(t.get("type").asText()).isEqualTo("energy_trade");
                assertThat(t.get("payee").asText()).isEqualTo("alice");
                dayCents += t.get("cents").asLong();
            }
            assertThat(dayCents).isEqualTo(60);

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
            // the server key, 6 registrations (admin included), 3 markets, 10 orders, 1 cancel, 3 x (clearing, settlement, close)
            assertThat(entries.size()).isEqualTo(1 + 6 + 3 + 10 + 1 + 9);
            assertThat(entries.stream().filter(e -> e.type().equals("period-close")).map(LedgerEntry::period))
                    .containsExactly("cont/0", "day/0", "p2p/0");
            // period 1 of the CDA: carol's 1.234 kWh at 0.117 rest, dave's bid crosses at 0.117;
            // 1.234 x 0.117 = 0.144378 is billed 0.14, a residual of 0.004378 shown on both bills
            created(carol.submit("cont", "sell", P1, P2, 1.234, 0.117, "c3"));
            created(dave.submit("cont", "buy", P1, P2, 1.234, 0.12, "d3"));
            clock.advance(Duration.ofHours(1));
            assertThat(server.closeDuePeriods()).hasSize(3);
            double[] carolBill = bills(carol).get("cont/1");
            assertBill(carolBill, 0, 1.234, 0, 0.14);
            assertThat(carolBill[4]).isCloseTo(0.004378, within(1e-12));
            double[] daveBill = bills(dave).get("cont/1");
            assertBill(daveBill, 1.234, 0, 0.14, 0);
            assertThat(daveBill[4]).isCloseTo(-0.004378, within(1e-12));
            assertBalanced(List.of(alice, bob, carol, dave));
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

    private static void assertBill(double[] bill, double bought, double sold, double paid, double received) {
        assertThat(bill).as("bill").isNotNull();
        assertThat(bill[0]).as("bought").isCloseTo(bought, within(1e-6));
        assertThat(bill[1]).as("sold").isCloseTo(sold, within(1e-6));
        assertThat(bill[2]).as("paid").isEqualTo(paid);
        assertThat(bill[3]).as("received").isEqualTo(received);
    }

    /** In every market period the participants' nets sum to zero cents and bought equals sold. */
    private static void assertBalanced(List<ApiClient> everyone) {
        Map<String, long[]> cents = new HashMap<>();
        Map<String, double[]> energy = new HashMap<>();
        for (ApiClient c : everyone) {
            bills(c).forEach((period, b) -> {
                long[] sum = cents.computeIfAbsent(period, k -> new long[1]);
                sum[0] += Math.round(b[3] * 100) - Math.round(b[2] * 100);
                double[] e = energy.computeIfAbsent(period, k -> new double[1]);
                e[0] += b[1] - b[0];
            });
        }
        assertThat(cents).isNotEmpty();
        cents.forEach((period, sum) -> assertThat(sum[0]).as(period).isZero());
        energy.forEach((period, sum) -> assertThat(sum[0]).as(period).isCloseTo(0, within(1e-9)));
    }

    private static JsonNode settlementEntry(ApiClient reader, String period) throws Exception {
        for (String line : reader.get("/api/ledger").text().split("\n")) {
            JsonNode e = Json.MAPPER.readTree(line);
            if (e.get("type").asText().equals("settlement") && e.get("period").asText().equals(period)) {
                return Json.MAPPER.readTree(e.get("payload").asText());
            }
        }
        throw new AssertionError("no settlement entry for " + period);
    }

    /** market/period -> {bought, sold, paid, received, residual}. */
    private static Map<String, double[]> bills(ApiClient c) {
        Map<String, double[]> out = new HashMap<>();
        for (JsonNode b : c.get("/api/bills").json()) {
            out.put(b.get("market").asText() + "/" + b.get("period").asInt(), new double[] {b.get("bought").asDouble(),
                b.get("sold").asDouble(), b.get("paid").asDouble(), b.get("received").asDouble(), b.get("residual").asDouble()});
        }
        return out;
    }
}
