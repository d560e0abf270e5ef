package org.peermarket.settlement;

import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;

/**
 * The core of a small game in worth form: allocations x with x(N) = v(N) and x(S) >= v(S) for
 * every coalition S, so that no group would rather leave. Checked over all 2^n coalitions, so
 * only for small communities ({@link #LIMIT}).
 */
public final class Core {
    /** Largest community checked: 2^12 coalitions per check. */
    public static final int LIMIT = 12;
    private static final double TOLERANCE = 1e-6;

    private Core() {}

    /**
     * The largest shortfall max_S (v(S) - x(S)) over proper coalitions, 0 when x is in the core
     * (x is assumed efficient; allocations of this package are).
     */
    public static double violation(double[] v, double[] x) {
        int n = x.length;
        int all = (1 << n) - 1;
        double worst = 0;
        for (int mask = 1; mask < all; mask++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    sum += x[i];
                }
            }
            worst = Math.max(worst, v[mask] - sum);
        }
        return worst;
    }

    /** True when x lies in the core, up to a tolerance relative to the game's scale. */
    public static boolean contains(double[] v, double[] x) {
        return violation(v, x) <= TOLERANCE * scale(v);
    }

    /**
     * Whether the core is empty (Bondareva-Shapley by LP): the least x(N) with x(S) >= v(S) for
     * every proper coalition exceeds v(N).
     */
    public static boolean isEmpty(double[] v, int n) {
        int all = (1 << n) - 1;
        ConvexProgram lp = new ConvexProgram();
        for (int i = 0; i < n; i++) {
            lp.addVariable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
        }
        for (int mask = 1; mask < all; mask++) {
            int row = lp.addRow(v[mask], Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    lp.set(row, i, 1);
                }
            }
        }
        if (n == 1) {
            return false;
        }
        ConvexSolve.Solution s = ConvexSolve.solve(lp);
        if (!s.ok()) {
            throw new IllegalStateException("core LP not solved: " + s.status() + " " + s.message());
        }
        return s.objective() > v[all] + TOLERANCE * scale(v);
    }

    private static double scale(double[] v) {
        double s = 1;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }
}
