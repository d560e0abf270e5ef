package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.Signatures;

/** 401, 403, a peer against another's orders, the rate limit, validation naming the field. */
class SecurityTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";

    @TempDir
    static Path dir;
    static PlatformServer server;
    static ApiClient admin;
    static ApiClient alice;
    static ApiClient bob;
    static ApiClient dso;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0).withRateLimit(0.001, 40),
                new TestClock(Instant.parse("2026-01-01T08:00:00Z")));
        base = "http://127.0.0.1:" + server.port();
        admin = new ApiClient(base, "admin", server.adminToken(), null);
        alice = admin.register("alice", null, "peer");
        bob = admin.register("bob", null, "peer");
        dso = admin.register("dso", null, "dso");
        admin.post("/api/markets", Map.of("id", "m", "mechanism", "auction/uniform", "start", P0, "periodMinutes", 60, "periods", 4));
        admin.post("/api/markets", Map.of("id", "c", "mechanism", "cda/book", "start", P0, "periodMinutes", 60, "periods", 4));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unauthenticatedGets401OnEveryGuardedRoute() {
        ApiClient anonymous = new ApiClient(base, "x", null, null);
        for (String path : List.of("/api/orders", "/api/trades", "/api/bills", "/api/ledger", "/api/participants/me", "/api/buses")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(anonymous.post("/api/orders", Map.of()).status()).isEqualTo(401);
        assertThat(alice.withToken("not-a-token").get("/api/orders").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/markets").status()).isEqualTo(200);
    }

    @Test
    void wrongRoleGets403() {
        assertThat(alice.post("/api/markets", Map.of("id", "x")).status()).isEqualTo(403);
        assertThat(alice.get("/api/ledger").status()).isEqualTo(403);
        assertThat(dso.submit("m", "sell", P0, P1, 1, 0.1, "d1").status()).isEqualTo(403);
        assertThat(admin.get("/api/orders").status()).isEqualTo(403);
        assertThat(alice.post("/api/participants", Map.of("id", "mallory", "roles", List.of("admin"), "publicKey",
                Signatures.encode(Signatures.newKeyPair().getPublic()))).status()).isEqualTo(403);
    }

    @Test
    void aPeerNeverSeesOrCancelsAnothersOrder() {
        long id = alice.submit("m", "sell", P0, P1, 2, 0.1, "a-private").json().get("id").asLong();
        assertThat(bob.get("/api/orders/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/api/orders").json()).noneMatch(o -> o.get("id").asLong() == id);
        // bob signs a cancel of alice's order with his own key: still not found, order untouched
        assertThat(bob.cancel(id).status()).isEqualTo(404);
        // bob replays alice's own signed cancel: his key does not verify it
        ApiClient.Reply replay = bob.post("/api/orders/" + id + "/cancel", Map.of("order", id, "signature",
                Signatures.sign(alice.key.getPrivate(), "{\"order\":" + id + "}")));
        assertThat(replay.status()).isEqualTo(422);
        assertThat(alice.get("/api/orders/" + id).json().get("status").asText()).isEqualTo("active");
        assertThat(alice.cancel(id).status()).isEqualTo(200);
        assertThat(alice.cancel(id).status()).isEqualTo(409);
    }

    @Test
    void forgedOrderSignatureIs422NamingSignature() {
        Map<String, Object> order = alice.order("m", "buy", P0, P1, 1, 0.2, "forged");
        order.put("points", List.of(Map.of("quantity", 100.0, "price", 0.2)));
        assertField(alice.post("/api/orders", order), 422, "signature");
        Map<String, Object> asBob = new LinkedHashMap<>(bob.order("m", "buy", P0, P1, 1, 0.2, "by-bob"));
        assertField(alice.post("/api/orders", asBob), 422, "signature");
    }

    @Test
    void validationNamesTheField() {
        ApiClient carol = admin.register("carol", null, "peer");
        assertField(carol.post("/api/orders", "{not json"), 400, "body");
        Map<String, Object> bad = new LinkedHashMap<>(Map.of("market", "m", "side", "sell", "from", P0, "to", P1, "clientId", "x1",
                "points", List.of(Map.of("quantity", -1.0, "price", 0.1))));
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "points[0].quantity");
        bad.put("points", List.of(Map.of("quantity", 1.0, "price", 0.1)));
        bad.put("side", "hold");
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "side");
        bad.put("side", "sell");
        bad.put("from", "2026-01-01T10:30:00Z");
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "from");
        bad.put("from", P0);
        bad.put("to", "2026-01-01T12:00:00Z");
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "to");
        bad.put("to", P1);
        bad.put("market", "nowhere");
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "market");
        bad.put("market", "m");
        bad.put("kind", "fok");
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "kind");
        bad.remove("kind");
        bad.put("colour", "red");
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "colour");
        bad.remove("colour");
        bad.put("minQuantity", 5.0);
        assertField(carol.post("/api/orders", carol.sign(bad)), 422, "minQuantity");
        bad.remove("minQuantity");
        assertThat(carol.post("/api/orders", carol.sign(bad)).status()).isEqualTo(201);
        assertField(carol.post("/api/orders", carol.sign(bad)), 409, "clientId");
        assertField(admin.post("/api/markets", Map.of("id", "z", "mechanism", "barter/none", "start", P0, "periodMinutes", 60,
                "periods", 1)), 422, "mechanism");
        assertField(admin.post("/api/participants", Map.of("id", "k", "roles", List.of("peer"), "publicKey", "abc")), 422, "publicKey");
        // y = 2 is not a point of Ed25519 (no square root of (y² − 1)/(d·y² + 1)); the JDK would decode it
        String offCurve = "MCowBQYDK2VwAyEA" + java.util.Base64.getEncoder().encodeToString(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertField(admin.post("/api/participants", Map.of("id", "k", "roles", List.of("peer"), "publicKey", offCurve)), 422, "publicKey");
        assertField(admin.post("/api/participants", Map.of("id", "k", "roles", List.of("peer", "king"), "publicKey",
                Signatures.encode(Signatures.newKeyPair().getPublic()))), 422, "roles[1]");
    }

    @Test
    void rateLimitAnswers429() {
        ApiClient eve = admin.register("eve", null, "peer");
        int limited = 0;
        for (int i = 0; i < 60; i++) {
            ApiClient.Reply r = eve.get("/api/orders");
            if (r.status() == 429) {
                limited++;
            }
        }
        // a burst of 40, refilled at one per 1000 s: exactly the last 20 of 60 calls are refused
        assertThat(limited).isEqualTo(20);
        assertThat(alice.get("/api/participants/me").status()).isEqualTo(200);
    }

    private static void assertField(ApiClient.Reply r, int status, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode problems = r.json().get("problems");
        assertThat(problems).as(r.text()).anyMatch(p -> p.get("field").asText().equals(field));
    }
}
