package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /ws pushes public trades to everyone, and a participant's fills to that participant only. */
class WebSocketTest {

    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(part.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next(String type) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end) {
                JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && m.get("type").asText().equals(type)) {
                    return m;
                }
            }
            return null;
        }
    }

    @Test
    void fillsGoToTheirOwnerAndTradesToEveryone(@TempDir Path dir) throws Exception {
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0),
                new TestClock(Instant.parse("2026-01-01T08:00:00Z")))) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            ApiClient carol = admin.register("carol", null, "peer");
            admin.post("/api/markets", Map.of("id", "c", "mechanism", "cda/book", "start", "2026-01-01T10:00:00Z", "periodMinutes", 60,
                    "periods", 1));
            HttpClient http = HttpClient.newHttpClient();
            String ws = "ws://127.0.0.1:" + server.port() + "/ws";
            Listener bobs = new Listener();
            Listener carols = new Listener();
            Listener anonymous = new Listener();
            Listener bad = new Listener();
            http.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=" + bob.token), bobs).get(10, TimeUnit.SECONDS);
            http.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=" + carol.token), carols).get(10, TimeUnit.SECONDS);
            http.newWebSocketBuilder().buildAsync(URI.create(ws), anonymous).get(10, TimeUnit.SECONDS);
            http.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=forged"), bad).get(10, TimeUnit.SECONDS);
            assertThat(bobs.next("hello").get("participant").asText()).isEqualTo("bob");

            alice.submit("c", "sell", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 2, 0.15, "a1");
            long bobOrder = bob.submit("c", "buy", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 1.5, 0.16, "b1").json().get("id").asLong();

            JsonNode fill = bobs.next("fill");
            assertThat(fill).isNotNull();
            assertThat(fill.get("order").asLong()).isEqualTo(bobOrder);
            assertThat(fill.get("side").asText()).isEqualTo("buy");
            assertThat(fill.get("quantity").asDouble()).isEqualTo(1.5);
            assertThat(fill.get("price").asDouble()).isEqualTo(0.15);
            JsonNode trade = anonymous.next("trade");
            assertThat(trade.get("price").asDouble()).isEqualTo(0.15);
            assertThat(trade.has("seller") || trade.has("buyer")).isFalse();
            assertThat(carols.next("trade")).isNotNull();
            assertThat(List.copyOf(carols.messages)).noneMatch(m -> m.get("type").asText().equals("fill"));
            assertThat(carols.next("fill")).isNull();
            assertThat(bad.messages).isEmpty();
        }
    }
}
