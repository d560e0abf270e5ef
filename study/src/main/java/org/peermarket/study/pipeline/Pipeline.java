package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.peermarket.market.Cleared;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.Scenario;

/**
 * A run as the list of phases its scenario names (docs/pipeline.md): the DSO's pre-market policy, the clearing by
 * the registered mechanism, the comparison with central clearing, the grid check, the LFM and the explicit
 * service; settlement, sharing, the VPP and the report follow when the results are written. Every mechanism
 * goes through the same phases. The money phases ({@link #settle}) run when the results are written. The platform's
 * gate closure runs the same DSO and clearing phases on one period of live orders ({@link #clearPeriod}), then its
 * own settlement.
 */
public final class Pipeline {
    /**
     * The phases a live gate closure runs (docs/platform.md#gate-closure-and-clearing); settlement there is the
     * platform's bills.
     */
    public static final Set<Phase> AT_GATE = Set.copyOf(EnumSet.of(Phase.DSO, Phase.CLEARING, Phase.SETTLEMENT));

    private final Scenario scenario;
    private final List<Phase> phases;

    private Pipeline(Scenario scenario, List<Phase> phases) {
        this.scenario = scenario;
        this.phases = List.copyOf(phases);
    }

    /** The phases the scenario's keys turn on. */
    public static Pipeline of(Scenario s) {
        if (s.study().flatMap(st -> st.draw()).isPresent()) {
            return new Pipeline(s, List.of(Phase.STUDY, Phase.REPORT));
        }
        List<Phase> p = new ArrayList<>();
        add(p, Phase.DSO, s.dso().map(d -> !d.policy().equals(DsoSpec.NONE)).orElse(false));
        p.add(Phase.CLEARING);
        add(p, Phase.COMPARISON, s.market().isAuction() && s.market().auction().compare());
        add(p, Phase.GRID_CHECK, s.grid().isPresent());
        add(p, Phase.LFM, s.grid().isPresent() && s.study().map(st -> st.runsLfm()).orElse(false));
        add(p, Phase.SERVICE, s.service().isPresent());
        p.add(Phase.SETTLEMENT);
        add(p, Phase.SHARING, s.orders().isEmpty() && s.tariff().isPresent() && s.sharing().isPresent());
        add(p, Phase.VPP, s.vpp().isPresent());
        p.add(Phase.REPORT);
        return new Pipeline(s, p);
    }

    /** The phases of this scenario a live gate closure runs: those of {@link #of} that are {@link #AT_GATE}. */
    public static List<Phase> gatePhases(Scenario s) {
        return of(s).phases().stream().filter(AT_GATE::contains).toList();
    }

    /** One live period as the gate cleared it: the gate's phases in order (settlement is the caller's), the clearing. */
    public record Gate(List<Phase> phases, Clearing clearing) {
        public Gate {
            phases = List.copyOf(phases);
        }
    }

    /**
     * Clears one period of live orders at gate closure through the DSO and clearing phases. {@code period} is the
     * live book as a one-period scenario (each order's tranche a peer, its orders listed, the market's mechanism
     * and DSO policy); {@code graph}, {@code filter} and {@code limits} are the program as the platform's judge of
     * the live orders shaped it (no network is read here: the platform keeps its compiled one). Bad input, such as a
     * DSO policy on coupled periods, is the batch run's {@code ValidationException}. The clearing phases after
     * these, and settlement, are the caller's.
     */
    public static Gate clearPeriod(Scenario period, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter,
                                   Optional<LineLimits> limits) {
        return clearPeriod(period, graph, filter, limits, Optional.empty());
    }

    /**
     * As {@link #clearPeriod(Scenario, Supplier, Supplier, Optional)} for a mechanism that clears its period as one
     * program (a live community): {@code horizon} is the DSO's part in it, its members at their buses.
     */
    public static Gate clearPeriod(Scenario period, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter,
                                   Optional<LineLimits> limits, Optional<HorizonGrid> horizon) {
        RunInput in = new RunInput(period, RunInput.mechanism(period), Optional.empty());
        List<Phase> phases = gatePhases(period);
        Program p = phases.contains(Phase.DSO) ? new DsoPhase().live(in, graph, filter, limits, horizon)
                : Program.given(in, graph, filter);
        return new Gate(phases, ClearingPhase.quiet().apply(p));
    }

