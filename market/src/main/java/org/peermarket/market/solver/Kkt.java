package org.peermarket.market.solver;

import org.peermarket.market.Checks;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Checks a primal-dual point of the full P2P problem against the KKT conditions of
 * markets.md section 1 and measures the duality gap.
 */
public final class Kkt {
    private Kkt() {}

    /** Largest |pmin|, |pmax| (at least 1): the quantity scale for relative tolerances. */
    public static double quantityScale(MarketInput in) {
        double s = 1;
        for (int n = 0; n < in.size(); n++) {
            s = Math.max(s, Math.max(Math.abs(in.pmin(n)), Math.abs(in.pmax(n))));
        }
        return s;
    }

    /** Largest marginal cost magnitude over the bounds plus the largest trade cost (at least 1e-12). */
    public static double priceScale(MarketInput in) {
        double s = 0;
        for (int n = 0; n < in.size(); n++) {
            s = Math.max(s, Math.abs(in.marginalCost(n, in.pmin(n))));
            s = Math.max(s, Math.abs(in.marginalCost(n, in.pmax(n))));
        }
        TradeGraph g = in.graph();
        for (int e = 0; e < g.edges(); e++) {
            s = Math.max(s, Math.abs(g.cost(e)));
        }
        return Math.max(s, 1e-12);
    }

    public static double objective(MarketInput in, double[] p, double[] x) {
        double total = 0;
        for (int n = 0; n < in.size(); n++) {
            total += in.cost(n, p[n]);
        }
        TradeGraph g = in.graph();
        for (int e = 0; e < g.edges(); e++) {
            total += g.cost(e) * x[e];
        }
        return total;
    }

    /** Lagrangian dual value at prices mu (valid lower bound when mu is dual feasible). */
    static double dualObjective(MarketInput in, double[] mu) {
        double total = 0;
        for (int n = 0; n < in.size(); n++) {
            double p = bestResponse(in, n, mu[n]);
            total += in.cost(n, p) - mu[n] * p;
        }
        return total;
    }

    /** argmin over [pmin, pmax] of C_n(p) - mu p. */
    static double bestResponse(MarketInput in, int n, double mu) {
        double lo = in.pmin(n);
        double hi = in.pmax(n);
        if (in.a(n) > 0) {
            return Math.max(lo, Math.min(hi, (mu - in.b(n)) / in.a(n)));
        }
        return mu > in.b(n) ? hi : lo;
    }

    public static Checks check(MarketInput in, double[] p, double[] x, double[] mu) {
        TradeGraph g = in.graph();
        int n = in.size();
        double[] net = new double[n];
        double bounds = 0;
        for (int e = 0; e < g.edges(); e++) {
            net[g.seller(e)] += x[e];
            net[g.buyer(e)] -= x[e];
            bounds = Math.max(bounds, -x[e]);
        }
        double balance = 0;
        double stationarity = 0;
        double tolP = 1e-7 * quantityScale(in);
        for (int i = 0; i < n; i++) {
            balance = Math.max(balance, Math.abs(p[i] - net[i]));
            bounds = Math.max(bounds, Math.max(in.pmin(i) - p[i], p[i] - in.pmax(i)));
            double r = mu[i] - in.marginalCost(i, p[i]);
            if (p[i] < in.pmax(i) - tolP) {
                stationarity = Math.max(stationarity, r);
            }
            if (p[i] > in.pmin(i) + tolP) {
                stationarity = Math.max(stationarity, -r);
            }
        }
        double dualFeasibility = 0;
        double complementarity = 0;
        for (int e = 0; e < g.edges(); e++) {
            double reduced = g.cost(e) + mu[g.seller(e)] - mu[g.buyer(e)];
            dualFeasibility = Math.max(dualFeasibility, -reduced);
            if (x[e] > tolP) {
                complementarity = Math.max(complementarity, Math.abs(reduced));
            }
        }
        double gap = objective(in, p, x) - dualObjective(in, mu);
        return new Checks(balance, Math.max(bounds, 0), dualFeasibility, stationarity, complementarity, gap);
    }

    /**
     * True when every violation is within {@code rel} of its scale, and the scales are small
     * enough for that to mean something (a check relative to 1e300 passes anything).
     */
    public static boolean passes(MarketInput in, Checks c, double objective, double rel) {
        double q = quantityScale(in);
        double pr = priceScale(in);
        if (ResultCheck.beyondScale(q, pr).isPresent() || !Double.isFinite(objective)) {
            return false;
        }
        double gapScale = Math.max(1.0, Math.abs(objective)) + pr * q;
        return c.worstPrimal() <= rel * q && c.worstDual() <= rel * pr && Math.abs(c.dualityGap()) <= rel * gapScale;
    }
}
