package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * After the market (docs/flexibility-market.md, docs/dso-policies.md): a sequential P2P then LFM
 * run's result per period (summary.json) and its accepted bids (lfm.csv); with the constrained
 * policy, each peer's congestion component and nodal price (congestion.csv).
 */
final class FlexibilitySection implements ReportSection {
    static final int MAX_ROWS = 200;

    @Override
    public String id() {
        return "flexibility";
    }

    @Override
    public String title(ReportContext c) {
        return "Flexibility and congestion (bids in MW, LFM cost in " + c.currency() + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(StudyFiles.LFM) || c.has(StudyFiles.CONGESTION);
    }

    @Override
    public void render(ReportContext c, Html out) {
        c.table(StudyFiles.LFM).ifPresent(t -> lfm(t, c.summary().path("study").path("lfm"), c, out));
        c.table(StudyFiles.CONGESTION).ifPresent(t -> congestion(t, c, out));
    }

    private static void lfm(ResultTable t, JsonNode periods, ReportContext c, Html out) {
        out.element("h3", "Local flexibility market after the P2P market, per period").raw("\n");
        out.open("table").headerRow("period", "status", "cost (" + c.currency() + ")", "least overflow (MW)",
                "congested lines before", "congested lines after");
        for (int i = 0; i < periods.size(); i++) {
            JsonNode p = periods.get(i);
            String key = "study.lfm." + i + ".";
            boolean ok = p.path("status").asText().equals("optimal");
            out.open("tr", "class", ok ? "" : "bad").cell(p.path("period").asText())
                    .element("td", SharingSection.text(p.path("status")), "data-kpi", key + "status")
                    .number(SharingSection.text(p.path("cost")), key + "cost")
                    .number(SharingSection.text(p.path("least_overflow_mw")), ok ? "" : key + "least_overflow_mw")
                    .number(SharingSection.text(p.path("congested_before")), key + "congested_before")
                    .number(SharingSection.text(p.path("congested_after")), key + "congested_after").close("tr");
        }
        out.close("table");
        List<List<String>> accepted = t.where(r -> t.number(r, "accepted_mw") > 0);
        out.element("h3", "Accepted bids (lfm.csv rows with accepted_mw > 0; " + accepted.size() + " of " + t.rows().size()
                + " bids)").raw("\n");
        if (accepted.isEmpty()) {
            out.note("No bid was accepted.");
            return;
        }
        List<String> names = new ArrayList<>();
        accepted.forEach(r -> names.add(t.text(r, "period") + ":" + t.text(r, "id")));
        if (accepted.size() <= 60) {
            out.raw(SvgChart.bars("accepted flexibility (MW, up > 0, down < 0)", names, List.of(new SvgChart.Series("accepted",
                    accepted.stream().mapToDouble(r -> (t.text(r, "direction").equals("down") ? -1 : 1) * t.number(r, "accepted_mw"))
                            .toArray()))));
        }
        out.open("table").headerRow("period", "bid", "bus", "direction", "offered (MW)", "accepted (MW)", "price ("
                + c.currency() + "/MWh)");
        for (List<String> r : accepted.size() <= MAX_ROWS ? accepted : accepted.subList(0, MAX_ROWS)) {
            out.open("tr").cell(t.text(r, "period")).cell(t.text(r, "id")).cell(t.text(r, "bus")).cell(t.text(r, "direction"));
            for (String col : List.of("offered_mw", "accepted_mw", "price")) {
                t.cell(out, r, col, "period", "id");
            }
            out.close("tr");
        }
        out.close("table");
    }

    private static void congestion(ResultTable t, ReportContext c, Html out) {
        out.element("h3", "Congestion components per peer (congestion.csv; nodal price = mu + congestion)").raw("\n");
        List<String> periods = t.distinct("period");
        if (periods.size() == 1 && t.rows().size() <= 60) {
            List<String> peers = t.distinct("peer");
            out.raw(SvgChart.bars("price per peer (" + c.price() + ")", peers, List.of(
                    new SvgChart.Series("energy price mu", t.rows().stream().mapToDouble(r -> t.number(r, "mu")).toArray()),
                    new SvgChart.Series("nodal price", t.rows().stream().mapToDouble(r -> t.number(r, "nodal_price")).toArray()))));
        }
        out.open("table").headerRow("period", "peer", "mu", "congestion", "nodal price");
        List<List<String>> rows = t.rows().size() <= MAX_ROWS ? t.rows() : t.rows().subList(0, MAX_ROWS);
        for (List<String> r : rows) {
            out.open("tr").cell(t.text(r, "period")).cell(t.text(r, "peer"));
            for (String col : List.of("mu", "congestion", "nodal_price")) {
                t.cell(out, r, col, "period", "peer");
            }
            out.close("tr");
        }
        out.close("table");
        if (rows.size() < t.rows().size()) {
            out.note("The table shows the first " + MAX_ROWS + " rows; congestion.csv has them all.");
        }
    }
}
