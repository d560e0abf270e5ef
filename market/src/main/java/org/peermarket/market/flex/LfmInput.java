package org.peermarket.market.flex;

import java.util.List;

/**
 * One local flexibility market (markets.md section 7), in MW and currency per MWh: the PTDF (lines x buses, case
 * order), the flows F0 before the market, the ratings R (infinite or 0: unrated), which lines are monitored
 * (default all), the bids, and whether accepted up and down volumes must balance (default yes; otherwise the
 * slack bus takes the difference).
 */
public record LfmInput(double[][] ptdf, double[] baseFlowMw, double[] ratingMw, boolean[] monitored, List<FlexBid> bids,
                       boolean balanceNeutral) {
    public LfmInput {
        if (baseFlowMw.length != ptdf.length || ratingMw.length != ptdf.length || monitored.length != ptdf.length) {
            throw new IllegalArgumentException("need one base flow, rating and monitored flag per line");
        }
        bids = List.copyOf(bids);
        int buses = ptdf.length == 0 ? Integer.MAX_VALUE : ptdf[0].length;
        for (FlexBid b : bids) {
            if (b.bus() < 0 || b.bus() >= buses) {
                throw new IllegalArgumentException("bid " + b.id() + ": bus position " + b.bus() + " out of range");
            }
        }
    }

    /** Every line monitored, balance-neutral. */
    public LfmInput(double[][] ptdf, double[] baseFlowMw, double[] ratingMw, List<FlexBid> bids) {
        this(ptdf, baseFlowMw, ratingMw, all(ptdf.length), bids, true);
    }

    static boolean[] all(int n) {
        boolean[] m = new boolean[n];
        java.util.Arrays.fill(m, true);
        return m;
    }

    public int lines() {
        return ptdf.length;
    }

    /** Line l has a limit the market must respect. */
    public boolean limited(int l) {
        return monitored[l] && Double.isFinite(ratingMw[l]) && ratingMw[l] > 0;
    }

    /** Flows after accepting y (MW per bid): F0 + sum_b PTDF[l][bus_b] s_b y_b. */
    public double[] flowsAfter(double[] y) {
        double[] f = baseFlowMw.clone();
        for (int b = 0; b < bids.size(); b++) {
            FlexBid bid = bids.get(b);
            if (y[b] == 0) {
                continue;
            }
            for (int l = 0; l < f.length; l++) {
                f[l] += ptdf[l][bid.bus()] * bid.direction().sign() * y[b];
            }
        }
        return f;
    }

    /** Lines (0-based) whose |flow| exceeds the rating by more than tol MW; only limited lines count. */
    public List<Integer> congested(double[] flows, double tol) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int l = 0; l < flows.length; l++) {
            if (limited(l) && Math.abs(flows[l]) > ratingMw[l] + tol) {
                out.add(l);
            }
        }
        return out;
    }
}
