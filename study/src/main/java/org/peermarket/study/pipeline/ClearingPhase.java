package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.peermarket.market.Cleared;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.ClearingProgress;
import org.peermarket.market.dso.ConstrainedP2P;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MarketProgram;
import org.peermarket.market.Mechanism;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Scenario;

/**
 * Clears the program with the registered mechanism, showing progress on a terminal (periods, or negotiation
 * iterations when the mechanism negotiates). With line limits (dso.policy constrained) every period is cleared
 * with the limits inside instead (docs/dso-policies.md).
 */
public final class ClearingPhase implements Stage<Program, Clearing> {
    private final boolean shown;

    /** Shows progress on a terminal. */
    public ClearingPhase() {
        this(true);
    }

    private ClearingPhase(boolean shown) {
        this.shown = shown;
    }

    /** Without progress: a live gate closure clears one period in the server, not at a terminal. */
    static ClearingPhase quiet() {
        return new ClearingPhase(false);
    }

    @Override
    public Phase phase() {
        return Phase.CLEARING;
    }

    @Override
    public Clearing apply(Program p) {
        RunInput in = p.input();
        if (p.lineLimits()) {
            return constrained(in, p.graph().get(), p.limits().get());
        }
        Mechanism m = in.mechanism();
        Scenario s = in.scenario();
        if (!shown) {
            return withCongestion(in, m.clear(new MarketProgram(s, p.graph(), p.filter(), ClearingProgress.NONE, p.horizon())),
                    p.horizon());
        }
        try (Progress progress = m.negotiates()
                ? Progress.start("negotiating " + s.name(), 0, "iterations")
                : Progress.start("clearing " + s.name(), s.periods(), "periods")) {
            MarketProgram program = new MarketProgram(s, p.graph(), p.filter(), shown(progress, m.negotiates()), p.horizon());
            return withCongestion(in, m.clear(program), p.horizon());
        }
    }

    /**
     * A horizon program with line rows: each period's line duals nu_l and each peer's congestion component
     * kappa_n = sum_l H[l][bus_n] nu_l / (1000 period_hours), as a period's constrained P2P clearing reports them.
     */
    private static Clearing withCongestion(RunInput in, Cleared cleared, Optional<HorizonGrid> grid) {
        Optional<HorizonGrid.LineRows> rows = grid.flatMap(HorizonGrid::limits);
        List<double[]> duals = cleared.horizon().map(HorizonResult::lineDuals).orElse(List.of());
        if (rows.isEmpty() || duals.isEmpty()) {
            return new Clearing(in, cleared);
        }
        HorizonGrid.LineRows l = rows.get();
        int[] bus = grid.get().peerBus();
        List<StudyResults.Congestion> out = new ArrayList<>();
        for (int t = 0; t < duals.size(); t++) {
            double[] nu = duals.get(t);
            out.add(new StudyResults.Congestion(t + 1, ConstrainedP2P.congestion(nu, l.ptdf(), bus, l.mwPerKwh()), nu));
        }
        return new Clearing(in, cleared, out, List.of());
    }

    /** Every period cleared with the line limits inside, in parallel (each on its own input). */
    private static Clearing constrained(RunInput in, TradeGraph graph, LineLimits l) {
        Scenario s = in.scenario();
        List<ConstrainedP2P.Result> r = IntStream.range(0, s.periods()).parallel()
                .mapToObj(t -> DsoStage.clearConstrained(MarketInputs.forPeriod(s, graph, t), l.grid(), l.flows(), l.mwPerKwh()))
                .toList();
        Cleared cleared = Cleared.ofPeriods(in.mechanism().name(), DsoStage.clearings(r), graph.edges());
        return new Clearing(in, cleared, DsoStage.congestion(r), r);
    }

    /** A bar steps per period; when negotiating it steps per iteration and names the periods done. */
    private static ClearingProgress shown(Progress progress, boolean iterations) {
        return new ClearingProgress() {
            @Override
            public void iteration() {
                progress.step();
            }

            @Override
            public void periodDone(int done, int periods) {
                if (iterations) {
                    progress.message(done + "/" + periods + " periods");
                } else {
                    progress.step();
                }
            }
        };
    }
}
