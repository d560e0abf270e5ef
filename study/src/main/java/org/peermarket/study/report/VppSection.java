package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/** The aggregator's decision per period when the community acts as a VPP (docs/vpp.md, vpp.csv). */
final class VppSection implements ReportSection {
    private static final List<String> COLUMNS = List.of("balancing_price", "sold", "storage_change", "net_import_before",
            "net_import_after", "revenue", "supplier_change", "gain");

    @Override
    public String id() {
        return "vpp";
    }

    @Override
    public String title(ReportContext c) {
        return "Virtual power plant (energy in " + c.energy() + ", money in " + c.currency() + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(ResultsWriter.VPP) || c.has(ResultsWriter.BALANCING);
    }

    @Override
    public void render(ReportContext c, Html out) {
        if (c.has(ResultsWriter.BALANCING)) {
            renderBalancing(c, out);
            return;
        }
        ResultTable t = c.table(ResultsWriter.VPP).orElseThrow();
        JsonNode v = c.summary().path("vpp");
        out.open("div", "class", "kpis");
        SharingSection.kpi(out, "community", SharingSection.text(v.path("community")), "vpp.community");
        SharingSection.kpi(out, "sold to balancing (" + c.energy() + ")", SharingSection.text(v.path("sold")), "vpp.sold");
        SharingSection.kpi(out, "revenue (" + c.currency() + ")", SharingSection.text(v.path("revenue")), "vpp.revenue");
        SharingSection.kpi(out, "gain (" + c.currency() + ")", SharingSection.text(v.path("gain")), "vpp.gain");
        SharingSection.kpi(out, "paid out by", SharingSection.text(v.path("paid_out_by")), "vpp.paid_out_by");
        out.close("div");
        List<String> periods = t.distinct("period");
        out.raw(SvgChart.bars("energy per period (" + c.energy() + ")", periods, List.of(
                new SvgChart.Series("sold", t.rows().stream().mapToDouble(r -> t.number(r, "sold")).toArray()),
                new SvgChart.Series("storage change", t.rows().stream().mapToDouble(r -> t.number(r, "storage_change")).toArray()))));
        out.open("table").headerRow("period", "balancing price", "sold", "storage change", "net import before",
                "net import after", "revenue", "supplier change", "gain");
        for (List<String> r : t.rows()) {
            out.open("tr").cell(t.text(r, "period"));
            for (String col : COLUMNS) {
                t.cell(out, r, col, "period");
            }
            out.close("tr");
        }
        out.close("table");
    }

    /** Balancing bids: the totals of summary.json's vpp, then balancing.csv's rows that offered or activated. */
    private static void renderBalancing(ReportContext c, Html out) {
        ResultTable t = c.table(ResultsWriter.BALANCING).orElseThrow();
        JsonNode v = c.summary().path("vpp");
        out.open("div", "class", "kpis");
        SharingSection.kpi(out, "activation", SharingSection.text(v.path("source")), "vpp.source");
        SharingSection.kpi(out, "activated up (" + c.energy() + ")", SharingSection.text(v.path("activated_up")), "vpp.activated_up");
        SharingSection.kpi(out, "activated down (" + c.energy() + ")", SharingSection.text(v.path("activated_down")),
                "vpp.activated_down");
        SharingSection.kpi(out, "shortfall (" + c.energy() + ")", SharingSection.text(v.path("shortfall")), "vpp.shortfall");
        SharingSection.kpi(out, "gain (" + c.currency() + ")", SharingSection.text(v.path("gain")), "vpp.gain");
        SharingSection.kpi(out, "paid out by", SharingSection.text(v.path("paid_out_by")), "vpp.paid_out_by");
        out.close("div");
        out.open("table").headerRow("period", "community", "direction", "bid steps (quantity@price)", "activated",
                "delivered", "price", "payment", "penalty");
        for (List<String> r : t.rows()) {
            if (t.text(r, "steps").isEmpty() && t.number(r, "activated") == 0) {
                continue;
            }
            out.open("tr").cell(t.text(r, "period")).cell(t.text(r, "community")).cell(t.text(r, "direction"))
                    .cell(t.text(r, "steps"));
            for (String col : List.of("activated", "delivered", "price", "payment", "penalty")) {
                t.cell(out, r, col, "period", "community", "direction");
            }
            out.close("tr");
        }
        out.close("table");
    }
}
