package org.peermarket.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.peermarket.market.p2p.AdmmP2P;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Convergence;
import org.peermarket.market.MarketInput;
import org.peermarket.model.AdmmOptions;
import org.peermarket.study.Examples;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.Runner;

/**
 * ADMM negotiation timings, medians over repeated runs in one JVM after a warm-up run:
 * the baroche-2019-admm example, and random markets of N peers with k = 20 partners each
 * (RandomMarkets, seed 42) with the default settings. For each random market it also times one
 * pass over arrays shaped like the negotiation's per-trade arrays (the memory-bandwidth floor
 * of an iteration) and, where asked, compares the objective with central clearing.
 *
 * <p>Usage: AdmmScaling [N ...] (default 1000 10000); -Dreps=R repetitions (default 5),
 * -Drelaxation=A over-relaxation for the random markets (default 1, markets.md's iteration),
 * -Dcentral=true to also clear centrally and print the objective difference.
 */
public final class AdmmScaling {
    private AdmmScaling() {}

    public static void main(String[] args) {
        int reps = Integer.getInteger("reps", 5);
        baroche(Math.max(reps, 21));
        int[] sizes = args.length == 0 ? new int[] {1000, 10000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            random(n, 20, reps);
        }
    }

    private static void baroche(int reps) {
        var scenario = Examples.load("baroche-2019-admm").orElseThrow();
        Runner.run(scenario);
        double[] seconds = new double[reps];
        RunResult last = null;
        for (int r = 0; r < reps; r++) {
            last = Runner.run(scenario);
            seconds[r] = last.solverSeconds();
        }
        Convergence c = last.periods().get(0).solver().convergence();
        System.out.println(String.format(Locale.ROOT,
                "baroche-2019-admm: status=%s iterations=%d median_seconds=%.5f primal=%.3g dual=%.3g messages=%d price=%.4f",
                last.status().label(), last.iterations(), median(seconds), c.primalResidual() / 1000,
                c.dualResidual() * 1000, c.messages(), last.periods().get(0).mu()[0] * 1000));
    }

    private static void random(int n, int k, int reps) {
        MarketInput in = RandomMarkets.of(n, k, 42);
        double relaxation = Double.parseDouble(System.getProperty("relaxation", "1"));
        AdmmP2P admm = new AdmmP2P(new AdmmOptions(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalDouble.of(relaxation)));
        ClearingResult first = admm.clear(in);
        double[] seconds = new double[reps];
        double[] perIteration = new double[reps];
        ClearingResult r = first;
        for (int i = 0; i < reps; i++) {
            r = admm.clear(in);
            seconds[i] = r.solver().seconds();
            perIteration[i] = seconds[i] / r.solver().iterations();
        }
        double floor = arrayPass(in.graph().edges(), n);
        Convergence c = r.solver().convergence();
        String central = "";
        if (Boolean.getBoolean("central")) {
            ClearingResult exact = new CentralP2P().clear(in);
            central = String.format(Locale.ROOT, " central_objective=%.9g objective_diff=%.3g", exact.objective(),
                    r.objective() - exact.objective());
        }
        System.out.println(String.format(Locale.ROOT,
                "n=%d k=%d relaxation=%s edges=%d status=%s iterations=%d median_seconds=%.4f median_ms_per_iteration=%.4f"
                        + " array_pass_ms=%.4f ratio=%.1f primal=%.3g dual=%.3g messages=%d objective=%.9g%s",
                n, k, relaxation, in.graph().edges(), r.status().label(), r.solver().iterations(), median(seconds),
                1e3 * median(perIteration), 1e3 * floor, median(perIteration) / floor, c.primalResidual(),
                c.dualResidual(), c.messages(), r.objective(), central));
    }

    /**
     * Median time of one pass over arrays shaped like the negotiation's: six doubles and one int
     * index per directed trade plus two doubles per peer, read once, one written, single thread.
     */
    static double arrayPass(int slots, int peers) {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] proposal = rnd.doubles(slots).toArray();
        double[] next = rnd.doubles(slots).toArray();
        double[] lambda = rnd.doubles(slots).toArray();
        double[] sell = rnd.doubles(slots).toArray();
        double[] buy = rnd.doubles(slots).toArray();
        double[] target = new double[slots];
        int[] rev = rnd.ints(slots, 0, slots).toArray();
        Arrays.sort(rev);
        double[] mu = rnd.doubles(peers).toArray();
        double[] net = new double[peers];
        double[] t = new double[201];
        double sink = 0;
        for (int r = 0; r < t.length; r++) {
            long start = System.nanoTime();
            for (int k = 0; k < slots; k++) {
                target[k] = proposal[k] - next[rev[k]] + lambda[k] + sell[k] - buy[k];
            }
            for (int i = 0; i < peers; i++) {
                net[i] = mu[i] + target[i];
            }
            t[r] = (System.nanoTime() - start) / 1e9;
            sink += target[r % slots] + net[r % peers];
        }
        if (sink == 42.4242) {
            System.out.println();
        }
        return median(Arrays.copyOfRange(t, 50, t.length));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
