package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A community/central market live (markets.md section 2, docs/platform.md#community-markets):
 * manager cm, members s1, s2 (sellers) and b1, b2 (buyers); pi_imp = 0.25, pi_exp = 0.05 in
 * period 0 and 0.04 in period 1, fee phi = 0.01.
 *
 * <p>By hand. A member selling to the pool gets lambda_c - phi, buying from it pays lambda_c + phi,
 * importing pays pi_imp, exporting gets pi_exp.
 * <ul>
 * <li>Period 0: s1 offers 2 kWh at 0.06 and 2 at 0.08 (one order, two points), s2 6 at 0.12; b1 bids
 * 12 at 0.30, b2 3 at 0.20. Supply 10 &lt; what b1 alone wants, and b1 is the only buyer above
 * pi_imp, so the pool's 10 kWh go to b1 (whose alternative is importing at 0.25) and b1 imports
 * the other 2; b2 buys nothing (0.20 &lt; lambda_c + phi). b1 both buys from the pool and imports,
 * so lambda_c + phi = pi_imp: lambda_c = 0.24. The sellers get 0.23 &gt; their costs (all of them
 * sell, q = 2, 2, 6), b1 q = -10, alpha = 2. No export (0.05 &lt; 0.23).</li>
 * <li>Period 1: s1 offers 4 at 0.08, s2 6 at 0.03; b1 bids 3 at 0.30, b2 2 at 0.20. Supply from
 * s2 alone exceeds the 5 kWh of demand; s2 sells 5 to the pool and exports the last 1 (its cost
 * 0.03 &lt; pi_exp 0.04), so lambda_c - phi = pi_exp: lambda_c = 0.05. s1 stays out (0.08 &gt;
 * 0.04); the buyers pay 0.06 &lt; pi_imp and import nothing.</li>
 * </ul>
 * Bills (member pays lambda_c (-q) + phi |q| + pi_imp alpha - pi_exp beta), in cents:
 * period 0: s1 receives 2 x 48 and pays 2 x 2 (net 92); s2 receives 144, pays 6 (net 138); b1 pays
 * 240 + 10 + 50 = 300; cm receives 240 + 20 fees + 50, pays 96 + 144 + 50 to the outside: keeps
 * 20, the fees. Period 1: s2 receives 25 + 4 (export), pays 5 (net 24); b1 pays 15 + 3 = 18; b2
 * pays 10 + 2 = 12; cm receives 25 + 10 + 4, pays 25 + 4: keeps 10.
 */
class CommunityGateTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";
    static final String P2 = "2026-01-01T12:00:00Z";

    @TempDir
    Path dir;

    /** The database under test: H2 in the data directory here, PostgreSQL in {@link CommunityPostgresTest}. */
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d);
    }

    @Test
    void aCommunityPeriodClearsSettlesAndSurvivesARestart() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        Map<String, Object> community = community();
        ApiClient s1;
        ApiClient s2;
        ApiClient b1;
        ApiClient b2;
        ApiClient cm;
        long[] p1;
        try (PlatformServer server = PlatformServer.start(config(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            cm = admin.register("cm", null, "community_manager");
            s1 = admin.register("s1", null, "peer");
            s2 = admin.register("s2", null, "peer");
            b1 = admin.register("b1", null, "peer");
            b2 = admin.register("b2", null, "peer");
            ApiClient olga = admin.register("olga", null, "peer");
            var created = admin.post("/api/markets", market("street", "community/central", community));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.json().get("community").get("exportPrice").get(1).asDouble()).isEqualTo(0.04);

            long s1p0 = id(s1.post("/api/orders", s1.sign(twoPoints())));
            long s2p0 = id(s2.submit("street", "sell", P0, P1, 6, 0.12, "s2-0"));
            long b1p0 = id(b1.submit("street", "buy", P0, P1, 12, 0.30, "b1-0"));
            long b2p0 = id(b2.submit("street", "buy", P0, P1, 3, 0.20, "b2-0"));
            p1 = new long[] {id(s1.submit("street", "sell", P1, P2, 4, 0.08, "s1-1")), id(s2.submit("street", "sell", P1, P2, 6, 0.03,
                    "s2-1")), id(b1.submit("street", "buy", P1, P2, 3, 0.30, "b1-1")), id(b2.submit("street", "buy", P1, P2, 2, 0.20, "b2-1"))};

            // only members submit; the p2p rule on minQuantity holds here too
            var outsider = olga.submit("street", "buy", P0, P1, 1, 0.30, "o1");
            assertThat(outsider.status()).as(outsider.text()).isEqualTo(403);
            assertThat(outsider.json().get("title").asText()).contains("only the members of community market street");
            // the exchange refuses it too, for callers that do not come through the API
            OrderRequest direct = new OrderRequest("street", 0, "buy", "limit", "none", List.of(new Order.Point(1, 0.3)), 0, "o2",
                    "{}", "unchecked");
            assertThatThrownBy(() -> server.exchange().submit(server.exchange().participant("olga").orElseThrow(), direct))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
            Map<String, Object> withMin = new LinkedHashMap<>(b2.order("street", "buy", P0, P1, 2, 0.3, "b2-min"));
            withMin.put("minQuantity", 1.0);
            var min = b2.post("/api/orders", b2.sign(withMin));
            assertThat(min.status()).isEqualTo(422);
            assertThat(fields(min)).containsExactly("minQuantity");
            // the manager does not trade
            assertThat(cm.submit("street", "buy", P0, P1, 1, 0.3, "cm1").status()).isEqualTo(403);

            clock.set(Instant.parse("2026-01-01T09:00:00Z"));
            List<Exchange.Closed> closed = server.closeDuePeriods();
            assertThat(closed).hasSize(1);
            assertThat(closed.get(0).status()).isEqualTo("optimal");

            // the published price is lambda_c; the volume is the pool's
            JsonNode r0 = admin.get("/api/markets/street/results").json().get(0);
            assertThat(r0.get("price").asDouble()).isCloseTo(0.24, within(1e-9));
            assertThat(r0.get("volume").asDouble()).isCloseTo(10, within(1e-6));

            assertThat(filled(s1, s1p0)).isCloseTo(4, within(1e-6));
            assertThat(filled(s2, s2p0)).isCloseTo(6, within(1e-6));
            assertThat(filled(b1, b1p0)).isCloseTo(12, within(1e-6));
            assertThat(filled(b2, b2p0)).isCloseTo(0, within(1e-6));
            assertThat(status(b1, b1p0)).isEqualTo("filled");
            assertThat(status(b2, b2p0)).isEqualTo("expired");

            // trades with the pool (counterparty cm, no order on its side) and with the outside
            assertThat(trades(s1, 0)).isEqualTo(Map.of("s1>cm@0.24", 4.0));
            assertThat(trades(s2, 0)).isEqualTo(Map.of("s2>cm@0.24", 6.0));
            assertThat(trades(b1, 0)).isEqualTo(Map.of("cm>b1@0.24", 10.0, "cm>b1@0.25", 2.0));
            assertThat(trades(b2, 0)).isEmpty();
            assertThat(trades(cm, 0)).isEqualTo(Map.of("s1>cm@0.24", 4.0, "s2>cm@0.24", 6.0, "cm>b1@0.24", 10.0,
                    "cm>b1@0.25", 2.0, "retailer>cm@0.25", 2.0));
            for (JsonNode t : cm.get("/api/trades").json()) {
                long cmSide = t.get("seller").asText().equals("cm") ? t.get("sellerOrder").asLong() : t.get("buyerOrder").asLong();
                assertThat(cmSide).isEqualTo(CommunityClearing.NO_ORDER);
            }

            // every bill to the cent: {bought, sold, paid, received}
            assertBill(bills(s1).get(0), 0, 4, 0.04, 0.96);
            assertBill(bills(s2).get(0), 0, 6, 0.06, 1.44);
            assertBill(bills(b1).get(0), 12, 0, 3.00, 0);
            assertThat(bills(b2)).doesNotContainKey(0);
            assertBill(bills(cm).get(0), 12, 12, 2.90, 3.10);
            assertThat(bills(cm).get(0)[3] - bills(cm).get(0)[2]).isCloseTo(0.20, within(1e-9)); // the fees

            // the ledger's settlement: typed transactions, the outside's bill, zero in total
            JsonNode settlement = entry(admin, "settlement", "street/0");
            Map<String, Long> byType = new TreeMap<>();
            settlement.get("transactions").forEach(t -> byType.merge(t.get("type").asText(), t.get("cents").asLong(), Long::sum));
            assertThat(byType).isEqualTo(Map.of("energy_trade", 480L, "community_fee", 20L, "import", 100L));
            double total = 0;
            for (JsonNode b : settlement.get("bills")) {
                total += b.get("net").asDouble();
                if (b.get("participant").asText().equals("retailer")) {
                    assertThat(b.get("net").asDouble()).isCloseTo(0.50, within(1e-9)); // G = 0.25 x 2
                }
            }
            assertThat(total).isCloseTo(0, within(1e-9));
            JsonNode clearing = entry(admin, "clearing", "street/0");
            assertThat(clearing.get("price").asDouble()).isCloseTo(0.24, within(1e-9));
            assertThat(clearing.get("community").get("imports").asDouble()).isCloseTo(2, within(1e-6));
        }

        // restart: the community is read back, and clears period 1 from the stored definition
        try (PlatformServer again = PlatformServer.start(config(dir).withPort(0), clock)) {
            MarketCommunity c = again.exchange().market("street").orElseThrow().community();
            assertThat(c.manager()).isEqualTo("cm");
            assertThat(c.members()).containsExactly("s1", "s2", "b1", "b2");
            assertThat(c.exportPrice()).containsExactly(0.05, 0.04);
            assertThat(c.importPrice()).containsExactly(0.25);
            assertThat(c.importCap()).isNull();
            String base = "http://127.0.0.1:" + again.port();
            s1 = new ApiClient(base, "s1", s1.token, s1.key);
            s2 = new ApiClient(base, "s2", s2.token, s2.key);
            b1 = new ApiClient(base, "b1", b1.token, b1.key);
            b2 = new ApiClient(base, "b2", b2.token, b2.key);
            cm = new ApiClient(base, "cm", cm.token, cm.key);
            assertThat(s1.get("/api/markets/street").json().get("community").get("members")).hasSize(4);

            clock.set(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(again.closeDuePeriods()).hasSize(1);
            JsonNode r1 = s1.get("/api/markets/street/results").json().get(1);
            assertThat(r1.get("price").asDouble()).isCloseTo(0.05, within(1e-9));
            assertThat(r1.get("volume").asDouble()).isCloseTo(5, within(1e-6));
            assertThat(trades(s1, 1)).isEmpty();
            assertThat(trades(s2, 1)).isEqualTo(Map.of("s2>cm@0.05", 5.0, "s2>cm@0.04", 1.0));
            assertThat(trades(cm, 1)).containsEntry("cm>retailer@0.04", 1.0).containsEntry("cm>b1@0.05", 3.0)
                    .containsEntry("cm>b2@0.05", 2.0).hasSize(5);
            assertBill(bills(s2).get(1), 0, 6, 0.05, 0.29);
            assertBill(bills(b1).get(1), 3, 0, 0.18, 0);
            assertBill(bills(b2).get(1), 2, 0, 0.12, 0);
            assertBill(bills(cm).get(1), 6, 6, 0.29, 0.39);
            assertThat(bills(s1)).doesNotContainKey(1);
            assertThat(status(s1, p1[0])).isEqualTo("expired");
            assertThat(filled(s2, p1[1])).isCloseTo(6, within(1e-6));
            assertThat(status(b1, p1[2])).isEqualTo("filled");
            assertThat(status(b2, p1[3])).isEqualTo("filled");
            assertThat(again.exchange().verifyLedger().ok()).isTrue();
        }
    }

    @Test
    void aBadCommunityIsRefusedNamingTheField() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(config(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            admin.register("cm", null, "community_manager");
            for (String p : new String[] {"s1", "s2", "b1", "b2"}) {
                admin.register(p, null, "peer");
            }

            assertThat(fields(admin.post("/api/markets", market("a", "community/central", null)))).containsExactly("community");
            assertThat(fields(admin.post("/api/markets", market("b", "p2p/central", community())))).containsExactly("community");
            assertThat(fields(admin.post("/api/markets", market("c", "hybrid/joint", null)))).containsExactly("mechanism");
            for (String heat : List.of("heat/p2p", "heat/community", "heat/joint")) {
                assertThat(fields(admin.post("/api/markets", market("h", heat, null)))).as(heat).containsExactly("mechanism");
            }

            Map<String, Object> c = community();
            c.put("members", List.of("s1", "nobody", "s1", "cm"));
            assertThat(fields(admin.post("/api/markets", market("d", "community/central", c))))
                    .containsExactly("community.members[1]", "community.members[2]", "community.members[3]");

            c = community();
            c.put("manager", "s1");
            assertThat(fields(admin.post("/api/markets", market("e", "community/central", c)))).containsExactly("community.manager");

            c = community();
            c.put("importPrice", 0.04);
            c.put("exportPrice", 0.05);
            var r = admin.post("/api/markets", market("f", "community/central", c));
            assertThat(fields(r)).containsExactly("community.importPrice");
            assertThat(r.json().get("problems").get(0).get("message").asText()).contains("exportPrice");

            c = community();
            c.put("importPrice", List.of(0.25, 0.03));
            assertThat(fields(admin.post("/api/markets", market("g", "community/central", c)))).containsExactly("community.importPrice[1]");

            c = community();
            c.put("exportPrice", List.of(0.05, 0.04, 0.03));
            c.put("fee", -0.01);
            c.put("importCap", "lots");
            c.put("colour", "green");
            assertThat(fields(admin.post("/api/markets", market("h", "community/central", c))))
                    .containsExactlyInAnyOrder("community.exportPrice", "community.fee", "community.importCap", "community.colour");

            // the prices may be equal (section 2's rule is >=), caps given
            c = community();
            c.put("importPrice", 0.05);
            c.put("importCap", 3);
            c.put("exportCap", List.of(1, 2));
            var ok = admin.post("/api/markets", market("i", "community/central", c));
            assertThat(ok.status()).as(ok.text()).isEqualTo(201);
            assertThat(ok.json().get("community").get("exportCap").get(1).asDouble()).isEqualTo(2.0);
            // periods without orders close with no price, trades or bills
            clock.set(Instant.parse("2026-01-01T11:00:00Z"));
            List<Exchange.Closed> closed = server.closeDuePeriods();
            assertThat(closed).extracting(Exchange.Closed::status).containsExactly("cleared", "cleared");
            assertThat(closed).allSatisfy(x -> assertThat(x.price()).isNull());
            assertThat(server.exchange().verifyLedger().ok()).isTrue();
        }
    }

    /** The community of the hand-solved case. */
    private static Map<String, Object> community() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("manager", "cm");
        c.put("members", List.of("s1", "s2", "b1", "b2"));
        c.put("importPrice", 0.25);
        c.put("exportPrice", List.of(0.05, 0.04));
        c.put("fee", 0.01);
        c.put("importCap", null);
        c.put("exportCap", null);
        return c;
    }

    private static Map<String, Object> market(String id, String mechanism, Map<String, Object> community) {
        Map<String, Object> m = new HashMap<>(Map.of("id", id, "mechanism", mechanism, "start", P0, "periodMinutes", 60,
                "gateMinutes", 60, "periods", 2));
        if (community != null) {
            m.put("community", community);
        }
        return m;
    }

    private static Map<String, Object> twoPoints() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("market", "street");
        o.put("side", "sell");
        o.put("from", P0);
        o.put("to", P1);
        o.put("points", List.of(Map.of("quantity", 2.0, "price", 0.06), Map.of("quantity", 2.0, "price", 0.08)));
        o.put("clientId", "s1-0");
        return o;
    }

    private static List<String> fields(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        List<String> out = new ArrayList<>();
        r.json().get("problems").forEach(p -> out.add(p.get("field").asText()));
        return out;
    }

    private static long id(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static double filled(ApiClient c, long order) {
        return c.get("/api/orders/" + order).json().get("filled").asDouble();
    }

    private static String status(ApiClient c, long order) {
        return c.get("/api/orders/" + order).json().get("status").asText();
    }

    /** The caller's trades of one period: "seller>buyer@price" -> kWh (prices to the cent, quantities summed). */
    private static Map<String, Double> trades(ApiClient c, int period) {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode t : c.get("/api/trades").json()) {
            if (t.get("period").asInt() == period) {
                String key = t.get("seller").asText() + ">" + t.get("buyer").asText() + "@"
                        + String.format(java.util.Locale.ROOT, "%.2f", t.get("price").asDouble());
                assertThat(Math.abs(t.get("price").asDouble() - Double.parseDouble(key.substring(key.indexOf('@') + 1)))).isLessThan(1e-9);
                out.merge(key, t.get("quantity").asDouble(), Double::sum);
            }
        }
        out.replaceAll((k, v) -> Math.round(v * 1e6) / 1e6);
        return out;
    }

    /** period -> {bought, sold, paid, received}. */
    private static Map<Integer, double[]> bills(ApiClient c) {
        var r = c.get("/api/bills");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<Integer, double[]> out = new HashMap<>();
        for (JsonNode b : r.json()) {
            out.put(b.get("period").asInt(), new double[] {b.get("bought").asDouble(), b.get("sold").asDouble(),
                b.get("paid").asDouble(), b.get("received").asDouble()});
        }
        return out;
    }

    private static void assertBill(double[] b, double bought, double sold, double paid, double received) {
        assertThat(b).as("bill").isNotNull();
        assertThat(b[0]).as("bought").isCloseTo(bought, within(1e-6));
        assertThat(b[1]).as("sold").isCloseTo(sold, within(1e-6));
        assertThat(b[2]).as("paid").isCloseTo(paid, within(1e-9));
        assertThat(b[3]).as("received").isCloseTo(received, within(1e-9));
    }

    private static JsonNode entry(ApiClient reader, String type, String period) throws Exception {
        for (String line : reader.get("/api/ledger").text().split("\n")) {
            JsonNode e = Json.MAPPER.readTree(line);
            if (e.get("type").asText().equals(type) && e.get("period").asText().equals(period)) {
                return Json.MAPPER.readTree(e.get("payload").asText());
            }
        }
        throw new AssertionError("no " + type + " entry for " + period);
    }
}
