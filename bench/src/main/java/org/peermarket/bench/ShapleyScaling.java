package org.peermarket.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.CommunityCoalitionCost;
import org.peermarket.settlement.CostGame;
import org.peermarket.settlement.P2PCoalitionCost;
import org.peermarket.settlement.Shapley;

/**
 * Time of exact Shapley over all 2^n coalitions of a random community (docs/profit-sharing.md):
 * half producers, half consumers, retail 0.25, feed-in 0.06, seeded. {@code solver}: every peer
 * dislikes one neighbour a little, so each coalition is cleared by the convex program instead
 * of the closed-form pool. {@code community}: the same peers form one community (fee 0.005,
 * import 0.25, export 0.06; peer p0 has a battery), and each coalition clears the community
 * market alone (the community game, one horizon program per coalition).
 *
 * <p>Usage: ShapleyScaling n periods pool|solver|community [seed]. Prints one line.
 */
public final class ShapleyScaling {
    private ShapleyScaling() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ShapleyScaling n periods pool|solver|community [seed]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int periods = Integer.parseInt(args[1]);
        String mode = args[2];
        boolean solver = mode.equals("solver");
        boolean community = mode.equals("community");
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        String yaml = yaml(n, periods, solver, seed);
        Scenario s = ScenarioParser.parse(community ? communityYaml(yaml, n) : yaml, "bench.yaml", false);
        CostGame game = new CostGame(n, community ? new CommunityCoalitionCost(s) : new P2PCoalitionCost(s));
        long start = System.nanoTime();
        double[] phi = Shapley.exact(game).values();
        double seconds = (System.nanoTime() - start) / 1e9;
        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        System.out.println(String.format(Locale.ROOT, "n=%d periods=%d mode=%s coalitions=%d seconds=%.3f gain=%.6f",
                n, periods, mode, (1L << n) - 1, seconds, sum));
    }

    /** The same peers as one community with a manager, p0 with a 4 kWh battery. */
    static String communityYaml(String yaml, int n) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < n; i++) {
            members.append(i == 0 ? "" : ", ").append('p').append(i);
        }
        String head = "market: {type: community}\ncommunities:\n  - id: c\n    members: [" + members
                + "]\n    manager: {fee: 0.005, import_price: 0.25, export_price: 0.06}\n";
        return yaml.replace("peers:\n", head + "peers:\n").replaceFirst("(  - id: p0\n(    .*\n){3})",
                "$1    storage: {capacity: 4, charge_max: 2, discharge_max: 2, soc_initial: 2, soc_final: cyclic}\n");
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
