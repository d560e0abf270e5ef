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
import org.peermarket.grid.Cases;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;

/** Time of one PTDF (warm JVM, case already read): case118, case141 and a 1,000-bus synthetic feeder. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PtdfBenchmark {
    @Param({"case118", "case141", "feeder1000"})
    String network;

    private GridCase grid;

    @Setup(Level.Trial)
    public void setUp() {
        grid = network.equals("feeder1000") ? SyntheticFeeder.of(1000, 42) : Cases.builtIn(network);
    }

    @Benchmark
    public Ptdf ptdf() {
        return Ptdf.of(grid);
    }
}
