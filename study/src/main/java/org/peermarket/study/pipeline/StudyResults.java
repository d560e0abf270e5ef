package org.peermarket.study.pipeline;

import java.util.List;
import org.peermarket.grid.GridCheck;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.flex.LfmResult;
import org.peermarket.study.files.GridTables;

/**
 * The study part of a run, plain records for writers and reports: the LFM after the P2P market per period (a
 * scenario with {@code study: {steps: [p2p, lfm]}}), and for a study of several scenarios (euniversal-case69) each
 * scenario's Table 7 KPIs and per-line occupancy before and after the LFM.
 */
public record StudyResults(List<LfmPeriod> lfm, List<ScenarioOutcome> scenarios, List<Congestion> congestion,
                           EuniversalStudy.Draw draw) {
    public StudyResults {
        lfm = List.copyOf(lfm);
        scenarios = List.copyOf(scenarios);
        congestion = List.copyOf(congestion);
    }

    /** Results without a drawn data set (null {@code draw}: only the seed 003 study draws one). */
    public StudyResults(List<LfmPeriod> lfm, List<ScenarioOutcome> scenarios, List<Congestion> congestion) {
        this(lfm, scenarios, congestion, null);
    }

    public StudyResults(List<LfmPeriod> lfm, List<ScenarioOutcome> scenarios) {
        this(lfm, scenarios, List.of());
    }

    /**
     * One period of a market cleared with line limits inside (dso policy constrained): each peer's congestion
     * component kappa_n (currency per kWh; the peer's marginal cost is mu_n + kappa_n inside its bounds) and each
     * branch's line dual (currency per MW).
     */
    public record Congestion(int period, double[] congestion, double[] lineDual) {}

    /** One period's LFM: the grid state it started from (after the P2P market), the bids it had and its result. */
    public record LfmPeriod(int period, GridCheck.Result before, List<FlexBid> bids, LfmResult lfm) {
        public LfmPeriod {
            bids = List.copyOf(bids);
        }
    }

    /**
     * One scenario of a study: KPIs before the LFM (seed 003 Table 7), the LFM result, the P2P traded volume (MW)
     * and the occupancy |F| / R of every branch before and after the LFM (NaN for unrated branches).
     */
    public record ScenarioOutcome(String name, GridCheck.Kpis kpis, LfmResult lfm, double p2pVolumeMw,
                                  double[] occupancyBefore, double[] occupancyAfter) {
        /** The LFM cost, or "infeasible" (or the failed status) when the LFM has none. */
        public String lfmCostText() {
            return lfm.optimal() ? GridTables.number(round(lfm.cost())) : lfm.status().label();
        }
    }

    public static double round(double v) {
        return Math.abs(v) < 1e-9 ? 0 : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.10g", v));
    }
}