    private static void add(List<Phase> phases, Phase phase, boolean on) {
        if (on) {
            phases.add(phase);
        }
    }

    public List<Phase> phases() {
        return phases;
    }

    /** The same phases with the run's ledger written before the report ({@link LedgerPhase}; run --ledger). */
    public Pipeline withLedger() {
        if (has(Phase.STUDY) || has(Phase.LEDGER)) {
            return this;
        }
        List<Phase> p = new ArrayList<>(phases);
        p.add(p.indexOf(Phase.REPORT), Phase.LEDGER);
        return new Pipeline(scenario, p);
    }

    public boolean has(Phase phase) {
        return phases.contains(phase);
    }

    /** Runs every phase up to the writing ones. */
    public RunResult run() {
        return run(Optional.empty());
    }

    /** As {@link #run()}, every auction match offered to {@code acceptance} instead of the DSO's filter. */
    public RunResult runWith(MatchFilter acceptance) {
        return run(Optional.of(acceptance));
    }

    private RunResult run(Optional<MatchFilter> acceptance) {
        if (has(Phase.STUDY)) {
            return new StudyPhase().apply(scenario);
        }
        RunInput in = RunInput.of(scenario);
        Program program = has(Phase.DSO) ? new DsoPhase().apply(in) : Program.plain(in);
        Clearing c = new ClearingPhase().apply(acceptance.map(program::withFilter).orElse(program));
        return afterClearing(c, new GridCheckPhase());
    }

    /**
     * The same phases on typed inputs (a sweep cell, docs/pipeline.md#sweeps): {@code in} with its network already
     * made, the trading graph the DSO phase shapes, and DC flows only in the grid check. A program without a DSO
     * policy is cleared once per {@code plain} map: the cells of one draw share it.
     */
    public RunResult run(RunInput in, Supplier<TradeGraph> graph, Map<String, Cleared> plain) {
        if (has(Phase.STUDY) || in.scenario() != scenario) {
            throw new IllegalArgumentException("typed inputs are for this pipeline's own scenario, not a study draw");
        }
        Clearing c;
        if (has(Phase.DSO)) {
            c = new ClearingPhase().apply(new DsoPhase().apply(in, graph));
        } else {
            Program program = Program.plain(in, graph);
            c = new Clearing(in, plain.computeIfAbsent("plain", k -> new ClearingPhase().apply(program).cleared()),
                    List.of(), List.of());
        }
        return afterClearing(c, new GridCheckPhase(false));
    }

    /**
     * The money phases on a run's result: settlement, the sharing and the VPP when the scenario names them, then the
     * service's payments and metering on top (docs/pipeline.md).
     */
    public Settled settle(RunResult run) {
        SettlementPhase settlement = new SettlementPhase();
        Settled s = settlement.apply(run);
        if (has(Phase.SHARING)) {
            s = new SharingPhase().apply(s);
        }
        if (has(Phase.VPP)) {
            s = new VppPhase().apply(s);
        }
        return settlement.close(s);
    }

    private RunResult afterClearing(Clearing c, GridCheckPhase gridCheck) {
        Comparison comparison = has(Phase.COMPARISON) ? new ComparisonPhase().apply(c) : null;
        Optional<GridStudy.Run> grid = has(Phase.GRID_CHECK) ? Optional.of(gridCheck.apply(c)) : Optional.empty();
        RunResult run = result(c, comparison, grid);
        if (has(Phase.LFM)) {
            run = new LfmPhase().apply(run);
        }
        return has(Phase.SERVICE) ? new ServicePhase().apply(run) : run;
    }

    private static RunResult result(Clearing c, Comparison comparison, Optional<GridStudy.Run> grid) {
        var m = c.cleared();
        RunResult run = new RunResult(c.input().scenario(), m.mechanism(), m.tradeEdges(), m.periods(), m.auctions(),
                comparison, grid, m.horizon());
        return c.congestion().isEmpty() ? run
                : run.withStudy(new StudyResults(List.of(), List.of(), c.congestion()));
    }
}
