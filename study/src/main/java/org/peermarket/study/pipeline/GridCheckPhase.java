package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/** The grid check ({@link GridStudy}): each period's net injections, storage included, on the network. */
public final class GridCheckPhase implements Stage<Clearing, GridStudy.Run> {
    private final boolean ac;

    /** DC flows and the AC load flow (a run). */
    public GridCheckPhase() {
        this(true);
    }

    /** {@code ac} false: DC flows only, for sweeps, whose KPIs are the lines' (docs/pipeline.md#sweeps). */
    public GridCheckPhase(boolean ac) {
        this.ac = ac;
    }

    @Override
    public Phase phase() {
        return Phase.GRID_CHECK;
    }

    @Override
    public GridStudy.Run apply(Clearing c) {
        Scenario s = c.input().scenario();
        List<ClearingResult> seen = c.cleared().horizon().map(h -> withStorage(s, h)).orElse(c.cleared().periods());
        return GridStudy.run(c.input().grid().orElseThrow(), s, seen, ac);
    }

    /** What the grid sees: each peer's dispatch plus its storage's discharge minus charge. */
    private static List<ClearingResult> withStorage(Scenario s, HorizonResult h) {
        if (!s.hasStorage()) {
            return h.periods();
        }
        Map<String, Integer> index = s.indexById();
        List<ClearingResult> out = new ArrayList<>();
        for (int t = 0; t < h.periods().size(); t++) {
            ClearingResult r = h.periods().get(t);
            if (!r.hasResult()) {
                out.add(r);
                continue;
            }
            double[] p = r.p();
            for (HorizonResult.StorageStep st : h.storage()) {
                if (st.period() == t) {
                    p[index.get(st.peer())] += st.discharge() - st.charge();
                }
            }
            out.add(new ClearingResult(r.status(), r.cause(), r.objective(), p, r.mu(), r.trades(), r.solver(), r.checks()));
        }
        return out;
    }
}
