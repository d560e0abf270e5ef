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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meter readings on the live platform and the deviations they settle (docs/platform.md#meter-readings).
 *
 * <p>By hand. Market {@code day} is a continuous market (cda/book) of two hourly periods from 10:00 with dual
 * imbalance prices short 0.30, long 0.04. In period 0, s1 offers 10 kWh at 0.10; b1 buys 6 and b2 buys 3 at
 * its price, so s1 traded +9, b1 -6, b2 -3. Metered: s1 injected 8 (e = 8 - 9 = -1, short: pays 0.30), b1
 * withdrew 6.5 (e = -6.5 + 6 = -0.5, pays 0.15), b2 injected 0.5 and withdrew 3 (e = -2.5 + 3 = +0.5, long:
 * paid 0.02), s2 did not trade and injected 2 (e = +2, paid 0.08).
 */
class MeterReadingsTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";
    static final String P2 = "2026-01-01T12:00:00Z";

    @TempDir
    Path dir;

    /** The database under test: H2 here, PostgreSQL in {@link MeterReadingsPostgresTest}. */
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d);
    }

    @Test
    @SuppressWarnings("unchecked")
    void readingsAreRecordedOnceAllOrNoneAndSettleTheDeviations() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        ApiClient dso;
        ApiClient b2;
        try (PlatformServer server = PlatformServer.start(config(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            dso = admin.register("grid-op", null, "dso");
            ApiClient s1 = admin.register("s1", null, "peer");
            admin.register("s2", null, "peer");
            ApiClient b1 = admin.register("b1", null, "peer");
            b2 = admin.register("b2", null, "peer");
            Map<String, Object> day = market("day", "cda/book");
            day.put("imbalance", Map.of("pricing", "dual", "shortPrice", 0.30, "longPrice", 0.04));
            var created = admin.post("/api/markets", day);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.json().get("imbalance").get("shortPrice").asDouble()).isEqualTo(0.30);
            assertThat(admin.post("/api/markets", market("plain", "auction/uniform")).status()).isEqualTo(201);
            assertThat(s1.submit("day", "sell", P0, P1, 10, 0.10, "s1").status()).isEqualTo(201);
            assertThat(b1.submit("day", "buy", P0, P1, 6, 0.20, "b1").status()).isEqualTo(201);
            assertThat(b2.submit("day", "buy", P0, P1, 3, 0.15, "b2").status()).isEqualTo(201);

            // a reading of an interval that has not ended is refused
            var early = dso.post("/api/meter-readings", reading("s1", "day", 0, 8, 0, "measured"));
            assertThat(early.status()).as(early.text()).isEqualTo(422);
            assertThat(problem(early, 0)).startsWith("period = 0: the interval ends at 2026-01-01T11:00:00Z, after now");

            clock.set(Instant.parse("2026-01-01T12:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(4); // both periods of both markets

            // who may post: the operator and the DSO
            assertThat(new ApiClient(admin.base, "x", null, null).post("/api/meter-readings", reading("s1", "day", 0, 8, 0, null))
                    .status()).isEqualTo(401);
            var peer = s1.post("/api/meter-readings", reading("s1", "day", 0, 8, 0, null));
            assertThat(peer.status()).isEqualTo(403);
            assertThat(peer.json().get("title").asText()).contains("[admin, dso]");

            Map<String, Object> first = Map.of("readings", List.of(reading("s1", "day", 0, 8, 0, "measured"),
                    reading("b1", "day", 0, 0, 6.5, null), reading("b2", "day", 0, 0.4, 3, "estimated"),
                    reading("s2", "day", 0, 2, 0, "measured")));
            var stored = dso.post("/api/meter-readings", first);
            assertThat(stored.status()).as(stored.text()).isEqualTo(201);
            assertThat(stored.json().get("stored").asInt()).isEqualTo(4);
            // the same again: nothing new, no duplicate
            var again = dso.post("/api/meter-readings", first);
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.json().get("unchanged").asInt()).isEqualTo(4);
            assertThat(admin.get("/api/meter-readings").json()).hasSize(4);

            // a different value for s1's interval: 409 naming it, nothing changes
            var conflict = dso.post("/api/meter-readings", reading("s1", "day", 0, 7, 0, "measured"));
            assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
            assertThat(conflict.json().get("problems").get(0).get("value").asText())
                    .isEqualTo("s1 in day/0 (2026-01-01T10:00:00Z to 2026-01-01T11:00:00Z)");
            // a list with one conflict stores none of it (s1's period 1 is new)
            var mixed = dso.post("/api/meter-readings", Map.of("readings", List.of(reading("s1", "day", 1, 1, 0, null),
                    reading("b1", "day", 0, 0, 9, "measured"))));
            assertThat(mixed.status()).isEqualTo(409);
            assertThat(mixed.json().get("problems").get(0).get("field").asText()).isEqualTo("readings[1]");
            // a bad element: 422 naming it, none stored
            List<Object> bad = new ArrayList<>(List.of(reading("s1", "day", 1, 1, 0, null), reading("b1", "day", 1, 0, 1, null),
                    reading("b2", "day", 1, 0, 1, null), reading("s2", "day", 1, 0, 0, null)));
            ((Map<String, Object>) bad.get(3)).put("injection", -1); // as a client would write it
            var refused = dso.post("/api/meter-readings", Map.of("readings", bad));
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(problems(refused)).containsExactly("readings[3].injection = -1: must be >= 0");
            assertThat(admin.get("/api/meter-readings?market=day&from=" + P1).json()).isEmpty();
            var unknown = dso.post("/api/meter-readings", Map.of("readings", List.of(reading("zz", "nope", 0, 1, 0, "guessed"))));
            assertThat(problems(unknown)).containsExactly("readings[0].meteringPoint = zz: no such participant",
                    "readings[0].market = nope: no such market", "readings[0].quality = \"guessed\": must be measured or estimated");

            // a field beside the list, and an interval given twice
            var beside = dso.post("/api/meter-readings", Map.of("readings", List.of(reading("s1", "day", 1, 1, 0, null)), "market", "day"));
            assertThat(beside.status()).isEqualTo(422);
            assertThat(beside.json().get("problems").get(0).get("field").asText()).isEqualTo("market");
            Map<String, Object> twice = new LinkedHashMap<>(reading("s1", "day", 1, 1, 0, null));
            twice.put("to", P2);
            assertThat(problems(dso.post("/api/meter-readings", twice))).containsExactly(
                    "period = 1: give the interval once: period, or from and to");
            assertThat(admin.get("/api/meter-readings?market=day&from=" + P1).json()).isEmpty();

            // the correction rule: a measured reading replaces an estimated one, and nothing replaces that
            var corrected = dso.post("/api/meter-readings", reading("b2", "day", 0, 0.5, 3, "measured"));
            assertThat(corrected.status()).as(corrected.text()).isEqualTo(201);
            assertThat(corrected.json().get("corrected").asInt()).isEqualTo(1);
            assertThat(dso.post("/api/meter-readings", reading("b2", "day", 0, 0.4, 3, "estimated")).status()).isEqualTo(409);

            // the interval by its times, and filters
            Map<String, Object> byTimes = new LinkedHashMap<>(Map.of("meteringPoint", "s2", "market", "plain", "from", P0, "to", P1,
                    "injection", 1, "withdrawal", 0));
            assertThat(dso.post("/api/meter-readings", byTimes).status()).isEqualTo(201);
            assertThat(admin.get("/api/meter-readings?participant=s2").json()).hasSize(2);
            JsonNode b2own = b2.get("/api/meter-readings").json();
            assertThat(b2own).hasSize(1);
            assertThat(b2own.get(0).get("injection").asDouble()).isEqualTo(0.5);
            assertThat(b2own.get(0).get("quality").asText()).isEqualTo("measured");
            assertThat(b2.get("/api/meter-readings?participant=s1").status()).isEqualTo(403);
            assertThat(admin.get("/api/meter-readings?from=yesterday").status()).isEqualTo(400);

            // deviations: metered minus traded, at the dual prices (the hand-worked case above)
            Map<String, JsonNode> rows = byParticipant(dso.get("/api/markets/day/deviations?period=0").json());
            assertThat(rows.keySet()).containsExactly("b1", "b2", "s1", "s2");
            assertDeviation(rows.get("s1"), 9, 8, -1, -30);
            assertDeviation(rows.get("b1"), -6, -6.5, -0.5, -15);
            assertDeviation(rows.get("b2"), -3, -2.5, 0.5, 2);
            assertDeviation(rows.get("s2"), 0, 2, 2, 8);
            assertThat(rows.get("s1").get("price").asDouble()).isEqualTo(0.30);
            assertThat(rows.get("b2").get("price").asDouble()).isEqualTo(0.04);
            // a peer sees its own row only; an unclosed period is 404
            assertThat(byParticipant(b2.get("/api/markets/day/deviations").json()).keySet()).containsExactly("b2");
            assertThat(dso.get("/api/markets/day/deviations?period=5").status()).isEqualTo(404);
            // without imbalance prices: volumes only
            JsonNode plain = dso.get("/api/markets/plain/deviations?period=0").json();
            assertThat(plain).hasSize(1);
            assertThat(plain.get(0).get("imbalance").asDouble()).isEqualTo(1.0);
            assertThat(plain.get(0).has("cents")).isFalse();

            assertThat(server.exchange().verifyLedger().ok()).isTrue();
            long entries = server.exchange().ledgerEntries().stream().filter(e -> e.type().equals("meter-readings")).count();
            assertThat(entries).isEqualTo(3); // the first list, the correction, the reading by times
            var correction = server.exchange().ledgerEntries().stream().filter(e -> e.type().equals("meter-readings")).toList().get(1);
            assertThat(correction.submitter()).isEqualTo("grid-op");
            JsonNode payload = Json.tree(correction.payload());
            assertThat(payload.get("readings")).isEmpty();
            assertThat(payload.get("corrections").get(0).get("meteringPoint").asText()).isEqualTo("b2");
            assertThat(payload.get("corrections").get(0).get("injection").asDouble()).isEqualTo(0.5);
        }

        // durable: the readings and the market's prices are read back after a restart
        try (PlatformServer restarted = PlatformServer.start(config(dir).withPort(0), clock)) {
            ApiClient d = dso.at("http://127.0.0.1:" + restarted.port());
            assertThat(d.get("/api/meter-readings?market=day").json()).hasSize(4);
            assertThat(restarted.exchange().market("day").orElseThrow().imbalance())
                    .isEqualTo(new MarketImbalance("dual", 0.30, 0.04));
            assertDeviation(byParticipant(d.get("/api/markets/day/deviations").json()).get("b2"), -3, -2.5, 0.5, 2);
            assertThat(d.post("/api/meter-readings", reading("b2", "day", 0, 0.5, 3, "measured")).status()).isEqualTo(200);
        }
    }

    @Test
    void badImbalancePricesAreRefusedNamingTheField() throws Exception {
        try (PlatformServer server = PlatformServer.start(config(dir).withPort(0), new TestClock(Instant.parse("2026-01-01T08:00:00Z")))) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            Map<String, Object> m = market("m", "auction/uniform");
            m.put("imbalance", Map.of("pricing", "dual", "shortPrice", 0.04, "longPrice", 0.30));
            assertThat(problems(admin.post("/api/markets", m))).containsExactly(
                    "imbalance.shortPrice = 0.04: must be >= longPrice 0.3 (else a participant earns by deviating both ways)");
            m.put("imbalance", Map.of("pricing", "single", "price", 0.2, "longPrice", 0.1));
            assertThat(problems(admin.post("/api/markets", m))).containsExactly(
                    "imbalance.longPrice: unknown field for single pricing; expected one of [price, pricing]");
            m.put("imbalance", Map.of("pricing", "triple"));
            assertThat(problems(admin.post("/api/markets", m))).containsExactly("imbalance.pricing = triple: must be one of [dual, single]");
            m.put("imbalance", Map.of("pricing", "single", "price", 0.2));
            assertThat(admin.post("/api/markets", m).json().get("imbalance").get("price").asDouble()).isEqualTo(0.2);
        }
    }

    private static Map<String, Object> market(String id, String mechanism) {
        return new HashMap<>(Map.of("id", id, "mechanism", mechanism, "start", P0, "periodMinutes", 60, "gateMinutes", 60,
                "periods", 2));
    }

    private static Map<String, Object> reading(String who, String market, int period, double injection, double withdrawal,
                                               String quality) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("meteringPoint", who);
        r.put("market", market);
        r.put("period", period);
        r.put("injection", injection);
        r.put("withdrawal", withdrawal);
        if (quality != null) {
            r.put("quality", quality);
        }
        return r;
    }

    private static String problem(ApiClient.Reply r, int i) {
        return problems(r).get(i);
    }

    /** Each problem as the CLI prints it: {@code field = value: message}. */
    private static List<String> problems(ApiClient.Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("problems").forEach(p -> out.add(p.get("field").asText() + (p.get("value").isNull() ? "" : " = "
                + p.get("value").asText()) + ": " + p.get("message").asText()));
        return out;
    }

    private static Map<String, JsonNode> byParticipant(JsonNode rows) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        rows.forEach(r -> out.put(r.get("participant").asText(), r));
        return out;
    }

    private static void assertDeviation(JsonNode row, double traded, double metered, double imbalance, long cents) {
        assertThat(row.get("traded").asDouble()).as(row.toString()).isCloseTo(traded, within(1e-9));
        assertThat(row.get("metered").asDouble()).as(row.toString()).isCloseTo(metered, within(1e-9));
        assertThat(row.get("imbalance").asDouble()).as(row.toString()).isCloseTo(imbalance, within(1e-9));
        assertThat(row.get("cents").asLong()).as(row.toString()).isEqualTo(cents);
        assertThat(row.get("amount").asDouble()).as(row.toString()).isCloseTo(cents / 100.0, within(1e-12));
    }
}
