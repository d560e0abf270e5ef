package org.peermarket.bench;

import org.peermarket.study.Examples;
import org.peermarket.study.sweep.Sweep;

/**
 * A whole Monte Carlo sweep of euniversal-case69 (all 7 scenarios per draw), timed from the first draw to the
 * last: {@code java ... SweepRun [draws] [seed]} (default 1,000 draws, seed 1). Run under /usr/bin/time -v for the
 * whole process's wall time and peak memory.
 */
public final class SweepRun {
    private SweepRun() {}

    public static void main(String[] args) {
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        var s = Examples.load("euniversal-case69").orElseThrow();
        long start = System.nanoTime();
        Sweep.Result r = Sweep.run(s, draws, seed, k -> { });
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "%d draws x %d scenarios in %.1f s (%.1f ms per draw, %d threads)%n",
                draws, r.scenarios().size(), secs, 1000 * secs / draws, Runtime.getRuntime().availableProcessors());
    }
}
