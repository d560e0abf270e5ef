package org.peermarket.settlement;

import java.util.Locale;
import java.util.SplittableRandom;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/** Seeded random scenarios (YAML, parsed as a user's would be) for the property tests. */
final class RandomRuns {
    static final String[] MARKETS = {
        "{type: p2p, solver: central}",
        "{type: p2p, solver: admm}",
        "{type: auction, pricing: uniform}",
        "{type: auction, pricing: pay-as-bid}",
        "{type: auction, pricing: mcafee}",
        "{type: cda, solver: book}",
    };

    private RandomRuns() {}

    /**
     * n peers over 1-3 periods, about half producers; random preferences and, now and then,
     * partner lists; with a tariff (retail >= feed-in) so the baseline and sharing apply.
     */
    static Scenario scenario(long seed, String market, int n, boolean sharing) {
        return scenario(seed, market, n, sharing, false);
    }

    /** With {@code pool}: no preferences and no partner lists (one price per period). */
    static Scenario scenario(long seed, String market, int n, boolean sharing, boolean pool) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int periods = 1 + rnd.nextInt(3);
        StringBuilder y = new StringBuilder();
        y.append("name: random-").append(seed).append('\n');
        y.append("periods: ").append(periods).append('\n');
        y.append("market: ").append(market).append('\n');
        double feedIn = rnd.nextDouble(0.02, 0.1);
        y.append(String.format(Locale.ROOT, "tariff: {retail: %.4f, feed_in: %.4f}%n", feedIn + rnd.nextDouble(0.05, 0.3), feedIn));
        if (sharing) {
            y.append("sharing: {rule: shapley}\n");
        }
        boolean partners = rnd.nextInt(3) == 0 && !pool;
        y.append("peers:\n");
        for (int i = 0; i < n; i++) {
            boolean producer = i % 2 == 0;
            y.append("  - id: p").append(i).append('\n');
            double a = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble(0.005, 0.05);
            double b = producer ? rnd.nextDouble(0.0, 0.15) : rnd.nextDouble(0.12, 0.4);
            y.append(String.format(Locale.ROOT, "    cost: {a: %.5f, b: %.5f}%n", a, b));
            if (producer) {
                y.append(String.format(Locale.ROOT, "    pmin: 0%n    pmax: %.3f%n", rnd.nextDouble(0.5, 8)));
            } else {
                y.append(String.format(Locale.ROOT, "    pmin: %.3f%n    pmax: 0%n", -rnd.nextDouble(0.5, 8)));
            }
            if (partners) {
                y.append("    partners: [p").append((i + 1) % n).append(", p").append((i + n - 1) % n).append("]\n");
            }
            if (rnd.nextBoolean() && !pool) {
                y.append(String.format(Locale.ROOT, "    prefs: {p%d: %.4f}%n", (i + 1) % n, rnd.nextDouble(0, 0.01)));
            }
        }
        return ScenarioParser.parse(y.toString(), "random.yaml", false);
    }
}
