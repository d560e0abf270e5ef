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
        Path file = config.h2File();
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
        Path record = dir.resolve("peermarket.compacted");
        String recorded = Files.readString(record);
        Object rewritten = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        try (PlatformServer server = PlatformServer.start(config, new TestClock(Instant.parse("2026-01-01T08:00:00Z")))) {
            assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                    .as("a start after little growth leaves the file in place").isEqualTo(rewritten);
            assertThat(Files.readString(record)).isEqualTo(recorded);
        }
    }

    @Test
    void theFileIsRewrittenOnlyOnceItDoubledSinceTheLastCompaction(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f.mv.db");
        Path record = dir.resolve("f.compacted");
        Files.write(file, new byte[3 << 20]);
        assertThat(Database.grownSinceCompaction(file, record)).as("never compacted").isTrue();
        Files.writeString(record, "1048576\n"); // 1 MiB after the last compaction: the limit is 3 MiB
        assertThat(Database.grownSinceCompaction(file, record)).as("exactly 2 × 1 MiB + 1 MiB").isFalse();
        Files.write(file, new byte[(3 << 20) + 1]);
        assertThat(Database.grownSinceCompaction(file, record)).isTrue();
        Files.writeString(record, "garbage");
        assertThat(Database.grownSinceCompaction(file, record)).as("an unreadable record compacts").isTrue();
    }
}
