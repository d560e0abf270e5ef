package org.peermarket.settlement;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.Tariff;

/**
 * c(S) for the current market types (docs/profit-sharing.md): the optimal cost, summed over
 * periods, of the full P2P market (markets.md §1) of S's members plus the retailer, which sells
 * to any member at the retail price and buys from any at the feed-in price:
 *
 * <pre>
 *   min sum_n C_n(p_n) + sum c_ij x_ij + r sum_n alpha_n - f sum_n beta_n
 *   s.t. p_n + alpha_n - beta_n = sum_j x_nj - sum_j x_jn,  pmin <= p <= pmax,  x, alpha, beta >= 0
 * </pre>
 *
 * With no preferences and no partner lists the members form one pool with a single price
 * lambda in [f, r] and the optimum is found exactly by a search over the breakpoints of the
 * members' supply (fast: no solver); otherwise each coalition is a {@link ConvexProgram}
 * (GLOP when every cost is linear). c({i}) is peer i's stand-alone cost ({@link StandAlone}).
 */
public final class P2PCoalitionCost implements CostGame.CoalitionCost {
    private final Scenario s;
    private final Tariff tariff;
    private final boolean pool;

    public P2PCoalitionCost(Scenario s) {
        this.s = s;
        this.tariff = s.tariff().orElseThrow(() -> new IllegalArgumentException("coalition costs need a tariff"));
        this.pool = s.peers().stream().allMatch(p -> p.partners().isEmpty() && p.prefs().values().stream().allMatch(v -> v == 0));
    }

    /** True when coalitions are cleared in closed form (one price per period, no solver). */
    public boolean closedForm() {
        return pool;
    }

    @Override
    public double cost(BitSet coalition) {
        int[] members = coalition.stream().toArray();
        double sum = 0;
        for (int t = 0; t < s.periods(); t++) {
            sum += pool ? poolCost(members, t) : programCost(members, t);
        }
        return sum;
    }

    /** The single-price pool: the price where the members' supply meets zero, clipped to [f, r]. */
    double poolCost(int[] members, int t) {
        double r = tariff.retail().at(t);
        double f = tariff.feedIn().at(t);
        double[] points = breakpoints(members, t, f, r);
        double lambda = r;
        double[] p = null;
        double prev = f;
        for (double beta : points) {
            if (supply(members, t, beta, true) >= 0) { // the largest supply at beta reaches zero
                if (supply(members, t, beta, false) <= 0 || beta == f) {
                    lambda = beta;
                    p = dispatchAt(members, t, beta);
                } else { // supply crossed zero inside (prev, beta), where it is affine
                    double lo = supply(members, t, prev, true);
                    double hi = supply(members, t, beta, false);
                    lambda = prev + (beta - prev) * (0 - lo) / (hi - lo);
                    p = dispatchAt(members, t, lambda);
                }
                break;
            }
            prev = beta;
        }
        if (p == null) { // short even at the retail price: import
            p = dispatchAt(members, t, r);
        }
        double cost = 0;
        double net = 0;
        for (int k = 0; k < members.length; k++) {
            cost += assetCost(members[k], t, p[k]);
            net += p[k];
        }
        return cost + r * Math.max(-net, 0) - f * Math.max(net, 0);
    }

