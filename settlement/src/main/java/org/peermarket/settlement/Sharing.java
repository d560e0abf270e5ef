package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.SharingSpec;

/**
 * Shares a community's gain among its members by every rule of markets.md §8
 * (docs/profit-sharing.md). The gain is v(N) of the savings game of the market's coalition
 * costs: {@link CommunityCoalitionCost} in a community market (each coalition clears the
 * community market alone, markets.md §8), else {@link P2PCoalitionCost} (the P2P market plus
 * the retailer): what all peers together save against each standing alone. Each rule gives
 * shares that sum to the gain exactly; a member's cost after sharing is its stand-alone cost
 * minus its share.
 */
public final class Sharing {
    /** Exact Shapley with a solver per coalition (prefs or partner lists) up to this many members. */
    public static final int SOLVER_EXACT_LIMIT = 10;
    /**
     * Exact Shapley of the community market's game (a horizon clearing per coalition) while no
     * community has more members than this (communities clear apart, so each costs 2^|c|
     * clearings; docs/profit-sharing.md, measured with ShapleyScaling: about 50 s at 12).
     */
    public static final int COMMUNITY_EXACT_LIMIT = 12;

    private Sharing() {}

    /** One rule's allocation. standardErrors is non-zero only for sampled Shapley; inCore null when not checked. */
    public record Allocation(String rule, double[] weights, double[] shares, double[] standardErrors, double jain,
                             Boolean inCore, double coreViolation) {}

    /**
     * Every rule's allocation. {@code method} says how v was evaluated ("exact", or "sampled" with
     * {@code samples} orders); {@code coreEmpty} is null when the community is too large to check.
     */
    public record Result(List<String> ids, double[] alone, double gain, String method, int samples,
                         boolean closedForm, Boolean coreEmpty, double seconds, String chosen, List<Allocation> allocations,
                         String game) {
        /** The same without naming the game (the P2P market's). */
        public Result(List<String> ids, double[] alone, double gain, String method, int samples, boolean closedForm,
                      Boolean coreEmpty, double seconds, String chosen, List<Allocation> allocations) {
            this(ids, alone, gain, method, samples, closedForm, coreEmpty, seconds, chosen, allocations, "p2p");
        }
    }

    /** Told how much work a sharing run has and each step of it (a progress bar; silent by default). */
    public interface Tracker {
        Tracker NONE = new Tracker() {
            @Override
            public void begin(String task, long total, String unit) {}

            @Override
            public void step(long n) {}
        };

        void begin(String task, long total, String unit);

        void step(long n);
    }

    public static Result of(Scenario s, Baseline baseline, SharingSpec spec) {
        return of(s, baseline, spec, Tracker.NONE);
    }

