package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.GridCheck;
import org.peermarket.study.files.Html;
import org.peermarket.study.pipeline.GridStudy;

/**
 * Line occupancy |F| / R before the market (the base network alone) and after it (base plus
 * the peers' net injections; the highest over periods), as in seed 003 Figures 20-25.
 */
final class LinesSection implements ReportSection {
    static final int MAX_LISTED = 30;
    /** Bars beyond this many branches would be too thin to read; the chart keeps the most loaded. */
    static final int MAX_DRAWN = 80;

    /** One line: base occupancy, and its highest occupancy after the market with that period. */
    record Row(GridCheck.Line base, GridCheck.Line worst, int period) {}

    @Override
    public String id() {
        return "lines";
    }

    @Override
    public String title(ReportContext c) {
        return "Line occupancy before and after the market (occupancy = |flow| / rating, 1 = full; flows in MW)";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.run().grid().map(g -> g.periods().stream().anyMatch(p -> p.check() != null)).orElse(false);
    }

    @Override
    public void render(ReportContext c, Html out) {
        GridStudy.Run g = c.run().grid().orElseThrow();
        List<Row> rows = rows(g);
        List<Row> drawn = rows.size() <= MAX_DRAWN ? rows : rows.stream()
                .sorted(Comparator.comparingDouble((Row r) -> r.worst().occupancy()).reversed()).limit(MAX_DRAWN)
                .sorted(Comparator.comparingInt((Row r) -> r.base().branch())).toList();
        List<String> names = drawn.stream().map(r -> Integer.toString(r.base().branch())).toList();
        double[] before = drawn.stream().mapToDouble(r -> r.base().occupancy()).toArray();
        double[] after = drawn.stream().mapToDouble(r -> r.worst().occupancy()).toArray();
        out.raw(SvgChart.bars("occupancy per branch (1 = at rating)", names,
                List.of(new SvgChart.Series("base network", before), new SvgChart.Series("after the market (highest over periods)", after)),
                1, "rating"));
        out.note("Branches are numbered in the case's order (lines.csv's branch). Unrated branches show 0."
                + (drawn.size() < rows.size() ? " The chart shows the " + MAX_DRAWN + " most loaded of " + rows.size() + " branches." : ""));
        List<Row> listed = rows.stream().sorted(Comparator.comparingDouble((Row r) -> r.worst().occupancy()).reversed())
                .limit(MAX_LISTED).toList();
        out.element("h3", rows.size() > MAX_LISTED ? "The " + MAX_LISTED + " most loaded of " + rows.size() + " branches"
                : "Branches, most loaded first").raw("\n");
        out.open("table").headerRow("branch", "from bus", "to bus", "rating (MW)", "base occupancy", "occupancy after the market",
                "period", "flow (MW)", "overflow (MW)");
        for (Row r : listed) {
            GridCheck.Line w = r.worst();
            String key = "line." + r.period() + "." + w.branch() + ".";
            out.open("tr", "class", w.congested() ? "bad" : "").cell(Integer.toString(w.branch())).cell(Integer.toString(w.from()))
                    .cell(Integer.toString(w.to())).number(ReportContext.format(w.rating()), "")
                    .number(ReportContext.format(r.base().occupancy()), "")
                    .number(ReportContext.format(snap(w.occupancy())), key + "occupancy")
                    .cell(Integer.toString(r.period()))
                    .number(ReportContext.format(snap(w.flow())), key + "flow")
                    .number(ReportContext.format(snap(w.overflow())), key + "overflow").close("tr");
        }
        out.close("table");
        congestion(g, out);
    }

    private static void congestion(GridStudy.Run g, Html out) {
        out.element("h3", "Congestion per period (overflow in MW)").raw("\n");
        out.open("table").headerRow("period", "congested lines", "overflow sum (MW)", "overflow, capacity-weighted average (MW)");
        for (GridStudy.Period p : g.periods()) {
            if (p.check() == null) {
                continue;
            }
            GridCheck.Kpis k = p.check().kpis();
            String key = "grid.by_period." + p.period() + ".";
            out.open("tr").cell(Integer.toString(p.period()))
                    .number(Integer.toString(k.congestedLines()), key + "congested_lines")
                    .number(ReportContext.format(k.overflowSumMw()), key + "overflow_sum_mw")
                    .number(ReportContext.format(k.overflowWeightedAverageMw()), key + "overflow_weighted_average_mw").close("tr");
        }
        out.close("table");
    }

    /** Per branch in case order: the base check and the most loaded period's check. */
    static List<Row> rows(GridStudy.Run g) {
        GridStudy.Setup s = g.setup();
        double[] baseFlows = DcPowerFlow.run(GridStudy.base(s.spec(), s.grid())).flowMw();
        List<GridCheck.Line> base = GridCheck.check(s.grid(), baseFlows, s.ratings()).lines();
        List<Row> rows = new ArrayList<>();
        for (int l = 0; l < base.size(); l++) {
            GridCheck.Line worst = null;
            int period = 0;
            for (GridStudy.Period p : g.periods()) {
                if (p.check() != null && (worst == null || p.check().lines().get(l).occupancy() > worst.occupancy())) {
                    worst = p.check().lines().get(l);
                    period = p.period();
                }
            }
            rows.add(new Row(base.get(l), worst, period));
        }
        return rows;
    }

    /** As lines.csv writes them: PTDF residue below 1e-12 is 0. */
    private static double snap(double v) {
        return Math.abs(v) < 1e-12 ? 0 : v;
    }
}
