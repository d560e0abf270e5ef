package org.peermarket.market.community;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.model.Community;
import org.peermarket.model.Scenario;

/**
 * Solves a {@link HorizonProgram} with {@link ConvexSolve} and reads the checked answer back:
 * each period's dispatch, prices and root trades, each member's q/alpha/beta, each
 * community's price, import, export and books, and the storage schedules. A community
 * manager's books must balance to the cent (markets.md §2) before anything is reported.
 */
final class HorizonClearing {
    /** Books balance "to the cent": in currency, whatever the energy unit. */
    static final double CENT = 0.005;

    private HorizonClearing() {}

    /** The program as built, with a P2P market's graph and the DSO's part (docs/combinations.md). */
    static HorizonResult clear(HorizonProgram hp) {
        ConvexSolve.Solution sol = ConvexSolve.solve(hp.program);
        SolverInfo info = new SolverInfo(sol.solver(), sol.iterations(), sol.seconds(), sol.polished());
        if (!sol.ok()) {
            return failed(hp, sol.status(), cause(sol, hp), info);
        }
        return read(hp, sol.x(), sol.rowDual(), info, sol.kktResidual(), 0);
    }

    static String cause(ConvexSolve.Solution sol, HorizonProgram hp) {
        return cause(sol, hp.mode, hp.lineRow != null);
    }

    static String cause(ConvexSolve.Solution sol, HorizonProgram.Mode mode) {
        return cause(sol, mode, false);
    }

    private static String cause(ConvexSolve.Solution sol, HorizonProgram.Mode mode, boolean lines) {
        String what = switch (sol.status()) {
            case INFEASIBLE -> "no schedule meets every balance, bound" + (mode == HorizonProgram.Mode.P2P ? "" : ", community cap")
                    + (lines ? ", line limit" : "") + " and storage limit";
            case UNBOUNDED -> "the objective is unbounded (a peer without bounds, or a trade loop that earns money)";
            default -> "the solver stopped without a verified optimum";
        };
        return what + " (solver " + sol.solver() + ": " + sol.message() + ")";
    }

    static HorizonResult failed(HorizonProgram hp, Status status, String cause, SolverInfo info) {
        List<ClearingResult> periods = new ArrayList<>();
        for (int t = 0; t < hp.periods; t++) {
            periods.add(ClearingResult.failed(status, cause, info));
        }
        return new HorizonResult(periods, hp.agents, List.of(), List.of(), List.of(), 0, hp.edges.size());
    }

    /**
     * Reads the result at primal x and row duals y. kkt is the verified relative KKT residual
     * (reported as the dual checks); coordination the level iterations of a decomposed run.
     */
    static HorizonResult read(HorizonProgram hp, double[] x, double[] y, SolverInfo info, double kkt, long coordination) {
        double[] viol = hp.violations(x);
        Checks checks = new Checks(viol[0], viol[1], kkt, kkt, kkt, Double.NaN);
        List<ClearingResult> periods = new ArrayList<>();
        List<HorizonResult.MemberFlow> members = new ArrayList<>();
        List<HorizonResult.CommunityPeriod> communities = new ArrayList<>();
        List<HorizonResult.StorageStep> storage = new ArrayList<>();
        for (int t = 0; t < hp.periods; t++) {
            periods.add(period(hp, x, y, t, info, checks));
            for (int c = 0; c < hp.communities.size(); c++) {
                communities.add(community(hp, x, y, c, t, members));
            }
            for (int n = 0; n < hp.peers; n++) {
                if (hp.dis[n] != null) {
                    storage.add(new HorizonResult.StorageStep(t, hp.agents.get(n), x[hp.ch[n][t]], x[hp.dis[n][t]],
                            x[hp.soc[n][t + 1]]));
                }
            }
        }
        String books = unbalancedBooks(communities);
        if (!books.isEmpty()) {
            return failed(hp, Status.NOT_SOLVED, books, info);
        }
        return new HorizonResult(periods, hp.agents, members, communities, storage, coordination, hp.edges.size())
                .withLineDuals(lineDuals(hp, y));
    }

    /** Each period's dual of every line's row, when the program has line rows (0 for a line without one). */
    private static List<double[]> lineDuals(HorizonProgram hp, double[] y) {
        List<double[]> out = new ArrayList<>();
        for (int t = 0; hp.lineRow != null && t < hp.periods; t++) {
            double[] nu = new double[hp.lineRow.length];
            for (int l = 0; l < nu.length; l++) {
                nu[l] = hp.lineRow[l][t] >= 0 ? y[hp.lineRow[l][t]] : 0;
            }
            out.add(nu);
        }
        return out;
    }

