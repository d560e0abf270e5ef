package org.peermarket.market.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Convergence;
import org.peermarket.market.MarketInput;
import org.peermarket.market.Prechecks;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.solver.Kkt;
import org.peermarket.market.solver.ResultCheck;
import org.peermarket.model.AdmmOptions;

/**
 * Full P2P market cleared by negotiation (markets.md section 1.1): peer agents run consensus ADMM
 * ({@link Negotiation}) until reciprocity and the dual residual meet the tolerances. The result
 * is the central optimum to within those tolerances; a negotiation that runs out of iterations
 * is reported as NOT_CONVERGED with the residuals it reached, never as optimal.
 */
public final class AdmmP2P {
    private final AdmmOptions options;
    private final Runnable onIteration;

    public AdmmP2P() {
        this(AdmmOptions.DEFAULTS);
    }

    public AdmmP2P(AdmmOptions options) {
        this(options, () -> {});
    }

    private AdmmP2P(AdmmOptions options, Runnable onIteration) {
        this.options = options;
        this.onIteration = onIteration;
    }

    /**
     * The same mechanism, calling {@code onIteration} after every iteration of every negotiation
     * (for a progress display; it must be thread-safe, periods negotiate in parallel). The result
     * does not depend on it.
     */
    public AdmmP2P observed(Runnable onIteration) {
        return new AdmmP2P(options, onIteration);
    }

    public String name() {
        return "p2p/admm";
    }

    public ClearingResult clear(MarketInput in) {
        SolverInfo none = new SolverInfo("admm", 0, 0, false, Convergence.none());
        Optional<ClearingResult> decided = Prechecks.decided(in, none);
        if (decided.isPresent()) {
            return decided.get();
        }
        Optional<String> huge = ResultCheck.beyondScale(in);
        if (huge.isPresent()) {
            return ClearingResult.failed(Status.NOT_SOLVED, huge.get(), none);
        }
        StringBuilder whyNot = new StringBuilder();
        Negotiation agents = Negotiation.of(in, whyNot);
        if (agents == null) {
            return ClearingResult.failed(Status.NOT_SOLVED, whyNot.toString(), none);
        }
        AdmmSettings s = AdmmSettings.resolve(options, in);
        long start = System.nanoTime();
        Negotiation.Outcome o = agents.run(s, onIteration);
        double seconds = (System.nanoTime() - start) / 1e9;
        Convergence c = new Convergence(o.primal(), o.primalMax(), o.dual(), (long) o.iterations() * agents.slots(),
                o.primalTrace(), o.dualTrace(), o.rhoTrace());
        SolverInfo info = new SolverInfo("admm", o.iterations(), seconds, false, c);
        if (in.graph().edges() > 0 && !o.converged()) {
            return ClearingResult.failed(Status.NOT_CONVERGED, String.format(Locale.ROOT,
                    "no agreement within %d iterations: primal residual %.3g kWh (tolerance %.3g),"
                            + " dual residual %.3g per kWh (tolerance %.3g)",
                    o.iterations(), o.primal(), s.primalTolerance(), o.dual(), s.dualTolerance()), info);
        }
        return ResultCheck.vetted(result(in, agents, s, info));
    }

    /** The agreed point, checked: finite, within bounds up to rounding; KKT violations recorded. */
    private static ClearingResult result(MarketInput in, Negotiation agents, AdmmSettings s, SolverInfo info) {
        double[] p = agents.injections();
        double[] mu = agents.prices();
        double[] x = agents.trades();
        Checks checks = Kkt.check(in, p, x, mu);
        double objective = Kkt.objective(in, p, x);
        if (!Double.isFinite(objective) || !(checks.bounds() <= 1e-9 * Kkt.quantityScale(in))) {
            return ClearingResult.failed(Status.NOT_SOLVED, "the negotiated point fails its checks: " + checks, info);
        }
        TradeGraph g = in.graph();
        double shown = Math.max(1e-9 * Kkt.quantityScale(in), s.primalTolerance());
        List<Trade> trades = new ArrayList<>();
        for (int e = 0; e < g.edges(); e++) {
            if (x[e] > shown) {
                int seller = g.seller(e);
                trades.add(new Trade(seller, g.buyer(e), x[e], mu[seller] + g.prefSeller(e), g.charge(e)));
            }
        }
        return new ClearingResult(Status.OPTIMAL, "", objective, p, mu, trades, info, checks);
    }
}
