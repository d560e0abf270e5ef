package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged order is never lost: the server runs in its own JVM, four clients submit
 * orders as fast as they can, the server is killed with SIGKILL mid-stream, restarted on the
 * same data directory, and every order that was answered 201 is there, with its ledger intact.
 * With {@code signature_check: before_activation} an order is acknowledged (202) once stored as
 * received; after the restart every one of them is activated (none killed: all were signed
 * correctly) and the ledger holds it.
 */
class DurabilityTest {

    @Test
    void everyAcknowledgedOrderSurvivesSigkill(@TempDir Path dir) throws Exception {
        survivesSigkill(dir, PlatformConfig.ON_RECEIPT, 201);
    }

    @Test
    void everyOrderAcknowledgedAsReceivedSurvivesSigkillAndIsActivated(@TempDir Path dir) throws Exception {
        survivesSigkill(dir, PlatformConfig.BEFORE_ACTIVATION, 202);
    }

    private static void survivesSigkill(Path dir, String signatureCheck, int acknowledgement) throws Exception {
        Process first = launch(dir, signatureCheck);
        String base = "http://127.0.0.1:" + port(first);
        ApiClient admin = new ApiClient(base, "admin", Files.readString(dir.resolve("admin.token")).trim(), null);
        String from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1)).toString();
        String to = Instant.parse(from).plus(Duration.ofHours(1)).toString();
        assertThat(admin.post("/api/markets", Map.of("id", "cda", "mechanism", "cda/book", "start", from, "periodMinutes", 60,
                "periods", 1)).status()).isEqualTo(201);
        List<ApiClient> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            peers.add(admin.register("peer" + i, null, "peer"));
        }

        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (ApiClient p : peers) {
            Thread t = new Thread(() -> {
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(p.id.hashCode());
                for (int n = 0; !stop.get(); n++) {
                    boolean buy = rnd.nextBoolean();
                    double price = Math.round((0.15 + (buy ? -0.01 : 0.01) + rnd.nextDouble(-0.02, 0.02)) * 1000) / 1000.0;
                    try {
                        ApiClient.Reply r = p.submit("cda", buy ? "buy" : "sell", from, to, 1 + rnd.nextInt(5), price, "o" + n);
                        if (r.status() == acknowledgement) {
                            acknowledged.put(r.json().get("id").asLong(), p.id);
                        }
                    } catch (RuntimeException e) {
                        return; // the server is gone
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.size() < 400 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        first.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(100);

        Process second = launch(dir, signatureCheck);
        try {
            String base2 = "http://127.0.0.1:" + port(second);
            Map<String, ApiClient> byId = new java.util.HashMap<>();
            peers.forEach(p -> byId.put(p.id, new ApiClient(base2, p.id, p.token, p.key)));
            for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                ApiClient.Reply r = awaitChecked(byId.get(e.getValue()), e.getKey());
                assertThat(r.status()).as("acknowledged order " + e.getKey() + " of " + e.getValue()).isEqualTo(200);
                assertThat(r.json().get("status").asText()).as("order " + e.getKey()).isNotEqualTo("received");
                assertThat(r.json().get("refusals").toString()).as("order " + e.getKey()).doesNotContain("signature");
            }
            ApiClient admin2 = new ApiClient(base2, "admin", admin.token, null);
            assertThat(admin2.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
            java.util.Set<Long> inLedger = new java.util.HashSet<>();
            for (String line : admin2.get("/api/ledger").text().split("\n")) {
                com.fasterxml.jackson.databind.JsonNode entry = Json.tree(line);
                if (entry.get("type").asText().equals("order")) {
                    inLedger.add(entry.get("seq").asLong());
                }
            }
            for (Long id : acknowledged.keySet()) {
                long seq = byId.get(acknowledged.get(id)).get("/api/orders/" + id).json().get("ledgerSeq").asLong();
                assertThat(inLedger).as("ledger entry of order " + id).contains(seq);
            }
            // the continuous book is rebuilt from the stored live orders and keeps matching
            ApiClient p0 = byId.get("peer0");
            assertThat(p0.submit("cda", "buy", from, to, 1, 0.5, "after-restart").status()).isEqualTo(acknowledgement);
            assertThat(admin2.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
        } finally {
            second.destroyForcibly();
            second.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The order as its owner sees it, once it is no longer waiting for its signature check (30 s at most). */
    private static ApiClient.Reply awaitChecked(ApiClient owner, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ApiClient.Reply r = owner.get("/api/orders/" + id);
        while (r.status() == 200 && r.json().get("status").asText().equals("received") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = owner.get("/api/orders/" + id);
        }
        return r;
    }

    private static Process launch(Path dir, String signatureCheck) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PlatformMain.class.getName(),
                "--port", "0", "--data-dir", dir.toString(), "--rate", "1000000", "--signature-check", signatureCheck)
                .redirectErrorStream(true).start();
    }

    private static int port(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
            if (line.startsWith("listening on ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (java.io.IOException e) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring("listening on ".length()).trim());
            }
        }
        throw new IllegalStateException("the server did not start");
    }
}
