package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rapid GET /api/orders while gate closures keep failing on a database error and being rolled
 * back: every answer is 200. (The rollback used to empty the participants and markets before
 * reloading them, so a read in between got 500, or 401 for a token it did not find.)
 */
class RapidReadsTest {

    @Test
    void readsDuringRollbacksAllSucceed(@TempDir Path dir) throws Exception {
        BillCalculator down = (market, period, trades) -> {
            throw new IllegalStateException("bills unavailable", new SQLException("connection refused"));
        };
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        PlatformConfig config = PlatformConfig.defaults(dir).withPort(0).withRateLimit(100_000, 100_000);
        try (PlatformServer server = PlatformServer.start(config, clock, down, 0)) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            for (int i = 0; i < 20; i++) {
                admin.post("/api/markets", Map.of("id", "m" + i, "mechanism", "auction/uniform", "start", "2026-01-01T10:00:00Z",
                        "periodMinutes", 60, "gateMinutes", 60, "periods", 2));
            }
            assertThat(alice.submit("m0", "sell", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 2, 0.10, "a").status()).isEqualTo(201);
            assertThat(bob.submit("m0", "buy", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 2, 0.20, "b").status()).isEqualTo(201);
            clock.set(Instant.parse("2026-01-01T09:00:00Z"));

            AtomicBoolean stop = new AtomicBoolean();
            Thread closer = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        server.closeDuePeriods();
                    } catch (RuntimeException e) {
                        // expected: the database error rolls the closure back every time
                    }
                }
            });
            closer.start();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            statuses.merge(alice.get("/api/orders").status(), 1, Integer::sum);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                stop.set(true);
                closer.join();
                pool.shutdown();
            }
            assertThat(statuses).isEqualTo(Map.of(200, 400));
            assertThat(server.exchange().results("m0")).isEmpty(); // never committed: a database error is not quarantined
        }
    }
}
