package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file reuses no space while the server runs (docs/platform.md#durability), so
 * a start rewrites it with only its live data: smaller than the run before left it, and with
 * every order still there.
 */
class H2CompactionTest {

    @Test
    void aStartGivesBackTheSpaceThePreviousRunUsed(@TempDir Path dir) throws Exception {
        PlatformConfig config = PlatformConfig.defaults(dir).withPort(0).withRateLimit(1e6, 1e6);
        Path file = dir.resolve("peermarket.mv.db");
        String p0 = "2026-01-01T10:00:00Z";
        String p1 = "2026-01-01T11:00:00Z";
        ApiClient alice;
        long grown;
        try (PlatformServer server = PlatformServer.start(config, new TestClock(Instant.parse("2026-01-01T08:00:00Z")))) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            assertThat(admin.post("/api/markets", Map.of("id", "m", "mechanism", "auction/uniform", "start", p0,
                    "periodMinutes", 60, "periods", 1)).status()).isEqualTo(201);
            alice = admin.register("alice", null, "peer");
            for (int i = 0; i < 300; i++) { // one commit each: 300 chunks appended
                assertThat(alice.submit("m", "sell", p0, p1, 1, 0.1, "o" + i).status()).isEqualTo(201);
            }
            grown = Files.size(file);
        }
        try (PlatformServer server = PlatformServer.start(config, new TestClock(Instant.parse("2026-01-01T08:00:00Z")))) {
            long compacted = Files.size(file);
            assertThat(compacted).as("file after the start's compaction, %d bytes before", grown).isLessThan(grown / 2);
            ApiClient again = alice.at("http://127.0.0.1:" + server.port());
            assertThat(again.get("/api/orders/300").json().get("clientId").asText()).isEqualTo("o299"); // ids from 1, in order
        }
    }
}
