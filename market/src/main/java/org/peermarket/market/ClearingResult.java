package org.peermarket.market;

import java.util.List;

/**
 * Result of clearing one period. With status OPTIMAL: net injections p, prices mu, the
 * trades and the objective sum C_n(p_n) + sum c_ij x_ij. Otherwise {@code cause} says why and
 * the arrays are empty.
 */
public record ClearingResult(
        Status status,
        String cause,
        double objective,
        double[] p,
        double[] mu,
        List<Trade> trades,
        SolverInfo solver,
        Checks checks) {

    public ClearingResult {
        p = p.clone();
        mu = mu.clone();
        trades = List.copyOf(trades);
    }

    public static ClearingResult failed(Status status, String cause, SolverInfo solver) {
        return new ClearingResult(status, cause, Double.NaN, new double[0], new double[0], List.of(), solver, Checks.NONE);
    }

    public boolean optimal() {
        return status == Status.OPTIMAL;
    }

    /** An optimum or a cleared auction: a result to report. */
    public boolean hasResult() {
        return status.hasResult();
    }

    /** Lowest price mu_n over peers with a price (NaN when there is none). */
    public double minPrice() {
        return java.util.Arrays.stream(mu).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    /** Highest price mu_n over peers with a price (NaN when there is none). */
    public double maxPrice() {
        return java.util.Arrays.stream(mu).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    public double tradedVolume() {
        return trades.stream().mapToDouble(Trade::quantity).sum();
    }

    @Override
    public double[] p() {
        return p.clone();
    }

    @Override
    public double[] mu() {
        return mu.clone();
    }
}