    private static ClearingResult period(HorizonProgram hp, double[] x, double[] y, int t, SolverInfo info, Checks checks) {
        double[] p = new double[hp.peers];
        double[] mu = new double[hp.peers];
        for (int n = 0; n < hp.peers; n++) {
            p[n] = x[hp.p[n][t]];
            mu[n] = hp.row[n] == null ? Double.NaN : y[hp.row[n][t]];
        }
        List<Trade> trades = new ArrayList<>();
        double tiny = 1e-9 * Math.max(1, scale(hp, x));
        for (int e = 0; e < hp.edges.size(); e++) {
            double q = x[hp.x[e][t]];
            if (q > tiny) {
                int seller = hp.edges.get(e)[0];
                double[] k = hp.edgeCosts.get(e);
                double price = seller == hp.outside ? hp.outsidePrice(e, t) : y[hp.row[seller][t]];
                trades.add(new Trade(seller, hp.edges.get(e)[1], q, price + k[0], k[2]));
            }
        }
        return new ClearingResult(Status.OPTIMAL, "", hp.periodObjective(x, t), p, mu, trades, info, checks);
    }

    private static double scale(HorizonProgram hp, double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Community c in period t, its members' flows and payments (markets.md §2 settlement). */
    private static HorizonResult.CommunityPeriod community(HorizonProgram hp, double[] x, double[] y, int c, int t,
                                                           List<HorizonResult.MemberFlow> members) {
        Community com = hp.communities.get(c);
        int agent = hp.peers + c;
        double lambda = y[hp.pool[c][t]];
        double phi = com.manager().fee().at(t);
        double pImp;
        double pExp;
        if (hp.mode == HorizonProgram.Mode.COMMUNITY) {
            pImp = com.manager().importPrice().at(t);
            pExp = com.manager().exportPrice().at(t);
        } else {
            pImp = y[hp.row[agent][t]];
            pExp = pImp;
        }
        boolean hybrid = hp.mode == HorizonProgram.Mode.HYBRID;
        double imports = hybrid ? x[hp.cImp[c][t]] : 0;
        double exports = hybrid ? x[hp.cExp[c][t]] : 0;
        double fees = 0;
        double paid = 0;
        for (String m : com.members()) {
            int k = hp.agents.indexOf(m);
            double q = x[hp.qp[k][t]] - x[hp.qm[k][t]];
            double alpha = hybrid ? 0 : x[hp.al[k][t]];
            double beta = hybrid ? 0 : x[hp.be[k][t]];
            double payment = lambda * -q + phi * Math.abs(q) + pImp * alpha - pExp * beta;
            members.add(new HorizonResult.MemberFlow(t, m, com.id(), q, alpha, beta, payment, hp.gridCharge(x, k, t)));
            imports += alpha;
            exports += beta;
            fees += phi * Math.abs(q);
            paid += payment;
        }
        double outside = pImp * imports - pExp * exports;
        // hybrid: members pay lambda_c for the pool's import; when a cap binds lambda_c differs
        // from the parent price and the difference is the manager's congestion rent
        double rent = hybrid ? (lambda - pImp) * (imports - exports) : 0;
        String parent = hp.parent[agent] < 0 ? "" : hp.agents.get(hp.parent[agent]);
        return new HorizonResult.CommunityPeriod(t, com.id(), hp.level[agent] + 1, parent, lambda, imports, exports, pImp,
                pExp, fees, paid, outside, rent);
    }

    /**
     * The manager keeps the fees and passes the outside payments on: members' payments must equal
     * fees + G to the cent, i.e. the internal payments lambda_c * (-q_n) must sum to 0.
     */
    static String unbalancedBooks(List<HorizonResult.CommunityPeriod> communities) {
        for (HorizonResult.CommunityPeriod c : communities) {
            double gap = c.memberPayments() - c.fees() - c.outsidePayment() - c.rent();
            if (!(Math.abs(gap) <= CENT)) {
                return "community '" + c.community() + "' period " + (c.period() + 1) + ": the manager's books do not"
                        + " balance: members pay " + c.memberPayments() + ", fees + outside payments are "
                        + (c.fees() + c.outsidePayment() + c.rent());
            }
        }
        return "";
    }
}
