package org.peermarket.study.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peermarket.grid.Branch;
import org.peermarket.grid.GridCase;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.study.files.GridTables;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.EuniversalStudy;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.StudyResults;

/**
 * The files of a run's study part (docs/output-files.md): {@code lfm.csv} for the LFM after the P2P market, and
 * for a study of scenarios {@code kpis.csv} (seed 003 Table 7) and {@code occupancy.csv}.
 */
public final class StudyFiles {
    public static final String KPIS = "kpis.csv";
    public static final String KPI_HEADER =
            "scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume";
    public static final String OCCUPANCY = "occupancy.csv";
    public static final String LFM = "lfm.csv";
    public static final String BIDS = "bids.csv";
    public static final String CONGESTION = "congestion.csv";

    private StudyFiles() {}

    static Map<String, String> files(RunResult run) {
        Map<String, String> files = new LinkedHashMap<>();
        run.study().ifPresent(st -> {
            if (!st.lfm().isEmpty()) {
                files.put(LFM, lfmCsv(st, run));
            }
            if (!st.congestion().isEmpty()) {
                files.put(CONGESTION, congestionCsv(st, run));
            }
            if (!st.scenarios().isEmpty()) {
                if (st.draw() != null) {
                    files.put(BIDS, bidsCsv(st.draw())); // the data set the scenarios ran on, not drawn again
                }
                files.put(KPIS, kpisCsv(st.scenarios()));
                files.put(OCCUPANCY, occupancyCsv(st.scenarios(), run));
            }
        });
        return files;
    }

    public static String kpisCsv(List<StudyResults.ScenarioOutcome> scenarios) {
        StringBuilder sb = new StringBuilder(KPI_HEADER).append('\n');
        for (StudyResults.ScenarioOutcome o : scenarios) {
            sb.append(o.name()).append(',').append(o.kpis().congestedLines()).append(',')
                    .append(num(o.kpis().overflowSumMw())).append(',').append(num(o.kpis().overflowWeightedAverageMw()))
                    .append(',').append(o.lfmCostText()).append(',').append(num(o.p2pVolumeMw())).append('\n');
        }
        return sb.toString();
    }

    /** The drawn data set: every bid (B.csv columns of the lfm command) and whether it acts as a peer. */
    static String bidsCsv(EuniversalStudy.Draw d) {
        StringBuilder sb = new StringBuilder("id,bus,direction,quantity_mw,price,peer\n");
        for (int b = 0; b < d.bids().size(); b++) {
            FlexBid bid = d.bids().get(b);
            sb.append(bid.id()).append(',').append(d.grid().buses().get(bid.bus()).number()).append(',')
                    .append(bid.direction().label()).append(',').append(num(bid.quantityMw())).append(',')
                    .append(num(bid.price())).append(',').append(d.peer()[b]).append('\n');
        }
        return sb.toString();
    }

    public static String num(double v) {
        return GridTables.number(StudyResults.round(v));
    }

