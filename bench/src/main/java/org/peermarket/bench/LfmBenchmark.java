package org.peermarket.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.peermarket.market.flex.LfmInput;
import org.peermarket.market.flex.LfmResult;
import org.peermarket.market.flex.LocalFlexibilityMarket;
import org.peermarket.study.pipeline.EuniversalStudy;
import org.peermarket.study.Examples;

/**
 * One local flexibility market on case69 with the 172 bids of euniversal-case69 (scenario s0: 68 monitored lines,
 * two congested, balance-neutral), warm: build the LP, GLOP, verify, prices.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LfmBenchmark {
    private LfmInput input;

    @Setup(Level.Trial)
    public void setup() {
        var spec = Examples.load("euniversal-case69").orElseThrow().study().orElseThrow().draw().orElseThrow();
        EuniversalStudy.Draw d = EuniversalStudy.draw(spec);
        double[] flows = new double[d.ptdf().length];
        for (int l = 0; l < flows.length; l++) {
            for (int i = 0; i < d.baseInjectionMw().length; i++) {
                flows[l] += d.ptdf()[l][i] * d.baseInjectionMw()[i];
            }
        }
        boolean[] all = new boolean[flows.length];
        java.util.Arrays.fill(all, true);
        input = new LfmInput(d.ptdf(), flows, d.ratingMw(), all, d.bids(), true);
        LfmResult r = LocalFlexibilityMarket.clear(input);
        if (!r.optimal()) {
            throw new IllegalStateException("the s0 LFM should clear: " + r.cause());
        }
    }

    @Benchmark
    public LfmResult clear() {
        return LocalFlexibilityMarket.clear(input);
    }
}
