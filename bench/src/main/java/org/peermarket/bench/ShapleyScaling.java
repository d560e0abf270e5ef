package org.peermarket.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.CostGame;
import org.peermarket.settlement.P2PCoalitionCost;
import org.peermarket.settlement.Shapley;

/**
 * Time of exact Shapley over all 2^n coalitions of a random community (docs/profit-sharing.md):
 * half producers, half consumers, retail 0.25, feed-in 0.06, seeded. {@code solver}: every peer
 * dislikes one neighbour a little, so each coalition is cleared by the convex program instead
 * of the closed-form pool.
 *
 * <p>Usage: ShapleyScaling n periods pool|solver [seed]. Prints one line.
 */
public final class ShapleyScaling {
    private ShapleyScaling() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ShapleyScaling n periods pool|solver [seed]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int periods = Integer.parseInt(args[1]);
        boolean solver = args[2].equals("solver");
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Scenario s = ScenarioParser.parse(yaml(n, periods, solver, seed), "bench.yaml", false);
        CostGame game = new CostGame(n, new P2PCoalitionCost(s));
        long start = System.nanoTime();
        double[] phi = Shapley.exact(game).values();
        double seconds = (System.nanoTime() - start) / 1e9;
        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        System.out.println(String.format(Locale.ROOT, "n=%d periods=%d mode=%s coalitions=%d seconds=%.3f gain=%.6f",
                n, periods, solver ? "solver" : "pool", (1L << n) - 1, seconds, sum));
    }

    static String yaml(int n, int periods, boolean solver, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder y = new StringBuilder("name: bench\nperiods: " + periods + "\n");
        y.append("tariff: {retail: 0.25, feed_in: 0.06}\npeers:\n");
        for (int i = 0; i < n; i++) {
            boolean producer = i % 2 == 0;
            y.append(String.format(Locale.ROOT, "  - id: p%d%n    cost: {a: %.4f, b: %.4f}%n", i,
                    rnd.nextDouble(0.01, 0.05), producer ? rnd.nextDouble(0, 0.15) : rnd.nextDouble(0.15, 0.4)));
            y.append(producer ? String.format(Locale.ROOT, "    pmin: 0%n    pmax: %.3f%n", rnd.nextDouble(1, 8))
                    : String.format(Locale.ROOT, "    pmin: %.3f%n    pmax: 0%n", -rnd.nextDouble(1, 8)));
            if (solver) {
                y.append(String.format(Locale.ROOT, "    prefs: {p%d: 0.001}%n", (i + 1) % n));
            }
        }
        return y.toString();
    }
}
