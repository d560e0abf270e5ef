package org.peermarket.market.flex;

import java.util.List;
import org.peermarket.market.Status;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.market.solver.MixedIntegerSolve;

/**
 * The local flexibility market of markets.md section 7, a least-cost LP (GLOP through {@link ConvexSolve}):
 * min sum_b pi_b y_b over 0 <= y_b <= Q_b, with every limited monitored line kept within +-R_l after the bids
 * and, by default, sum_up y = sum_down y. Bids are scaled to u_b = y_b / Q_b in [0, 1], so that an indivisible
 * bid is the same column with u_b integer (solved by SCIP, then the LP with those choices fixed gives the duals).
 * Locational flexibility prices: LFP_n = y_balance + sum_l PTDF_l,n y_l, so an accepted, unbounded up bid at n has
 * price LFP_n and a down bid -LFP_n. When no choice of bids removes every overflow the result is INFEASIBLE with
 * the least total overflow (a second LP with overflow slacks) and the cheapest bids that reach it.
 */
public final class LocalFlexibilityMarket {
    /** MW: flows within the rating plus this are not congested (solver rounding). */
    static final double FLOW_TOL = 1e-6;

    private LocalFlexibilityMarket() {}

    public static LfmResult clear(LfmInput in) {
        List<Integer> before = in.congested(in.baseFlowMw(), FLOW_TOL);
        Model m = model(in, false, false);
        Outcome o = solve(m);
        if (o.status == Status.OPTIMAL) {
            double[] y = quantities(in, o.x);
            double[] flows = in.flowsAfter(y);
            List<Integer> after = in.congested(flows, FLOW_TOL);
            if (!after.isEmpty()) {
                return failed(in, before, "accepted bids leave lines over their ratings: " + after, o.solver);
            }
            return new LfmResult(Status.OPTIMAL, "", y, cost(in, y), flows, prices(in, m, o.y), 0, before, after, o.solver);
        }
        if (o.status != Status.INFEASIBLE) {
            return failed(in, before, o.cause, o.solver);
        }
        return leastOverflow(in, before);
    }

    /** The columns u_b (one per bid, then overflow slacks when asked for) and rows of one LFM. */
    private record Model(ConvexProgram program, int[] lineRow, int balanceRow, boolean[] integer, int[] upSlack,
                         int[] downSlack) {}

    private record Outcome(Status status, double[] x, double[] y, String solver, String cause) {}

    /** withSlacks: overflow slacks on every limited line; slackCost: minimise them (else the bids' cost). */
    private static Model model(LfmInput in, boolean withSlacks, boolean slackCost) {
        ConvexProgram p = new ConvexProgram();
        List<FlexBid> bids = in.bids();
        boolean[] integer = new boolean[bids.size() + 2 * in.lines()];
        for (int b = 0; b < bids.size(); b++) {
            FlexBid bid = bids.get(b);
            p.addVariable(0, bid.quantityMw() > 0 ? 1 : 0, slackCost ? 0 : bid.price() * bid.quantityMw());
            integer[b] = bid.indivisible();
        }
        int[] lineRow = new int[in.lines()];
        int[] up = new int[in.lines()];
        int[] down = new int[in.lines()];
        java.util.Arrays.fill(up, -1);
        java.util.Arrays.fill(down, -1);
        for (int l = 0; l < in.lines(); l++) {
            lineRow[l] = -1;
            if (!in.limited(l)) {
                continue;
            }
            double r = in.ratingMw()[l];
            double f0 = in.baseFlowMw()[l];
            lineRow[l] = p.addRow(-r - f0, r - f0);
            for (int b = 0; b < bids.size(); b++) {
                FlexBid bid = bids.get(b);
                double h = in.ptdf()[l][bid.bus()];
                if (h != 0 && bid.quantityMw() > 0) {
                    p.set(lineRow[l], b, h * bid.direction().sign() * bid.quantityMw());
                }
            }
            if (withSlacks) {
                up[l] = p.addVariable(0, Double.POSITIVE_INFINITY, slackCost ? 1 : 0);
                down[l] = p.addVariable(0, Double.POSITIVE_INFINITY, slackCost ? 1 : 0);
                p.set(lineRow[l], up[l], -1);
                p.set(lineRow[l], down[l], 1);
            }
        }
        int balance = -1;
        if (in.balanceNeutral()) {
            balance = p.addRow(0, 0);
            for (int b = 0; b < bids.size(); b++) {
                FlexBid bid = bids.get(b);
                if (bid.quantityMw() > 0) {
                    p.set(balance, b, bid.direction().sign() * bid.quantityMw());
                }
            }
        }
        return new Model(p, lineRow, balance, java.util.Arrays.copyOf(integer, p.variables()), up, down);
    }

