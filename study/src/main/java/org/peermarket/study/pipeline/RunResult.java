package org.peermarket.study.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Convergence;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Status;
import org.peermarket.model.Scenario;

/**
 * Every period's clearing of one scenario, in kWh inside (convert with {@link Scenario#units()}).
 * {@code tradeEdges} counts the directed edges of the trading graph. An auction run also keeps
 * each period's {@link AuctionResult} (whose {@code result} is the period's entry in
 * {@code periods}) and, when asked for, the comparison with central clearing (else null);
 * {@code grid} is the grid check when the scenario has a grid.
 */
public record RunResult(Scenario scenario, String mechanism, int tradeEdges, List<ClearingResult> periods,
                        List<AuctionResult> auctions, Comparison comparison, Optional<GridStudy.Run> grid,
                        Optional<HorizonResult> horizon, Optional<StudyResults> study,
                        Optional<ServiceResults> service) {

    /** A run without an explicit service. */
    public RunResult(Scenario scenario, String mechanism, int tradeEdges, List<ClearingResult> periods,
                     List<AuctionResult> auctions, Comparison comparison, Optional<GridStudy.Run> grid,
                     Optional<HorizonResult> horizon, Optional<StudyResults> study) {
        this(scenario, mechanism, tradeEdges, periods, auctions, comparison, grid, horizon, study, Optional.empty());
    }

    /** A run cleared as one horizon (communities, hybrid trees, storage), without a study part. */
    public RunResult(Scenario scenario, String mechanism, int tradeEdges, List<ClearingResult> periods,
                     List<AuctionResult> auctions, Comparison comparison, Optional<GridStudy.Run> grid,
                     Optional<HorizonResult> horizon) {
        this(scenario, mechanism, tradeEdges, periods, auctions, comparison, grid, horizon, Optional.empty());
    }

    /** The same run with its study part (sequential LFM, or a study's scenarios and KPIs). */
    public RunResult withStudy(StudyResults s) {
        return new RunResult(scenario, mechanism, tradeEdges, periods, auctions, comparison, grid, horizon,
                Optional.of(s), service);
    }

    /** The same run with its explicit service cleared after the market (docs/dso-policies.md#explicit-service). */
    public RunResult withService(ServiceResults s) {
        return new RunResult(scenario, mechanism, tradeEdges, periods, auctions, comparison, grid, horizon, study,
                Optional.of(s));
    }

    public RunResult {
        periods = List.copyOf(periods);
        auctions = List.copyOf(auctions);
        horizon = horizon == null ? Optional.empty() : horizon;
        study = study == null ? Optional.empty() : study;
        service = service == null ? Optional.empty() : service;
    }

    /** A run that cleared period by period (no communities, no storage). */
    public RunResult(Scenario scenario, String mechanism, int tradeEdges, List<ClearingResult> periods,
                     List<AuctionResult> auctions, Comparison comparison, Optional<GridStudy.Run> grid) {
        this(scenario, mechanism, tradeEdges, periods, auctions, comparison, grid, Optional.empty());
    }

    /** The name of agent i of a trade: a peer, or in a hybrid market also a community or the outside grid. */
    public String agent(int i) {
        return horizon.map(h -> h.agents().get(i)).orElseGet(() -> scenario.peers().get(i).id());
    }

    public RunResult(Scenario scenario, String mechanism, int tradeEdges, List<ClearingResult> periods) {
        this(scenario, mechanism, tradeEdges, periods, List.of(), null, Optional.empty());
    }

    public boolean isAuction() {
        return !auctions.isEmpty();
    }

    /**
     * OPTIMAL (or CLEARED, for an auction) when every period is; otherwise the first period's
     * status that has no result.
     */
    public Status status() {
        return periods.stream().map(ClearingResult::status).filter(s -> !s.hasResult())
                .findFirst().orElse(isAuction() ? Status.CLEARED : Status.OPTIMAL);
    }

    /** Why the run is not optimal, naming the period (1-based); empty when optimal. */
    public String cause() {
        for (int t = 0; t < periods.size(); t++) {
            ClearingResult r = periods.get(t);
            if (!r.hasResult()) {
                return (periods.size() > 1 ? "period " + (t + 1) + ": " : "") + r.cause();
            }
        }
        return "";
    }

    /**
     * Sum over periods of sum C_n(p_n) + sum c_ij x_ij (for an auction: minus its welfare, see
     * docs/auctions.md); NaN unless every period has a result.
     */
    public double objective() {
        return status().hasResult()
                ? periods.stream().mapToDouble(ClearingResult::objective).sum()
                : Double.NaN;
    }

    /** Traded volume in kWh over all periods. */
    public double tradedVolumeKwh() {
        return periods.stream().filter(ClearingResult::hasResult).mapToDouble(ClearingResult::tradedVolume).sum();
    }

    /** The solver that ran (the first period's that reached one), or "precheck" if none did. */
    public String solverName() {
        return periods.stream().map(r -> r.solver().name()).filter(n -> !n.equals("precheck"))
                .findFirst().orElse(periods.isEmpty() ? "" : "precheck");
    }

    public long iterations() {
        return periods.stream().mapToLong(r -> Math.max(0, r.solver().iterations())).sum();
    }

    public double solverSeconds() {
        return periods.stream().mapToDouble(r -> r.solver().seconds()).sum();
    }

    /** True when the market was negotiated (ADMM): periods carry residuals and a trace. */
    public boolean negotiated() {
        return periods.stream().anyMatch(r -> r.solver().negotiation().isPresent());
    }

    /** Largest primal residual ||P + P^T|| over negotiated periods, kWh; NaN when none. */
    public double primalResidual() {
        return worst(Convergence::primalResidual);
    }

    /** Largest dual residual over negotiated periods, currency per kWh; NaN when none. */
    public double dualResidual() {
        return worst(Convergence::dualResidual);
    }

    /** Trade proposals exchanged, summed over periods (0 without negotiation). */
    public long messages() {
        return periods.stream().flatMap(r -> r.solver().negotiation().stream()).mapToLong(Convergence::messages).sum();
    }

    private double worst(ToDoubleFunction<Convergence> residual) {
        return periods.stream().flatMap(r -> r.solver().negotiation().stream()).mapToDouble(residual)
                .filter(Double::isFinite).max().orElse(Double.NaN);
    }

    public boolean polished() {
        return status() == Status.OPTIMAL && periods.stream().allMatch(r -> r.solver().polished());
    }
}
