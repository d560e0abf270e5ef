package org.peermarket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Seeded random full P2P markets for benchmarks, in kWh and EUR/kWh. Even peers are producers,
 * odd peers consumers: alternating them round the ring gives every peer partners of the other
 * kind (with halves in two blocks, energy would have to be relayed along the ring).
 */
public final class RandomMarkets {
    private RandomMarkets() {}

    /**
     * n peers, each with exactly k partners: a ring lattice where peer i pairs with i+1 .. i+k/2
     * (mod n). Both directions of a pair are tradeable, with a preference cost uniform in
     * [0, 0.005) EUR/kWh drawn per direction; non-negative costs rule out unbounded cycles.
     */
    public static MarketInput of(int n, int k, long seed) {
        if (n < 2 || k < 2 || k % 2 != 0 || k >= n) {
            throw new IllegalArgumentException("need n >= 2 and an even k with 2 <= k < n, got n=" + n + " k=" + k);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>(n);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] d = new double[n];
        double[] pmin = new double[n];
        double[] pmax = new double[n];
        for (int i = 0; i < n; i++) {
            boolean producer = i % 2 == 0;
            ids.add((producer ? "prod" : "cons") + i);
            a[i] = rnd.nextDouble(0.01, 0.05);
            if (producer) {
                b[i] = rnd.nextDouble(0.03, 0.12);
                pmax[i] = rnd.nextDouble(2, 10);
            } else {
                b[i] = rnd.nextDouble(0.15, 0.35);
                pmin[i] = -rnd.nextDouble(2, 10);
            }
        }
        TradeGraph.Builder g = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int s = 1; s <= k / 2; s++) {
                g.addPair(i, (i + s) % n, rnd.nextDouble(0, 0.005), rnd.nextDouble(0, 0.005));
            }
        }
        return new MarketInput(ids, a, b, d, pmin, pmax, g.build());
    }
}
