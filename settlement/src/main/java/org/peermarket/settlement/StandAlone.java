package org.peermarket.settlement;

/**
 * A peer on its own against the retailer's tariff (docs/settlement.md): it buys its deficit at
 * the retail price r and sells its surplus at the feed-in price f <= r, and re-optimises its own
 * dispatch against them: min C(p) + r max(-p, 0) - f max(p, 0) over pmin <= p <= pmax, with
 * C(p) = 0.5 a p^2 + b p + d. The objective is convex (its slope jumps up from b - r to b - f
 * at p = 0), so the optimum is the better of the two one-sided optima, each a clamped
 * stationary point: a producer produces where a p + b = f, a consumer consumes until its
 * willingness to pay b - a x falls to r.
 */
public final class StandAlone {
    private StandAlone() {}

    /** The optimal net injection (kWh) of a peer facing retail r and feed-in f. */
    public static double dispatch(double a, double b, double lo, double hi, double retail, double feedIn) {
        double best = Double.NaN;
        double bestCost = Double.POSITIVE_INFINITY;
        if (hi >= 0) { // selling side [max(lo, 0), hi] at price f
            double p = oneSided(a, b - feedIn, Math.max(lo, 0), hi);
            double c = cost(a, b, 0, p, retail, feedIn);
            if (c < bestCost) {
                best = p;
                bestCost = c;
            }
        }
        if (lo <= 0) { // buying side [lo, min(hi, 0)] at price r
            double p = oneSided(a, b - retail, lo, Math.min(hi, 0));
            double c = cost(a, b, 0, p, retail, feedIn);
            if (c < bestCost) {
                best = p;
            }
        }
        return best;
    }

    /** argmin 0.5 a p^2 + slope p on [lo, hi]; with a = 0 the end the slope points to, 0-side on a tie. */
    private static double oneSided(double a, double slope, double lo, double hi) {
        if (a > 0) {
            return Math.max(lo, Math.min(hi, -slope / a));
        }
        if (slope > 0) {
            return lo;
        }
        if (slope < 0) {
            return hi;
        }
        return Math.max(lo, Math.min(hi, 0));
    }

    /** C(p) plus the tariff payments: r per kWh bought, minus f per kWh sold. */
    public static double cost(double a, double b, double d, double p, double retail, double feedIn) {
        return 0.5 * a * p * p + b * p + d + retail * Math.max(-p, 0) - feedIn * Math.max(p, 0);
    }
}
