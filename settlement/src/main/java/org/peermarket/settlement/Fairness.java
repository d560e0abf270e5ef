package org.peermarket.settlement;

/** Fairness of an allocation (docs/profit-sharing.md). */
public final class Fairness {
    private Fairness() {}

    /**
     * Jain's index (sum x)^2 / (n sum x^2) of non-negative shares: 1 when everyone gets the same,
     * 1/n when one member gets everything. NaN when a share is negative (the index is defined for
     * non-negative amounts only) or all are zero.
     */
    public static double jain(double[] x) {
        double sum = 0;
        double sumSq = 0;
        double largest = 0;
        for (double v : x) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (double raw : x) {
            if (raw < -1e-9 * largest) {
                return Double.NaN;
            }
            double v = Math.max(0, raw); // solver residue below zero counts as zero
            sum += v;
            sumSq += v * v;
        }
        return sumSq == 0 ? Double.NaN : sum * sum / (x.length * sumSq);
    }
}
