package org.peermarket.market;

/**
 * Optimality certificate of a cleared market (markets.md section 0): the largest violation of
 * each KKT condition, in kWh for primal and currency per kWh for dual quantities, plus the
 * gap between primal and dual objective values.
 */
public record Checks(
        double balance,
        double bounds,
        double dualFeasibility,
        double stationarity,
        double complementarity,
        double dualityGap) {

    public static final Checks NONE = new Checks(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public double worstPrimal() {
        return Math.max(balance, bounds);
    }

    public double worstDual() {
        return Math.max(Math.max(dualFeasibility, stationarity), complementarity);
    }
}