    /**
     * Long work (Shapley over many coalitions or orders) reports its steps to a tracker: the
     * study draws them as a progress bar. The game is the community market's own
     * ({@link CommunityCoalitionCost}) for market.type community, else {@link P2PCoalitionCost}.
     */
    public static Result of(Scenario s, Baseline baseline, SharingSpec spec, Tracker tracker) {
        long start = System.nanoTime();
        int n = s.peers().size();
        boolean community = CommunityCoalitionCost.applies(s);
        CostGame.CoalitionCost costs = community ? new CommunityCoalitionCost(s) : new P2PCoalitionCost(s);
        boolean closedForm = !community && ((P2PCoalitionCost) costs).closedForm();
        CostGame game = new CostGame(n, costs);
        boolean exact = n <= Math.min(spec.exactMax(), Shapley.EXACT_LIMIT) && (closedForm
                || (community ? ((CommunityCoalitionCost) costs).largestCommunity() <= COMMUNITY_EXACT_LIMIT
                : n <= SOLVER_EXACT_LIMIT));
        double[] v;
        Shapley.Estimate shapley;
        if (exact) {
            tracker.begin("Shapley (exact)", (1L << n) - 1, "coalitions");
            v = Shapley.values(game, tracker::step);
            shapley = Shapley.exact(v, n);
        } else {
            v = null;
            tracker.begin("Shapley (sampled)", spec.samples(), "orders");
            shapley = Shapley.sampled(game, spec.samples(), spec.seed(), tracker::step);
        }
        BitSet all = new BitSet();
        all.set(0, n);
        double gain = exact ? v[(1 << n) - 1] : game.value(all);
        double[] alone = new double[n];
        for (int i = 0; i < n; i++) {
            alone[i] = game.alone(i);
        }
        List<Allocation> out = new ArrayList<>();
        double[] equal = new double[n];
        java.util.Arrays.fill(equal, 1);
        out.add(allocation("equal", equal, proportional(equal, gain), null, v));
        double[] contribution = contributions(game, v, gain, n);
        out.add(allocation("contribution", contribution, proportional(contribution, gain), null, v));
        out.add(allocation("shapley", null, shapley.values(), shapley.standardErrors(), v));
        double[] needs = needs(s, baseline, spec);
        out.add(allocation("needs", needs, proportional(needs, gain), null, v));
        double[] renewable = renewable(s, baseline, spec);
        out.add(allocation("renewable", renewable, proportional(renewable, gain), null, v));
        Boolean coreEmpty = v != null && n <= Core.LIMIT ? Core.isEmpty(v, n) : null;
        return new Result(s.peers().stream().map(Peer::id).toList(), alone, gain, exact ? "exact" : "sampled",
                shapley.samples(), closedForm, coreEmpty, (System.nanoTime() - start) / 1e9, spec.rule(), out,
                community ? "community" : "p2p");
    }

    private static Allocation allocation(String rule, double[] weights, double[] shares, double[] se, double[] v) {
        boolean check = v != null && shares.length <= Core.LIMIT;
        double violation = check ? Core.violation(v, shares) : Double.NaN;
        return new Allocation(rule, weights, shares, se == null ? new double[shares.length] : se, Fairness.jain(shares),
                check ? Core.contains(v, shares) : null, violation);
    }

    /** gain split in proportion to non-negative weights; equally when they are all zero. */
    static double[] proportional(double[] weights, double gain) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = total > 0 ? gain * weights[i] / total : gain / out.length;
        }
        return out;
    }

    /** Marginal contribution to the grand coalition, v(N) - v(N - i), floored at zero. */
    private static double[] contributions(CostGame game, double[] v, double gain, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double without;
            if (v != null) {
                without = v[((1 << n) - 1) & ~(1 << i)];
            } else {
                BitSet rest = new BitSet();
                rest.set(0, n);
                rest.clear(i);
                without = game.value(rest);
            }
            out[i] = Math.max(0, gain - without);
        }
        return out;
    }

    /** The listed needs weights, else each peer's stand-alone consumption (kWh bought over the horizon). */
    private static double[] needs(Scenario s, Baseline b, SharingSpec spec) {
        double[] out = new double[s.peers().size()];
        for (int i = 0; i < out.length; i++) {
            String id = s.peers().get(i).id();
            if (!spec.needs().isEmpty()) {
                out[i] = spec.needs().getOrDefault(id, 0.0);
            } else {
                for (double q : b.p()[i]) {
                    out[i] += Math.max(-q, 0);
                }
            }
        }
        return out;
    }

    /** Stand-alone production (kWh sold over the horizon) of the renewable peers (all, unless listed). */
    private static double[] renewable(Scenario s, Baseline b, SharingSpec spec) {
        double[] out = new double[s.peers().size()];
        for (int i = 0; i < out.length; i++) {
            String id = s.peers().get(i).id();
            if (spec.renewable().map(list -> list.contains(id)).orElse(true)) {
                for (double q : b.p()[i]) {
                    out[i] += Math.max(q, 0);
                }
            }
        }
        return out;
    }
}
