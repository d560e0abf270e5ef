package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * A study of scenarios (docs/euniversal-study.md): the KPI table of seed 003 Table 8 (kpis.csv,
 * with the LFM's status and what is left congested from summary.json), and per scenario the
 * occupancy of every line before and after the LFM (occupancy.csv; seed 003 Figures 20-25),
 * one small chart each, with the drawn bids (bids.csv) counted.
 */
final class StudySection implements ReportSection {
    private static final List<String> KPIS = List.of("congested_lines", "overflow_sum", "overflow_weighted_avg", "lfm_cost",
            "p2p_volume");

    @Override
    public String id() {
        return "study";
    }

    @Override
    public String title(ReportContext c) {
        return "Study of scenarios (flows and overflow in MW, LFM cost in " + c.currency() + ", P2P volume in MW)";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(StudyFiles.KPIS);
    }

    @Override
    public void render(ReportContext c, Html out) {
        ResultTable k = c.table(StudyFiles.KPIS).orElseThrow();
        kpiTable(k, c.summary().path("study").path("scenarios"), out);
        c.table(StudyFiles.BIDS).ifPresent(b -> bids(b, out));
        c.table(StudyFiles.OCCUPANCY).ifPresent(o -> occupancy(o, out));
    }

    private static void kpiTable(ResultTable k, JsonNode scenarios, Html out) {
        out.element("h3", "KPIs per scenario, before the LFM (kpis.csv; seed 003 Table 8)").raw("\n");
        out.open("table").headerRow("scenario", "congested lines", "overflow sum (MW)", "overflow weighted average (MW)",
                "LFM cost", "P2P volume (MW)", "LFM status", "congested after the LFM");
        for (List<String> r : k.rows()) {
            boolean infeasible = k.text(r, "lfm_cost").equals("infeasible");
            out.open("tr", "class", infeasible ? "bad" : "").cell(k.text(r, "scenario"));
            for (String col : KPIS) {
                k.cell(out, r, col, "scenario");
            }
            int i = index(scenarios, k.text(r, "scenario"));
            String base = "study.scenarios." + i + ".";
            JsonNode s = scenarios.path(i);
            out.element("td", SharingSection.text(s.path("lfm_status")), "data-kpi", base + "lfm_status")
                    .number(SharingSection.text(s.path("congested_after_lfm")), base + "congested_after_lfm").close("tr");
        }
        out.close("table");
        out.note("Congested lines, overflow sum and its capacity-weighted average describe the grid after the P2P"
                + " market and before the LFM. An infeasible LFM cannot remove the congestion with the bids it has:"
                + " no cost is shown, and the lines left congested are counted.");
    }

    private static int index(JsonNode scenarios, String name) {
        for (int i = 0; i < scenarios.size(); i++) {
            if (scenarios.get(i).path("scenario").asText().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void bids(ResultTable b, Html out) {
        long up = b.where(r -> b.text(r, "direction").equals("up")).size();
        long peers = b.where(r -> b.text(r, "peer").equals("true")).size();
        double mw = b.rows().stream().mapToDouble(r -> b.number(r, "quantity_mw")).sum();
        out.paragraph("Drawn flexibility bids (bids.csv): " + b.rows().size() + " (" + up + " up, " + (b.rows().size() - up)
                + " down), " + peers + " of them acting as P2P peers; " + ReportContext.format(mw) + " MW offered in all.");
    }

    /** One small bar chart per scenario: every branch's occupancy before and after the LFM, the 100 % rating line. */
    private static void occupancy(ResultTable o, Html out) {
        out.element("h3", "Line occupancy per scenario, before and after the LFM (occupancy.csv; seed 003 Figures 20-25)")
                .raw("\n");
        out.note("Occupancy = |flow| / rating per branch, in the case's branch order; 1 (the dashed line) is the rating."
                + " Before: with the scenario's P2P trades (none in s0), before the LFM; after: once the LFM's accepted bids"
                + " are applied (with an infeasible LFM, its least-overflow dispatch).");
        for (String sc : o.distinct("scenario")) {
            List<List<String>> rows = o.where(r -> o.text(r, "scenario").equals(sc));
            List<String> branches = rows.stream().map(r -> o.text(r, "branch")).toList();
            double[] before = rows.stream().mapToDouble(r -> o.number(r, "before")).toArray();
            double[] after = rows.stream().mapToDouble(r -> o.number(r, "after")).toArray();
            out.open("div", "class", "small-multiple", "data-scenario", sc);
            out.raw(SvgChart.bars(sc + ": occupancy per branch (1 = at rating)", branches,
                    List.of(new SvgChart.Series("before the LFM", before), new SvgChart.Series("after the LFM", after)), 1, "rating"));
            List<List<String>> over = rows.stream().filter(r -> o.number(r, "after") > 1 || o.number(r, "before") > 1).toList();
            if (!over.isEmpty()) {
                out.open("table").headerRow("branch", "from bus", "to bus", "before", "after");
                for (List<String> r : over) {
                    out.open("tr", "class", o.number(r, "after") > 1 ? "bad" : "").cell(o.text(r, "branch"))
                            .cell(o.text(r, "from")).cell(o.text(r, "to"));
                    o.cell(out, r, "before", "scenario", "branch");
                    o.cell(out, r, "after", "scenario", "branch");
                    out.close("tr");
                }
                out.close("table");
            } else {
                out.note(sc + ": no branch above its rating.");
            }
            out.close("div");
        }
    }
}
