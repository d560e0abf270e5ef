package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.ValidationException;

/**
 * What intake refuses (docs/platform.md#order-limits): orders beyond the market's limits (the
 * platform's defaults or the market's own), dust, prices below -maxPrice, each naming its field,
 * in single and batch orders; a body with bytes after its JSON; a body over the size limit (413 in
 * the JSON error shape); bad limits in the config file and at market creation.
 */
class IntakeTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";

    @TempDir
    static Path dir;
    static PlatformServer server;
    static ApiClient admin;
    static ApiClient alice;

    @BeforeAll
    static void start() throws Exception {
        server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0).withRateLimit(1000, 1000),
                new TestClock(Instant.parse("2026-01-01T08:00:00Z")));
        admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
        alice = admin.register("alice", null, "peer");
        market("m", null);
        market("wide", Map.of("maxQuantity", 1e6, "maxPrice", 1000, "maxValue", 1e8, "minQuantity", 0.1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Reply market(String id, Object limits) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("id", id, "mechanism", "auction/uniform", "start", P0,
                "periodMinutes", 60, "gateMinutes", 60, "periods", 2));
        if (limits != null) {
            body.put("limits", limits);
        }
        return admin.post("/api/markets", body);
    }

    private static List<String> problems(ApiClient.Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("problems").forEach(p -> out.add(p.get("field").asText() + " = " + p.get("value").asText()));
        return out;
    }

    @Test
    void hugeQuantityAndPriceAreRefusedNamingTheFields() {
        ApiClient.Reply r = alice.submit("m", "buy", P0, P1, 1e300, 1e300, "huge");
        assertThat(r.status()).isEqualTo(422);
        assertThat(problems(r)).containsExactly("points[0].quantity = 1.0E300", "points[0].price = 1.0E300");
        assertThat(r.json().get("problems").get(0).get("message").asText()).contains("limits.maxQuantity").contains("10000.0");
        // by the defaults: 10,000 kWh and 10 per kWh each pass, but not both at once (value 100,000 > 10,000)
        assertThat(alice.submit("m", "buy", P0, P1, 10_000, 1, "q-max").status()).isEqualTo(201);
        assertThat(alice.submit("m", "buy", P0, P1, 1000, 10, "p-max").status()).isEqualTo(201);
        ApiClient.Reply value = alice.submit("m", "buy", P0, P1, 10_000, 10, "v");
        assertThat(problems(value)).containsExactly("points = value 100000.0");
        assertThat(problems(alice.submit("m", "buy", P0, P1, 10_000.5, 0.1, "q"))).containsExactly("points[0].quantity = 10000.5");
        // two points of 6,000 kWh: each within, the order's 12,000 beyond
        Map<String, Object> two = new LinkedHashMap<>(alice.order("m", "buy", P0, P1, 1, 0.1, "two"));
        two.put("points", List.of(Map.of("quantity", 6000, "price", 0.2), Map.of("quantity", 6000, "price", 0.1)));
        assertThat(problems(alice.post("/api/orders", alice.sign(two)))).containsExactly("points = total 12000.0 kWh");
    }

    @Test
    void dustAndNegativePricesFollowTheDocumentedRule() {
        assertThat(problems(alice.submit("m", "sell", P0, P1, 1e-300, 0.1, "dust"))).containsExactly("points[0].quantity = 1.0E-300");
        assertThat(problems(alice.submit("m", "sell", P0, P1, 0.0009, 0.1, "dust2"))).containsExactly("points[0].quantity = 9.0E-4");
        assertThat(alice.submit("m", "sell", P0, P1, 0.001, 0.1, "wh").status()).isEqualTo(201);
        // negative prices are allowed down to -maxPrice (-10 per kWh by default)
        assertThat(alice.submit("m", "sell", P0, P1, 1, -10, "neg").status()).isEqualTo(201);
        ApiClient.Reply below = alice.submit("m", "sell", P0, P1, 1, -10.01, "neg2");
        assertThat(problems(below)).containsExactly("points[0].price = -10.01");
        assertThat(below.json().get("problems").get(0).get("message").asText()).contains("from -10.0 to 10.0");
    }

    @Test
    void aMarketsOwnLimitsOverrideTheDefaults() {
        JsonNode wide = admin.get("/api/markets/wide").json();
        assertThat(wide.get("limits").toString()).isEqualTo("{\"minQuantity\":0.1,\"maxQuantity\":1000000.0,\"maxPrice\":1000.0,"
                + "\"maxValue\":1.0E8}");
        assertThat(admin.get("/api/markets/m").json().get("limits").toString())
                .isEqualTo("{\"minQuantity\":0.001,\"maxQuantity\":10000.0,\"maxPrice\":10.0,\"maxValue\":10000.0}");
        assertThat(alice.submit("wide", "buy", P0, P1, 50_000, 500, "w1").status()).isEqualTo(201);
        assertThat(problems(alice.submit("wide", "buy", P0, P1, 0.05, 1, "w2"))).containsExactly("points[0].quantity = 0.05");
        // only some set: the others are the platform's
        assertThat(market("part", Map.of("maxPrice", 100)).status()).isEqualTo(201);
        assertThat(admin.get("/api/markets/part").json().get("limits").get("maxQuantity").asDouble()).isEqualTo(10_000);
        assertThat(alice.submit("part", "buy", P0, P1, 1, -100, "p1").status()).isEqualTo(201);
    }

    @Test
    void badMarketLimitsAreRefusedNamingTheField() {
        ApiClient.Reply r = market("bad", Map.of("maxQuantity", 1e300, "maxPrice", -1, "maxValue", "x", "tick", 1));
        assertThat(r.status()).isEqualTo(422);
        assertThat(problems(r)).containsExactlyInAnyOrder("limits.maxQuantity = 1.0E300", "limits.maxPrice = -1",
                "limits.maxValue = \"x\"", "limits.tick = null");
        assertThat(problems(market("bad2", Map.of("minQuantity", 20_000)))).containsExactly("limits.minQuantity = 20000.0");
        assertThat(admin.get("/api/markets/bad").status()).isEqualTo(404);
    }

    @Test
    void batchOrdersAreCheckedAgainstTheLimitsToo() {
        ApiClient.Reply r = alice.post("/api/orders/batch", Map.of("orders", List.of(alice.order("m", "buy", P0, P1, 1, 0.1, "b1"),
                alice.order("m", "buy", P0, P1, 1e300, 0.1, "b2"), alice.order("m", "sell", P0, P1, 1, -1e3, "b3"))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(problems(r)).containsExactly("orders[1].points[0].quantity = 1.0E300", "orders[2].points[0].price = -1000.0");
    }

    @Test
    void bytesAfterTheJsonBodyAreRefused() {
        String body = Json.write(alice.order("m", "buy", P0, P1, 1, 0.1, "trail"));
        ApiClient.Reply r = alice.post("/api/orders", body + " {\"more\": 1}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(problems(r)).containsExactly("body = null");
        assertThat(r.json().get("problems").get(0).get("message").asText()).contains("nothing after it");
        assertThat(alice.post("/api/orders", body + "x").status()).isEqualTo(400);
        assertThat(alice.post("/api/orders", body + " \n").status()).isEqualTo(201); // white space is no value
    }

    /**
     * The order path reads a body of declared length itself (Api.text), a chunked one through
     * Javalin: both decode UTF-8, seen in the refusal that echoes a non-ASCII clientId.
     */
    @Test
    void bodiesAreReadAsUtf8WithOrWithoutADeclaredLength() throws Exception {
        String clientId = "Å-ø-€-\uD83D\uDE00"; // two-, three- and four-byte UTF-8, the last a surrogate pair
        assertThat(clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(2 + 1 + 2 + 1 + 3 + 1 + 4);
        ApiClient.Reply sized = alice.submit("m", "buy", P0, P1, 1, 0.1, clientId);
        assertThat(sized.status()).isEqualTo(422);
        assertThat(problems(sized)).containsExactly("clientId = " + clientId);
        byte[] body = Json.write(alice.order("m", "buy", P0, P1, 1, 0.1, clientId)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(alice.base + "/api/orders"))
                .header("Authorization", "Bearer " + alice.token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(chunked.body()).get("problems").get(0).get("value").asText()).isEqualTo(clientId);
        assertThat(alice.submit("m", "buy", P0, P1, 1, 0.1, "plain-after-utf8").status()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheSizeLimitGetsTheJsonError() throws Exception {
        // just over the 1,000,000-byte limit: the server answers from the headers and does not read the body, so a
        // client still sending 5 MB got a reset instead of the answer in a few tries of 30 (docs/platform.md#orders)
        String big = "{\"orders\": [\"" + "x".repeat(1_100_000) + "\"]}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(alice.base + "/api/orders/batch"))
                .header("Authorization", "Bearer " + alice.token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = Json.MAPPER.readTree(r.body());
        assertThat(json.get("status").asInt()).isEqualTo(413);
        assertThat(json.get("problems").get(0).get("field").asText()).isEqualTo("body");
        assertThat(json.get("problems").get(0).get("message").asText()).contains("1000000 bytes");
    }

    @Test
    void theConfigFileSetsTheDefaultsAndNamesEveryBadField(@TempDir Path tmp) throws Exception {
        Path ok = tmp.resolve("ok.yaml");
        Files.writeString(ok, "order_limits: {max_quantity: 500, max_price: 2}\n");
        OrderLimits l = PlatformConfig.load(ok, PlatformConfig.defaults(tmp)).orderLimits();
        assertThat(l).isEqualTo(new OrderLimits(0.001, 500.0, 2.0, 10_000.0));
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "order_limits: {max_quantity: 0, max_price: ten, min_quantity: 1e-9, step: 1}\n");
        assertThatThrownBy(() -> PlatformConfig.load(bad, PlatformConfig.defaults(tmp))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("order_limits.max_quantity").hasMessageContaining("order_limits.max_price")
                .hasMessageContaining("order_limits.min_quantity").hasMessageContaining("order_limits.step");
    }
}
