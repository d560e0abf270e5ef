package org.peermarket.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;

/**
 * Time of one central clearing of a full P2P market (solve, polish, least-volume split, KKT
 * checks). Iterations are long (one clear can take seconds at n = 1000), so few are used.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class CentralClearingBenchmark {
    @Param({"100", "1000"})
    int n;

    @Param({"20"})
    int k;

    private MarketInput input;
    private CentralP2P market;

    @Setup(Level.Trial)
    public void setup() {
        input = RandomMarkets.of(n, k, 42);
        market = new CentralP2P();
        // Timing a failed clear would be meaningless: check the path once before measuring.
        ClearingResult r = market.clear(input);
        if (!r.optimal()) {
            throw new IllegalStateException("n=" + n + " k=" + k + ": " + r.status() + " " + r.cause());
        }
    }

    @Benchmark
    public ClearingResult clear() {
        return market.clear(input);
    }
}