    /** Prices in [f, r] where some member's supply bends or jumps, with f and r, sorted. */
    private double[] breakpoints(int[] members, int t, double f, double r) {
        double[] out = new double[3 * members.length + 2];
        int k = 0;
        out[k++] = f;
        out[k++] = r;
        for (int m : members) {
            Peer p = s.peers().get(m);
            double a = p.cost().a().at(t);
            double b = p.cost().b().at(t);
            for (double x : new double[] {b, b + a * p.pmin().at(t), b + a * p.pmax().at(t)}) {
                if (x > f && x < r) {
                    out[k++] = x;
                }
            }
        }
        double[] sorted = Arrays.copyOf(out, k);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Total supply at price lambda; at a linear member's own price, its largest (or smallest) choice. */
    private double supply(int[] members, int t, double lambda, boolean largest) {
        double sum = 0;
        for (int m : members) {
            sum += response(m, t, lambda, largest ? 1 : -1);
        }
        return sum;
    }

    /** argmin C(p) - lambda p on [pmin, pmax]; a tie (linear cost at its price) goes to {@code side}. */
    private double response(int m, int t, double lambda, int side) {
        Peer p = s.peers().get(m);
        double a = p.cost().a().at(t);
        double b = p.cost().b().at(t);
        double lo = p.pmin().at(t);
        double hi = p.pmax().at(t);
        if (a > 0) {
            return Math.max(lo, Math.min(hi, (lambda - b) / a));
        }
        if (lambda != b) {
            return lambda > b ? hi : lo;
        }
        return side > 0 ? hi : lo;
    }

    /**
     * Each member's injection at lambda. Linear members priced exactly at lambda are indifferent;
     * they take up what balances the pool (any split costs the same), within their bounds.
     */
    private double[] dispatchAt(int[] members, int t, double lambda) {
        double[] p = new double[members.length];
        double fixed = 0;
        double flexLo = 0;
        for (int k = 0; k < members.length; k++) {
            p[k] = response(members[k], t, lambda, -1);
            if (isIndifferent(members[k], t, lambda)) {
                flexLo += p[k];
            } else {
                fixed += p[k];
            }
        }
        double need = -fixed - flexLo; // extra injection the indifferent members should add
        for (int k = 0; k < members.length && need > 0; k++) {
            if (isIndifferent(members[k], t, lambda)) {
                double room = response(members[k], t, lambda, 1) - p[k];
                double add = Math.min(room, need);
                p[k] += add;
                need -= add;
            }
        }
        return p;
    }

    private boolean isIndifferent(int m, int t, double lambda) {
        Peer p = s.peers().get(m);
        return p.cost().a().at(t) == 0 && p.cost().b().at(t) == lambda;
    }

    private double assetCost(int m, int t, double q) {
        return s.peers().get(m).cost().value(t, q);
    }

    double programCost(int[] members, int t) {
        return program(members, t, true);
    }

    /** The same program with every pair free to trade at no cost (the pool, by a solver: a test's reference). */
    double programCostWithoutPreferences(int[] members, int t) {
        return program(members, t, false);
    }

    /** The coalition's market as a convex program (trades among members, retailer for each). */
    private double program(int[] members, int t, boolean preferences) {
        double r = tariff.retail().at(t);
        double f = tariff.feedIn().at(t);
        List<Peer> peers = s.peers();
        ConvexProgram cp = new ConvexProgram();
        double big = 0;
        for (int m : members) {
            big += Math.abs(peers.get(m).pmin().at(t)) + Math.abs(peers.get(m).pmax().at(t));
        }
        big = Math.max(big, 1);
        int[] row = new int[members.length];
        for (int k = 0; k < members.length; k++) {
            Peer p = peers.get(members[k]);
            row[k] = cp.addRow(0, 0);
            int pv = cp.addVariable(p.pmin().at(t), p.pmax().at(t), p.cost().b().at(t), p.cost().a().at(t));
            cp.addConstant(p.cost().d());
            int alpha = cp.addVariable(0, big, r);
            int beta = cp.addVariable(0, big, -f);
            cp.set(row[k], pv, 1);
            cp.set(row[k], alpha, 1);
            cp.set(row[k], beta, -1);
        }
        for (int i = 0; i < members.length; i++) {
            for (int j = 0; j < members.length; j++) {
                if (i != j && (!preferences || s.mayTrade(members[i], members[j]))) {
                    Peer seller = peers.get(members[i]);
                    Peer buyer = peers.get(members[j]);
                    double c = preferences ? seller.pref(buyer.id()) + buyer.pref(seller.id()) : 0;
                    int x = cp.addVariable(0, big, c);
                    cp.set(row[i], x, -1);
                    cp.set(row[j], x, 1);
                }
            }
        }
        ConvexSolve.Solution sol = ConvexSolve.solve(cp);
        if (!sol.ok()) {
            throw new IllegalStateException("coalition " + Arrays.toString(members) + " period " + (t + 1)
                    + " not solved: " + sol.status() + " " + sol.message());
        }
        return sol.objective();
    }
}
