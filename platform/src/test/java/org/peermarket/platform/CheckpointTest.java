package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.Checkpoint;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.Merkle;
import org.peermarket.ledger.ServerSignatures;
import org.peermarket.ledger.Signatures;

/** The server key and the signed checkpoints of each gate closure (docs/ledger.md#checkpoints). */
class CheckpointTest {
    static final String P0 = "2026-01-01T10:00:00Z";
    static final String P1 = "2026-01-01T11:00:00Z";
    static final String P2 = "2026-01-01T12:00:00Z";

    @Test
    void eachGateClosurePublishesASignedCheckpointOfTheWholeLedger(@TempDir Path dir) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        String key;
        List<JsonNode> published;
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient anyone = new ApiClient(base, "x", null, null);
            // the key: created in the data dir, private half owner-only, public half published without a token
            key = Files.readString(dir.resolve("server.pub")).trim();
            assertThat(anyone.get("/api/server-key").json().get("publicKey").asText()).isEqualTo(key).isEqualTo(server.serverPublicKey());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key")))).isEqualTo("rw-------");
            assertThat(anyone.get("/api/checkpoints").json()).isEmpty();
            assertThat(anyone.get("/api/checkpoints/latest").status()).isEqualTo(404);

            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            admin.post("/api/markets", Map.of("id", "day", "mechanism", "auction/uniform", "start", P0, "periodMinutes", 60,
                    "gateMinutes", 60, "periods", 3));
            WebSocketTest.Listener feed = new WebSocketTest.Listener();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), feed)
                    .get(10, TimeUnit.SECONDS);
            assertThat(alice.submit("day", "sell", P0, P1, 2, 0.10, "a1").status()).isEqualTo(201);
            assertThat(bob.submit("day", "buy", P0, P1, 2, 0.20, "b1").status()).isEqualTo(201);
            clock.set(Instant.parse("2026-01-01T09:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(1);
            List<LedgerEntry> atFirst = export(admin, dir);
            assertThat(bob.submit("day", "buy", P1, P2, 1, 0.20, "b2").status()).isEqualTo(201);
            clock.advance(Duration.ofHours(1));
            assertThat(server.closeDuePeriods()).hasSize(1);
            List<LedgerEntry> atSecond = export(admin, dir);

            JsonNode all = anyone.get("/api/checkpoints").json();
            assertThat(all).hasSize(2);
            assertCheckpoint(all.get(0), "day", 0, 0, atFirst, key);
            assertCheckpoint(all.get(1), "day", 1, atFirst.size(), atSecond, key);
            assertThat(anyone.get("/api/checkpoints/latest").json()).isEqualTo(all.get(1));
            published = List.of(feed.next("checkpoint"), feed.next("checkpoint"));
            for (int i = 0; i < 2; i++) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) published.get(i)).remove("type");
                assertThat(published.get(i)).isEqualTo(all.get(i));
            }

            // the first entry announces the key; every entry the platform wrote carries its signature
            PublicKey pub = Signatures.decodePublicKey(key);
            assertThat(atSecond.get(0).type()).isEqualTo(EntryTypes.SERVER_KEY);
            assertThat(atSecond.get(0).payload()).isEqualTo("{\"publicKey\":\"" + key + "\"}");
            for (LedgerEntry e : atSecond) {
                boolean byPlatform = !e.type().equals("order") && !e.type().equals("cancel");
                assertThat(ServerSignatures.holds(pub, e)).as(e.sequence() + " " + e.type()).isEqualTo(byPlatform);
            }
            assertThat(server.exchange().verifyLedger().ok()).isTrue();
        }
        // a restart keeps the key: no new server-key entry, the same checkpoints; the next one's root from the ledger read again
        try (PlatformServer again = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            assertThat(again.serverPublicKey()).isEqualTo(key);
            List<LedgerEntry> entries = again.exchange().ledgerEntries();
            assertThat(entries.stream().filter(e -> e.type().equals(EntryTypes.SERVER_KEY))).hasSize(1);
            assertThat(again.exchange().checkpoints()).hasSize(2);
            assertThat(again.exchange().checkpoints().get(1).count()).isEqualTo(entries.size());
            assertThat(again.exchange().verifyLedger().ok()).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(again.closeDuePeriods()).hasSize(1);
            List<LedgerEntry> atThird = again.exchange().ledgerEntries();
            Checkpoint third = again.exchange().latestCheckpoint().orElseThrow();
            assertCheckpoint(Json.MAPPER.valueToTree(third.toMap()), "day", 2, entries.size(), atThird, key);
        }
    }

    /** The checkpoint's fields recomputed from the export taken right after its gate closure. */
    private static void assertCheckpoint(JsonNode json, String market, int period, long from, List<LedgerEntry> export, String key) {
        Checkpoint c = Checkpoint.parse(json, "checkpoint");
        List<String> hashes = export.stream().map(LedgerEntry::hash).toList();
        assertThat(c.market()).isEqualTo(market);
        assertThat(c.period()).isEqualTo(period);
        assertThat(c.from()).isEqualTo(from);
        assertThat(c.count()).isEqualTo(export.size());
        assertThat(c.head()).isEqualTo(hashes.get(hashes.size() - 1));
        assertThat(c.root()).isEqualTo(Merkle.rootOfHashes(hashes));
        assertThat(c.hashes()).isEqualTo(hashes.subList((int) from, hashes.size()));
        assertThat(c.serverKey()).isEqualTo(key);
        assertThat(c.signedBy(Signatures.decodePublicKey(key))).isTrue();
        assertThat(export.get(export.size() - 1).type()).isEqualTo("period-close");
    }

    private static List<LedgerEntry> export(ApiClient admin, Path dir) throws Exception {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, admin.get("/api/ledger").text());
        return JsonLines.read(file);
    }
}
