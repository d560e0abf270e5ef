package org.peermarket.market.p2p;

import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.solver.Kkt;

/**
 * Gives a definite price to peers that trade nothing. Such a peer's mu is not pinned by any
 * trade: any value between the best price it could sell at and the cheapest price it could buy
 * at (and consistent with its own marginal cost) is optimal, and a solver returns an arbitrary
 * one. We report the price that explains why it stays out: a peer held at its upper bound (a
 * consumer priced out) gets the cheapest offer it could buy at; one held at its lower bound (a
 * producer priced out) gets the best price it could sell at; a peer free to move gets its own
 * marginal cost, which is then the only optimal value.
 */
final class IdlePrices {
    private IdlePrices() {}

    static double[] settle(MarketInput in, double[] p, double[] x, double[] mu) {
        TradeGraph g = in.graph();
        int n = in.size();
        boolean[] trades = new boolean[n];
        java.util.List<java.util.List<Integer>> incident = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            incident.add(new java.util.ArrayList<>());
        }
        for (int e = 0; e < g.edges(); e++) {
            if (x[e] > 0) {
                trades[g.seller(e)] = true;
                trades[g.buyer(e)] = true;
            }
            incident.get(g.seller(e)).add(e);
            incident.get(g.buyer(e)).add(e);
        }
        double tol = 1e-7 * Kkt.quantityScale(in);
        double[] out = mu.clone();
        // one pass in peer order; bounds come from the neighbours' current prices, so two idle neighbours
        // (settled one after the other) still satisfy mu_b - mu_s <= c between them
        for (int i = 0; i < n; i++) {
            if (trades[i]) {
                continue;
            }
            double lo = Double.NEGATIVE_INFINITY;
            double hi = Double.POSITIVE_INFINITY;
            for (int e : incident.get(i)) {
                if (g.buyer(e) == i) {
                    hi = Math.min(hi, out[g.seller(e)] + g.cost(e));
                } else {
                    lo = Math.max(lo, out[g.buyer(e)] - g.cost(e));
                }
            }
            double mc = in.marginalCost(i, p[i]);
            boolean canRise = p[i] < in.pmax(i) - tol;
            boolean canFall = p[i] > in.pmin(i) + tol;
            double low = canFall ? Math.max(lo, mc) : lo;
            double high = canRise ? Math.min(hi, mc) : hi;
            if (low > high + 1e-12 * (1 + Math.abs(high))) {
                continue;
            }
            out[i] = choose(canRise, canFall, low, high, mc);
        }
        return out;
    }

    private static double choose(boolean canRise, boolean canFall, double low, double high, double mc) {
        if (!canRise && canFall) {
            return Double.isFinite(high) ? high : low;
        }
        if (canRise && !canFall) {
            return Double.isFinite(low) ? low : high;
        }
        return Math.max(low, Math.min(high, mc));
    }
}
