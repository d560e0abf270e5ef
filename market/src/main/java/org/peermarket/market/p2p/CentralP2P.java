package org.peermarket.market.p2p;

import com.google.ortools.linearsolver.MPSolverResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.Prechecks;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.solver.Kkt;
import org.peermarket.market.solver.PdlpSolver;
import org.peermarket.market.solver.Polish;
import org.peermarket.market.solver.ResultCheck;
import org.peermarket.market.solver.TradeSplit;

/**
 * Full P2P market cleared centrally (markets.md section 1): the social optimum
 * min sum C_n(p_n) + sum c_ij x_ij over the trading graph. Infeasibility and unboundedness are
 * diagnosed exactly before solving; the solver's point is polished to the exact optimum of its
 * active structure and every reported point passes the KKT checks.
 */
public final class CentralP2P {
    /** Relative tolerance of every reported result (markets.md section 0). */
    public static final double ACCEPT = 1e-6;
    /** A polished point is preferred when it meets this much tighter tolerance. */
    static final double POLISHED = 1e-9;

    private final PdlpSolver quick;
    private final PdlpSolver thorough;

    /**
     * Solves at 1e-6 first, which almost always identifies the active structure so that the
     * polish gives the exact optimum, and only re-solves at 1e-10 when it did not (on 1,000
     * peers x 20 partners: about a third less time for the same optimum; docs/solvers.md).
     */
    public CentralP2P() {
        this(1e-6, 1e-10);
    }

    /** @param solverTolerance relative optimality tolerance asked of the solver (one stage) */
    public CentralP2P(double solverTolerance) {
        this(solverTolerance, solverTolerance);
    }

    private CentralP2P(double quickTolerance, double thoroughTolerance) {
        this.quick = new PdlpSolver(quickTolerance);
        this.thorough = quickTolerance == thoroughTolerance ? null : new PdlpSolver(thoroughTolerance);
    }

    public String name() {
        return "p2p/central";
    }

    public ClearingResult clear(MarketInput in) {
        return ResultCheck.vetted(solve(in));
    }

    private ClearingResult solve(MarketInput in) {
        SolverInfo precheck = new SolverInfo("precheck", 0, 0, false);
        Optional<String> huge = ResultCheck.beyondScale(in);
        if (huge.isPresent()) {
            return ClearingResult.failed(Status.NOT_SOLVED, huge.get(), precheck);
        }
        Optional<ClearingResult> decided = Prechecks.decided(in, precheck);
        if (decided.isPresent()) {
            return decided.get();
        }
        if (in.graph().edges() == 0) {
            return isolated(in, precheck);
        }
        PdlpSolver.Raw first = quick.solve(in);
        if (thorough != null && solved(first)) {
            Optional<ClearingResult> exact = polished(in, first, first);
            if (exact.isPresent()) {
                return exact.get();
            }
        }
        PdlpSolver.Raw raw = thorough == null ? first : thorough.solve(in);
        PdlpSolver.Raw total = thorough == null ? first : raw.after(first);
        if (!solved(raw)) {
            return ClearingResult.failed(mapStatus(raw.status()), "solver: " + raw.status() + " " + raw.message(),
                    info(total, false));
        }
        return best(in, raw, total);
    }

    private static boolean solved(PdlpSolver.Raw raw) {
        return raw.status() == MPSolverResponseStatus.MPSOLVER_OPTIMAL
                || raw.status() == MPSolverResponseStatus.MPSOLVER_FEASIBLE;
    }

    private static SolverInfo info(PdlpSolver.Raw raw, boolean polished) {
        return new SolverInfo("pdlp", raw.iterations(), raw.seconds(), polished);
    }

    /** The polished point of raw, if it verifies at the tight tolerance; effort reported from total. */
    private static Optional<ClearingResult> polished(MarketInput in, PdlpSolver.Raw raw, PdlpSolver.Raw total) {
        return Polish.apply(in, raw.p(), raw.x(), raw.mu())
                .flatMap(pt -> verified(in, pt.p(), null, pt.mu(), POLISHED, info(total, true)));
    }

    /**
     * Prefers the polished point; keeps the solver's own if polishing did not verify. Either way
     * the trades are then re-split to the least total volume among the optimal ones.
     */
    private ClearingResult best(MarketInput in, PdlpSolver.Raw raw, PdlpSolver.Raw total) {
        Optional<ClearingResult> exact = polished(in, raw, total);
        if (exact.isPresent()) {
            return exact.get();
        }
        double[] x = raw.x().clone();
        for (int e = 0; e < x.length; e++) {
            x[e] = Math.max(0, x[e]);
        }
        SolverInfo info = info(total, false);
        return verified(in, raw.p(), x, raw.mu(), ACCEPT, info).orElseGet(() -> ClearingResult.failed(Status.NOT_SOLVED,
                "the solver's point fails the optimality checks: " + Kkt.check(in, raw.p(), x, raw.mu()), info));
    }

    /**
     * The point with least-volume trades if it passes the checks at tolerance rel, else with the
     * solver's own trades x (when given) if those pass.
     */
    private static Optional<ClearingResult> verified(MarketInput in, double[] p, double[] x, double[] mu, double rel,
                                                     SolverInfo info) {
        double tight = Math.max(rel, POLISHED) * Kkt.priceScale(in);
        Optional<double[]> split = TradeSplit.leastVolume(in, p, mu, tight);
        List<double[]> candidates = new ArrayList<>();
        split.ifPresent(candidates::add);
        if (x != null) {
            candidates.add(x);
        }
        for (double[] candidate : candidates) {
            double[] prices = IdlePrices.settle(in, p, candidate, mu);
            Checks c = Kkt.check(in, p, candidate, prices);
            if (Kkt.passes(in, c, Kkt.objective(in, p, candidate), rel)) {
                return Optional.of(result(in, p, candidate, prices, c, info));
            }
        }
        return Optional.empty();
    }

    /** No trades possible: each peer must balance alone, so p = 0 (feasible by the prechecks). */
    private static ClearingResult isolated(MarketInput in, SolverInfo info) {
        int n = in.size();
        double[] p = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = in.marginalCost(i, 0);
        }
        double[] x = new double[0];
        mu = IdlePrices.settle(in, p, x, mu);
        return result(in, p, x, mu, Kkt.check(in, p, x, mu), info);
    }

    /** Builds the result; flows below 1e-9 of the quantity scale are solver residue and count as none. */
    private static ClearingResult result(MarketInput in, double[] p, double[] flows, double[] mu, Checks c, SolverInfo info) {
        TradeGraph g = in.graph();
        double tiny = 1e-9 * Kkt.quantityScale(in);
        double[] x = flows.clone();
        List<Trade> trades = new ArrayList<>();
        for (int e = 0; e < g.edges(); e++) {
            if (x[e] <= tiny) {
                x[e] = 0;
            } else {
                int s = g.seller(e);
                trades.add(new Trade(s, g.buyer(e), x[e], mu[s] + g.prefSeller(e), g.charge(e)));
            }
        }
        return new ClearingResult(Status.OPTIMAL, "", Kkt.objective(in, p, x), p, mu, trades, info, c);
    }

    private static Status mapStatus(MPSolverResponseStatus s) {
        return switch (s) {
            case MPSOLVER_INFEASIBLE -> Status.INFEASIBLE;
            case MPSOLVER_UNBOUNDED -> Status.UNBOUNDED;
            default -> Status.NOT_SOLVED;
        };
    }
}
