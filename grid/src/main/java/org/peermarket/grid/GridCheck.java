package org.peermarket.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * The grid check of one set of branch flows against ratings (markets.md section 6): per line flow F, occupancy
 * |F| / R and overflow max(0, |F| - R), and the KPIs of seed 003 Table 7.
 */
public final class GridCheck {
    /** A line is congested at or above this occupancy (1 less rounding): a binding limit counts. */
    static final double CONGESTED = 1 - 1e-9;

    /** One branch: flow in MW (from to to), rating in MW (infinite: unrated), occupancy, overflow in MW. */
    public record Line(int branch, int from, int to, double flow, double rating, double occupancy, double overflow) {
        public boolean congested() {
            return occupancy >= CONGESTED;
        }
    }

    /**
     * KPIs: congested lines; overflow sum (MW); overflow average weighted by capacity, sum(R * overflow) / sum(R)
     * over rated in-service lines (MW).
     */
    public record Kpis(int congestedLines, double overflowSumMw, double overflowWeightedAverageMw) {}

    public record Result(List<Line> lines, Kpis kpis) {}

    private GridCheck() {}

    public static Result check(GridCase grid, double[] flowMw, double[] ratingMw) {
        if (flowMw.length != grid.branches().size() || ratingMw.length != flowMw.length) {
            throw new IllegalArgumentException("need one flow and one rating per branch");
        }
        List<Line> lines = new ArrayList<>();
        int congested = 0;
        double overflowSum = 0;
        double weighted = 0;
        double capacity = 0;
        for (int l = 0; l < flowMw.length; l++) {
            Branch br = grid.branches().get(l);
            double rating = ratingMw[l];
            boolean rated = Double.isFinite(rating) && rating > 0 && br.inService();
            double f = Math.abs(flowMw[l]);
            double occupancy = rated ? f / rating : 0;
            double overflow = rated ? Math.max(0, f - rating) : 0;
            Line line = new Line(l + 1, br.from(), br.to(), flowMw[l], rating, occupancy, overflow);
            lines.add(line);
            congested += line.congested() ? 1 : 0;
            overflowSum += overflow;
            if (rated) {
                weighted += rating * overflow;
                capacity += rating;
            }
        }
        double average = capacity > 0 ? weighted / capacity : 0;
        return new Result(List.copyOf(lines), new Kpis(congested, overflowSum, average));
    }

    /** DC flows for the case's injections plus {@code extraMw} per bus (case order), e.g. a market's net injections. */
    public static double[] dcFlows(Ptdf ptdf, double[] extraMw) {
        double[] p = DcPowerFlow.caseInjections(ptdf.grid());
        for (int i = 0; i < p.length; i++) {
            p[i] += extraMw[i];
        }
        return ptdf.flows(p);
    }
}
