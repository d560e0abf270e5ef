package org.peermarket.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CDA matching throughput: one invocation replays 1,000,000 random orders into a fresh book on
 * one thread; JMH reports orders per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CdaBenchmark {
    static final int ORDERS = 1_000_000;

    private OrderStreams stream;

    @Setup(Level.Trial)
    public void setup() {
        stream = OrderStreams.random(ORDERS, 42);
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS)
    public long replay() {
        OrderStreams.Counting count = new OrderStreams.Counting();
        stream.replay(count.book(), 0, ORDERS);
        return count.trades;
    }
}
