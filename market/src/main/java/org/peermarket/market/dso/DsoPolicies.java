package org.peermarket.market.dso;

import org.peermarket.market.MatchFilter;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;

/**
 * The DSO's policies toward a P2P market (markets.md section 6), as pure functions of the trading graph, the
 * PTDF (lines x buses), each peer's bus position and the flows and ratings before the market. A trade of q from
 * seller i to buyer j changes line l's flow by (PTDF_l,i - PTDF_l,j) q; its effect on l is
 * e_l = sign(F_l) (PTDF_l,i - PTDF_l,j) (positive: it loads the line further). Line l is at risk when its
 * occupancy |F_l| / R_l >= theta.
 */
public final class DsoPolicies {
    /** Effects within this of zero count as none (PTDF rounding). */
    public static final double EPS = 1e-9;

    private DsoPolicies() {}

    /** Rated lines (finite positive rating) at or above occupancy theta. */
    public static boolean[] atRisk(double[] flowMw, double[] ratingMw, double theta) {
        boolean[] risk = new boolean[flowMw.length];
        for (int l = 0; l < risk.length; l++) {
            double r = ratingMw[l];
            risk[l] = Double.isFinite(r) && r > 0 && Math.abs(flowMw[l]) / r >= theta;
        }
        return risk;
    }

    /** e_l of a trade from the peer at bus position i to the peer at bus position j. */
    public static double effect(double[][] ptdf, double[] flowMw, int l, int i, int j) {
        return Math.signum(flowMw[l]) * (ptdf[l][i] - ptdf[l][j]);
    }

    /** Block: pair i -> j is removed when e_l > eps on any at-risk line (CM4, scenario 2). */
    public static TradeGraph block(TradeGraph g, double[][] ptdf, int[] peerBus, double[] flowMw, boolean[] atRisk) {
        boolean[] keep = new boolean[g.edges()];
        for (int e = 0; e < g.edges(); e++) {
            keep[e] = !blocked(ptdf, peerBus, flowMw, atRisk, g.seller(e), g.buyer(e));
        }
        return g.keep(keep);
    }

    /** True when seller s selling to buyer b loads some at-risk line further. */
    public static boolean blocked(double[][] ptdf, int[] peerBus, double[] flowMw, boolean[] atRisk, int s, int b) {
        for (int l = 0; l < atRisk.length; l++) {
            if (atRisk[l] && effect(ptdf, flowMw, l, peerBus[s], peerBus[b]) > EPS) {
                return true;
            }
        }
        return false;
    }

    /**
     * Incentive: for each at-risk line, c_ij *= (1 - w) when e_l < -eps and c_ij *= (1 + w) when e_l > eps
     * (CM4, scenario 3); a pair that affects k lines gets k factors.
     */
    public static double[] incentiveFactors(TradeGraph g, double[][] ptdf, int[] peerBus, double[] flowMw,
                                            boolean[] atRisk, double w) {
        double[] f = new double[g.edges()];
        for (int e = 0; e < g.edges(); e++) {
            double factor = 1;
            for (int l = 0; l < atRisk.length; l++) {
                if (!atRisk[l]) {
                    continue;
                }
                double eff = effect(ptdf, flowMw, l, peerBus[g.seller(e)], peerBus[g.buyer(e)]);
                if (eff < -EPS) {
                    factor *= 1 - w;
                } else if (eff > EPS) {
                    factor *= 1 + w;
                }
            }
            f[e] = factor;
        }
        return f;
    }

    public static TradeGraph incentive(TradeGraph g, double[][] ptdf, int[] peerBus, double[] flowMw, boolean[] atRisk,
                                       double w) {
        return g.scaled(incentiveFactors(g, ptdf, peerBus, flowMw, atRisk, w));
    }

    /** Unique network charge (Baroche et al. 2019): g_ij = fee on every trade. */
    public static TradeGraph uniformCharge(TradeGraph g, double fee) {
        double[] c = new double[g.edges()];
        java.util.Arrays.fill(c, fee);
        return g.withCharges(c);
    }

    /** Electrical-distance charge (Baroche et al. 2019): g_ij = fee * sum_l |PTDF_l,i - PTDF_l,j|. */
    public static TradeGraph distanceCharge(TradeGraph g, double[][] ptdf, int[] peerBus, double fee) {
        double[] c = new double[g.edges()];
        for (int e = 0; e < g.edges(); e++) {
            c[e] = fee * ptdfDistance(ptdf, peerBus[g.seller(e)], peerBus[g.buyer(e)]);
        }
        return g.withCharges(c);
    }

    /**
     * Electrical distance of a transfer from bus position {@code from} to {@code to}: sum_l |PTDF_l,from - PTDF_l,to|,
     * the total flow over the lines that one unit sent between them makes (the distance charge, loss shares).
     */
    public static double ptdfDistance(double[][] ptdf, int from, int to) {
        double d = 0;
        for (double[] line : ptdf) {
            d += Math.abs(line[from] - line[to]);
        }
        return d;
    }

    /** Zonal charge (Baroche et al. 2019): feeInside within a zone, feeBetween across zones. */
    public static TradeGraph zonalCharge(TradeGraph g, int[] peerZone, double feeInside, double feeBetween) {
        double[] c = new double[g.edges()];
        for (int e = 0; e < g.edges(); e++) {
            c[e] = peerZone[g.seller(e)] == peerZone[g.buyer(e)] ? feeInside : feeBetween;
        }
        return g.withCharges(c);
    }

    /**
     * The trading graph under a DSO policy (markets.md section 6): {@code block}, {@code incentive} or a
     * {@code charge} of the spec's type; {@code none} and {@code constrained} (whose limits are rows of the
     * clearing, {@link ConstrainedP2P}) leave it as it is. What a policy does not read may be null: the flows and
     * ratings before the market (block, incentive), the PTDF and each peer's bus position (block, incentive,
     * distance), each peer's zone (zonal). Shared by the study and the live platform.
     */
    public static TradeGraph apply(DsoSpec d, TradeGraph g, double[][] ptdf, int[] peerBus, double[] flows,
                                   double[] ratings, int[] peerZone) {
        return switch (d.policy()) {
            case DsoSpec.BLOCK -> block(g, ptdf, peerBus, flows, atRisk(flows, ratings, d.theta()));
            case DsoSpec.INCENTIVE -> incentive(g, ptdf, peerBus, flows, atRisk(flows, ratings, d.theta()), d.w());
            case DsoSpec.CHARGE -> switch (d.chargeType()) {
                case "distance" -> distanceCharge(g, ptdf, peerBus, d.fee());
                case "zonal" -> zonalCharge(g, peerZone, d.feeInside(), d.fee());
                default -> uniformCharge(g, d.fee());
            };
            default -> g;
        };
    }

    /**
     * Grid-aware acceptance for auctions (the Elecbay hook): refuses a match that the block policy forbids.
     */
    public static MatchFilter blockFilter(double[][] ptdf, int[] peerBus, double[] flowMw, boolean[] atRisk) {
        return (seller, buyer, quantity) -> blocked(ptdf, peerBus, flowMw, atRisk, seller, buyer)
                ? "blocked by the DSO: loads a line at risk of congestion" : null;
    }
}