    static String occupancyCsv(List<StudyResults.ScenarioOutcome> scenarios, RunResult run) {
        StringBuilder sb = new StringBuilder("scenario,branch,from,to,before,after\n");
        GridCase grid = org.peermarket.grid.Cases.builtIn("case69");
        for (StudyResults.ScenarioOutcome o : scenarios) {
            for (int l = 0; l < o.occupancyBefore().length; l++) {
                Branch b = grid.branches().get(l);
                sb.append(o.name()).append(',').append(l + 1).append(',').append(b.from()).append(',').append(b.to())
                        .append(',').append(num(o.occupancyBefore()[l])).append(',').append(num(o.occupancyAfter()[l]))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    static String lfmCsv(StudyResults st, RunResult run) {
        StringBuilder sb = new StringBuilder("period,id,bus,direction,offered_mw,accepted_mw,price\n");
        GridCase grid = run.grid().orElseThrow().setup().grid();
        for (StudyResults.LfmPeriod p : st.lfm()) {
            for (int b = 0; b < p.bids().size(); b++) {
                FlexBid bid = p.bids().get(b);
                sb.append(p.period()).append(',').append(bid.id()).append(',')
                        .append(grid.buses().get(bid.bus()).number()).append(',').append(bid.direction().label())
                        .append(',').append(num(bid.quantityMw())).append(',').append(num(p.lfm().acceptedMw()[b]))
                        .append(',').append(num(bid.price())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Policy constrained: per period and peer the energy price mu, the congestion component kappa and their sum,
     * the peer's nodal price, in the scenario's currency per energy unit.
     */
    static String congestionCsv(StudyResults st, RunResult run) {
        UnitView u = new UnitView(run.scenario());
        StringBuilder sb = new StringBuilder("period,peer,mu,congestion,nodal_price\n");
        for (StudyResults.Congestion c : st.congestion()) {
            ClearingResult r = run.periods().get(c.period() - 1);
            if (!r.hasResult()) {
                continue;
            }
            for (int n = 0; n < c.congestion().length; n++) {
                double mu = r.mu()[n];
                sb.append(c.period()).append(',').append(run.scenario().peers().get(n).id()).append(',')
                        .append(num(u.toPrice(mu))).append(',').append(num(u.toPrice(c.congestion()[n]))).append(',')
                        .append(num(u.toPrice(mu + c.congestion()[n]))).append('\n');
            }
        }
        return sb.toString();
    }

    /** The KPI table as printed (seed 003 Table 8's columns). */
    public static String table(List<StudyResults.ScenarioOutcome> scenarios) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-9s %9s %13s %13s %12s %10s%n", "scenario",
                "congested", "overflow MW", "weighted MW", "LFM cost", "P2P MW"));
        for (StudyResults.ScenarioOutcome o : scenarios) {
            String cost = o.lfm().optimal() ? String.format(Locale.ROOT, "%.4f", o.lfm().cost()) : o.lfm().status().label();
            b.append(String.format(Locale.ROOT, "  %-9s %9d %13.6f %13.6f %12s %10.4f%n", o.name(),
                    o.kpis().congestedLines(), o.kpis().overflowSumMw(), o.kpis().overflowWeightedAverageMw(), cost,
                    o.p2pVolumeMw()));
        }
        return b.toString();
    }

    /** The study part of summary.json: each LFM period, or each scenario's KPIs. */
    static com.fasterxml.jackson.databind.node.ObjectNode summary(StudyResults st,
                                                                  com.fasterxml.jackson.databind.ObjectMapper json) {
        var root = json.createObjectNode();
        if (!st.lfm().isEmpty()) {
            var arr = root.putArray("lfm");
            for (StudyResults.LfmPeriod p : st.lfm()) {
                var n = arr.addObject();
                n.put("period", p.period());
                n.put("status", p.lfm().status().label());
                if (p.lfm().optimal()) {
                    n.put("cost", StudyResults.round(p.lfm().cost()));
                } else {
                    n.putNull("cost");
                    n.put("least_overflow_mw", StudyResults.round(p.lfm().leastOverflowMw()));
                }
                n.put("congested_before", p.lfm().congestedBefore().size());
                n.put("congested_after", p.lfm().congestedAfter().size());
            }
        }
        if (!st.scenarios().isEmpty()) {
            var arr = root.putArray("scenarios");
            for (StudyResults.ScenarioOutcome o : st.scenarios()) {
                var n = arr.addObject();
                n.put("scenario", o.name());
                n.put("congested_lines", o.kpis().congestedLines());
                n.put("overflow_sum", StudyResults.round(o.kpis().overflowSumMw()));
                n.put("overflow_weighted_avg", StudyResults.round(o.kpis().overflowWeightedAverageMw()));
                n.put("lfm_status", o.lfm().status().label());
                if (o.lfm().optimal()) {
                    n.put("lfm_cost", StudyResults.round(o.lfm().cost()));
                } else {
                    n.putNull("lfm_cost");
                    n.put("least_overflow_mw", StudyResults.round(o.lfm().leastOverflowMw()));
                }
                n.put("congested_after_lfm", o.lfm().congestedAfter().size());
                n.put("p2p_volume", StudyResults.round(o.p2pVolumeMw()));
            }
        }
        return root;
    }
}
