package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate closure that fails half-way (here: the bill calculator, swapped in through its
 * interface, throws) commits nothing: no trades, no result, no ledger entry; the next attempt
 * closes the period normally and the ledger still verifies.
 */
class RollbackTest {

    @Test
    void aFailedGateClosureLeavesNoTraceAndCanBeRetried(@TempDir Path dir) throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        BillCalculator flaky = (market, period, trades) -> {
            if (broken.get()) {
                throw new IllegalStateException("settlement unavailable");
            }
            return new SettlementBills().bills(market, period, trades);
        };
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock, flaky, 0)) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            ApiClient alice = admin.register("alice", null, "peer");
            ApiClient bob = admin.register("bob", null, "peer");
            admin.post("/api/markets", Map.of("id", "m", "mechanism", "auction/uniform", "start", "2026-01-01T10:00:00Z",
                    "periodMinutes", 60, "gateMinutes", 60, "periods", 1));
            alice.submit("m", "sell", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 2, 0.10, "a");
            long bobs = bob.submit("m", "buy", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 2, 0.20, "b").json().get("id").asLong();
            int entries = server.exchange().ledgerEntries().size();
            clock.set(Instant.parse("2026-01-01T09:00:00Z"));

            assertThatThrownBy(server::closeDuePeriods).hasMessageContaining("settlement unavailable");
            assertThat(server.exchange().results("m")).isEmpty();
            assertThat(bob.get("/api/trades").json()).isEmpty();
            assertThat(bob.get("/api/orders/" + bobs).json().get("status").asText()).isEqualTo("active");
            assertThat(server.exchange().ledgerEntries()).hasSize(entries);
            assertThat(server.exchange().verifyLedger().ok()).isTrue();

            broken.set(false);
            List<Exchange.Closed> closed = server.closeDuePeriods();
            assertThat(closed).hasSize(1);
            assertThat(closed.get(0).volume()).isEqualTo(2.0);
            // by hand: the uniform price is halfway (k = 0.5) between 0.10 and 0.20, 2 x 0.15 = 30 cents
            assertThat(closed.get(0).price()).isCloseTo(0.15, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(bob.get("/api/bills").json().get(0).get("paid").asDouble()).isEqualTo(0.30);
            assertThat(server.exchange().ledgerEntries()).hasSize(entries + 3);
            assertThat(server.exchange().verifyLedger().ok()).isTrue();
            // the sequence goes on without a gap after the rolled-back attempt
            assertThat(alice.submit("m", "sell", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", 1, 0.1, "late").status()).isEqualTo(422);
        }
    }
}
