package org.peermarket.settlement;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Shapley values of a game (markets.md §8): exact by the subset formula for small games,
 * estimated by random player orders (permutation sampling) for large ones.
 */
public final class Shapley {
    /** Exact up to this many players: 2^n coalitions are evaluated. */
    public static final int EXACT_LIMIT = 22;

    private Shapley() {}

    /** An estimate with its standard error per player (all zero when exact). */
    public record Estimate(double[] values, double[] standardErrors, int samples) {
        public boolean exact() {
            return samples == 0;
        }
    }

    /**
     * phi_i = sum over S without i of |S|! (n-|S|-1)! / n! * (v(S + i) - v(S)), with v evaluated
     * once per coalition (2^n values).
     */
    public static Estimate exact(CharacteristicFunction game) {
        int n = game.players();
        if (n > EXACT_LIMIT) {
            throw new IllegalArgumentException("exact Shapley needs at most " + EXACT_LIMIT + " players, not " + n);
        }
        return exact(values(game), n);
    }

    /** The exact values from v(S) for every coalition, indexed by bit mask (length 2^n). */
    public static Estimate exact(double[] v, int n) {
        double[] weight = new double[n];
        for (int s = 0; s < n; s++) {
            weight[s] = 1.0 / (n * binomial(n - 1, s)); // |S|!(n-|S|-1)!/n!
        }
        double[] phi = new double[n];
        for (int mask = 0; mask < v.length; mask++) {
            int size = Integer.bitCount(mask);
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) == 0) {
                    phi[i] += weight[size] * (v[mask | (1 << i)] - v[mask]);
                }
            }
        }
        return new Estimate(phi, new double[n], 0);
    }

    /** v(S) for every coalition, indexed by bit mask. */
    public static double[] values(CharacteristicFunction game) {
        return values(game, done -> {});
    }

    /** The same, telling {@code progress} of each coalition evaluated (2^n - 1 in all). */
    public static double[] values(CharacteristicFunction game, LongConsumer progress) {
        int n = game.players();
        double[] v = new double[1 << n];
        for (int mask = 1; mask < v.length; mask++) {
            v[mask] = game.value(CharacteristicFunction.coalition(mask));
            progress.accept(1);
        }
        return v;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /**
     * The mean of each player's marginal contribution over {@code samples} uniformly random
     * orders (seeded), and its standard error s / sqrt(samples). Each order's contributions sum
     * to v(N), so the estimate is efficient exactly, whatever its error per player.
     */
    public static Estimate sampled(CharacteristicFunction game, int samples, long seed) {
        return sampled(game, samples, seed, done -> {});
    }

    /** The same, telling {@code progress} of each order done ({@code samples} in all). */
    public static Estimate sampled(CharacteristicFunction game, int samples, long seed, LongConsumer progress) {
        int n = game.players();
        SplittableRandom random = new SplittableRandom(seed);
        Map<BitSet, Double> cache = new HashMap<>();
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        int[] order = new int[n];
        for (int k = 0; k < samples; k++) {
            shuffle(order, random);
            BitSet s = new BitSet(n);
            double before = 0;
            for (int i : order) {
                s.set(i);
                BitSet key = (BitSet) s.clone();
                double after = cache.computeIfAbsent(key, game::value);
                double m = after - before;
                sum[i] += m;
                sumSq[i] += m * m;
                before = after;
            }
            progress.accept(1);
        }
        double[] phi = new double[n];
        double[] se = new double[n];
        for (int i = 0; i < n; i++) {
            phi[i] = sum[i] / samples;
            double variance = samples > 1 ? Math.max(0, (sumSq[i] - samples * phi[i] * phi[i]) / (samples - 1)) : 0;
            se[i] = Math.sqrt(variance / samples);
        }
        return new Estimate(phi, se, samples);
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