    private static boolean anyInteger(boolean[] integer) {
        for (boolean b : integer) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The LP, or the MIP then the LP with the integer choices fixed. */
    private static Outcome solve(Model m) {
        ConvexProgram p = m.program();
        String solver = "glop";
        if (anyInteger(m.integer())) {
            MixedIntegerSolve.Answer a = MixedIntegerSolve.solve(p, m.integer());
            if (a.status() != Status.OPTIMAL) {
                return new Outcome(a.status(), a.x(), new double[p.rows()], a.solver(), "integer solve: " + a.solver());
            }
            p = fixed(p, m.integer(), a.x());
            solver = a.solver() + "+glop";
        }
        ConvexSolve.Solution s = ConvexSolve.solve(p);
        return new Outcome(s.status(), s.x(), s.rowDual(), solver, s.message());
    }

    /** A copy of p with each integer variable fixed at its rounded value. */
    private static ConvexProgram fixed(ConvexProgram p, boolean[] integer, double[] x) {
        ConvexProgram q = new ConvexProgram();
        for (int i = 0; i < p.variables(); i++) {
            double v = Math.rint(x[i]);
            q.addVariable(integer[i] ? v : p.lb(i), integer[i] ? v : p.ub(i), p.c(i), p.q(i));
        }
        for (int r = 0; r < p.rows(); r++) {
            int row = q.addRow(p.rowLb(r), p.rowUb(r));
            ConvexProgram.Row entries = p.row(r);
            for (int k = 0; k < entries.index().length; k++) {
                q.set(row, entries.index()[k], entries.value()[k]);
            }
        }
        return q;
    }

    private static double[] quantities(LfmInput in, double[] u) {
        double[] y = new double[in.bids().size()];
        for (int b = 0; b < y.length; b++) {
            FlexBid bid = in.bids().get(b);
            double v = Math.min(1, Math.max(0, u[b])) * bid.quantityMw();
            y[b] = Math.abs(v) < 1e-12 * Math.max(1, bid.quantityMw()) ? 0 : v;
        }
        return y;
    }

    static double cost(LfmInput in, double[] y) {
        double c = 0;
        for (int b = 0; b < y.length; b++) {
            c += in.bids().get(b).price() * y[b];
        }
        return c;
    }

    /** LFP_n = y_balance + sum_l PTDF_l,n y_l per bus. */
    private static double[] prices(LfmInput in, Model m, double[] dual) {
        int buses = in.lines() == 0 ? 0 : in.ptdf()[0].length;
        double[] lfp = new double[buses];
        double base = m.balanceRow() >= 0 ? dual[m.balanceRow()] : 0;
        for (int n = 0; n < buses; n++) {
            double v = base;
            for (int l = 0; l < in.lines(); l++) {
                if (m.lineRow()[l] >= 0) {
                    v += in.ptdf()[l][n] * dual[m.lineRow()[l]];
                }
            }
            lfp[n] = v;
        }
        return lfp;
    }

    /**
     * No bid choice clears every overflow: first the least total overflow, then the cheapest bids that keep the
     * overflow at that least value.
     */
    private static LfmResult leastOverflow(LfmInput in, List<Integer> before) {
        Model m = model(in, true, true);
        Outcome first = solve(m);
        if (first.status != Status.OPTIMAL) {
            return failed(in, before, "the least-overflow problem: " + first.cause, first.solver);
        }
        double least = 0;
        for (int l = 0; l < in.lines(); l++) {
            if (m.upSlack()[l] >= 0) {
                least += first.x[m.upSlack()[l]] + first.x[m.downSlack()[l]];
            }
        }
        Model second = model(in, true, false);
        ConvexProgram p = second.program();
        int cap = p.addRow(Double.NEGATIVE_INFINITY, least);
        for (int l = 0; l < in.lines(); l++) {
            if (second.upSlack()[l] >= 0) {
                p.set(cap, second.upSlack()[l], 1);
                p.set(cap, second.downSlack()[l], 1);
            }
        }
        Outcome o = solve(second);
        double[] x = o.status == Status.OPTIMAL ? o.x : first.x;
        double[] y = quantities(in, x);
        double[] flows = in.flowsAfter(y);
        List<Integer> after = in.congested(flows, FLOW_TOL);
        return new LfmResult(Status.INFEASIBLE, "the bids cannot remove every overflow; least total overflow "
                + fmt(least) + " MW on " + after.size() + " line" + (after.size() == 1 ? "" : "s"), y, cost(in, y), flows,
                new double[0], least, before, after, first.solver);
    }

    private static LfmResult failed(LfmInput in, List<Integer> before, String cause, String solver) {
        return new LfmResult(Status.NOT_SOLVED, cause, new double[in.bids().size()], Double.NaN, in.baseFlowMw(),
                new double[0], Double.NaN, before, before, solver);
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
