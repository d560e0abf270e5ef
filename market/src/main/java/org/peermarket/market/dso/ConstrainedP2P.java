package org.peermarket.market.dso;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;

/**
 * The full P2P market with line limits inside the clearing (markets.md section 6, policy {@code constrained}; CM3
 * implicit service): the social optimum of section 1 plus, for every rated line,
 * -R_l <= F0_l + sum_n PTDF_l,bus(n) k p_n <= R_l, with k converting kWh per period to MW. Solved as a
 * {@link ConvexProgram} (PDLP and the exact polish, KKT-verified). At the optimum the balance dual y_n is the
 * peer's energy price (y_j - y_i = c_ij on every trade) and C_n'(p_n) = y_n + kappa_n inside the bounds, with
 * the congestion component kappa_n = k sum_l PTDF_l,bus(n) nu_l from the line duals nu_l. The result reports
 * mu_n = y_n, so trade prices keep section 1's meaning, and kappa_n beside it.
 */
public final class ConstrainedP2P {
    /** The clearing with each peer's congestion component (currency per kWh) and each line's dual. */
    public record Result(ClearingResult clearing, double[] congestion, double[] lineDual, double[] flowsAfterMw) {}

    private ConstrainedP2P() {}

    /**
     * Each peer's congestion component kappa_n = mwPerKwh sum_l PTDF[l][bus_n] nu_l from the line rows' duals nu (the
     * part of its nodal price the line limits add; docs/dso-policies.md, constrained).
     */
    public static double[] congestion(double[] nu, double[][] ptdf, int[] peerBus, double mwPerKwh) {
        double[] kappa = new double[peerBus.length];
        for (int l = 0; l < nu.length; l++) {
            for (int i = 0; nu[l] != 0 && i < peerBus.length; i++) {
                kappa[i] += mwPerKwh * ptdf[l][peerBus[i]] * nu[l];
            }
        }
        return kappa;
    }

    public static Result clear(MarketInput in, double[][] ptdf, int[] peerBus, double[] baseFlowMw, double[] ratingMw,
                               double mwPerKwh) {
        int n = in.size();
        TradeGraph g = in.graph();
        ConvexProgram p = new ConvexProgram();
        for (int i = 0; i < n; i++) {
            p.addVariable(in.pmin(i), in.pmax(i), in.b(i), in.a(i));
            p.addConstant(in.d(i));
        }
        for (int e = 0; e < g.edges(); e++) {
            p.addVariable(0, Double.POSITIVE_INFINITY, g.cost(e));
        }
        for (int i = 0; i < n; i++) {
            p.addRow(0, 0);
            p.set(i, i, 1);
        }
        for (int e = 0; e < g.edges(); e++) {
            p.set(g.seller(e), n + e, -1);
            p.set(g.buyer(e), n + e, 1);
        }
        int[] lineRow = new int[ptdf.length];
        for (int l = 0; l < ptdf.length; l++) {
            lineRow[l] = -1;
            double r = ratingMw[l];
            if (!(Double.isFinite(r) && r > 0)) {
                continue;
            }
            lineRow[l] = p.addRow(-r - baseFlowMw[l], r - baseFlowMw[l]);
            for (int i = 0; i < n; i++) {
                double h = ptdf[l][peerBus[i]];
                if (h != 0) {
                    p.set(lineRow[l], i, h * mwPerKwh);
                }
            }
        }
        ConvexSolve.Solution s = ConvexSolve.solve(p);
        SolverInfo info = new SolverInfo(s.solver(), s.iterations(), s.seconds(), s.polished());
        if (!s.ok()) {
            String cause = s.status() == Status.INFEASIBLE
                    ? "no dispatch keeps every rated line within its rating" : "solver: " + s.message();
            return new Result(ClearingResult.failed(s.status(), cause, info), new double[0], new double[0], baseFlowMw);
        }
        double[] pp = java.util.Arrays.copyOf(s.x(), n);
        double[] mu = java.util.Arrays.copyOf(s.rowDual(), n);
        double[] nu = new double[ptdf.length];
        double[] flows = baseFlowMw.clone();
        for (int l = 0; l < ptdf.length; l++) {
            nu[l] = lineRow[l] >= 0 ? s.rowDual()[lineRow[l]] : 0;
            for (int i = 0; i < n; i++) {
                flows[l] += ptdf[l][peerBus[i]] * pp[i] * mwPerKwh;
            }
        }
        double[] kappa = congestion(nu, ptdf, peerBus, mwPerKwh);
        double tiny = 1e-9 * Math.max(1, ConvexSolve.quantityScale(p));
        List<Trade> trades = new ArrayList<>();
        for (int e = 0; e < g.edges(); e++) {
            double x = s.x()[n + e];
            if (x > tiny) {
                trades.add(new Trade(g.seller(e), g.buyer(e), x, mu[g.seller(e)] + g.prefSeller(e), g.charge(e)));
            }
        }
        double[] viol = p.violations(s.x());
        double kkt = s.kktResidual();
        Checks checks = new Checks(viol[0], viol[1], kkt, kkt, kkt, Double.NaN);
        ClearingResult c = new ClearingResult(Status.OPTIMAL, "", s.objective(), pp, mu, trades, info, checks);
        return new Result(c, kappa, nu, flows);
    }
}
