package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;
import org.peermarket.study.pipeline.ServiceStage;

/** The DSO's explicit flexibility service (docs/dso-policies.md, service.csv): who provides what. */
final class ServiceReportSection implements ReportSection {
    private static final List<String> COLUMNS = List.of("capacity", "obligation", "provided", "price");

    @Override
    public String id() {
        return "service";
    }

    @Override
    public String title(ReportContext c) {
        return "Explicit flexibility service (capacity in " + c.energy() + ", money in " + c.currency()
                + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(ServiceStage.FILE);
    }

    @Override
    public void render(ReportContext c, Html out) {
        ResultTable t = c.table(ServiceStage.FILE).orElseThrow();
        JsonNode s = c.summary().path("service");
        out.open("div", "class", "kpis");
        SharingSection.kpi(out, "status", SharingSection.text(s.path("status")), "service.status");
        SharingSection.kpi(out, "direction", SharingSection.text(s.path("direction")), "service.direction");
        SharingSection.kpi(out, "volume (" + c.energy() + ")", SharingSection.text(s.path("volume")), "service.volume");
        SharingSection.kpi(out, "least cost (" + c.currency() + ")", SharingSection.text(s.path("cost")), "service.cost");
        SharingSection.kpi(out, "DSO pays (" + c.currency() + ")", SharingSection.text(s.path("payment")), "service.payment");
        SharingSection.kpi(out, "missing (" + c.energy() + ")", SharingSection.text(s.path("missing")), "service.missing");
        out.close("div");
        out.element("p", "Each peer's obligation is its pro-rata share of the volume; capacity trades move it to "
                + "cheaper peers, so what a peer provides can differ from what it owed.", "class", "note");
        out.open("table").headerRow("period", "peer", "status", "capacity", "obligation", "provided", "price");
        for (List<String> r : t.rows()) {
            out.open("tr").cell(t.text(r, "period")).cell(t.text(r, "peer")).cell(t.text(r, "status"));
            for (String col : COLUMNS) {
                t.cell(out, r, col, "period", "peer");
            }
            out.close("tr");
        }
        out.close("table");
    }
}
