package org.peermarket.market;

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
        double[] lo = new double[n];
        double[] hi = new double[n];
        java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        for (int e = 0; e < g.edges(); e++) {
            int s = g.seller(e);
            int b = g.buyer(e);
            if (x[e] > 0) {
                trades[s] = true;
                trades[b] = true;
            }
            // mu_b - mu_s <= c: bounds each side by the other's price
            hi[b] = Math.min(hi[b], mu[s] + g.cost(e));
            lo[s] = Math.max(lo[s], mu[b] - g.cost(e));
        }
        double tol = 1e-7 * Kkt.quantityScale(in);
        double[] out = mu.clone();
        for (int i = 0; i < n; i++) {
            if (trades[i]) {
                continue;
            }
            double mc = in.marginalCost(i, p[i]);
            boolean canRise = p[i] < in.pmax(i) - tol;
            boolean canFall = p[i] > in.pmin(i) + tol;
            double low = canFall ? Math.max(lo[i], mc) : lo[i];
            double high = canRise ? Math.min(hi[i], mc) : hi[i];
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
