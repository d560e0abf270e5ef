package org.peermarket.study.report;

import org.peermarket.study.pipeline.MeteringStage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * Settlement after delivery (docs/metering.md): baselines against what was metered, the activations' delivery
 * and shortfalls, and the imbalance and losses bills, each table straight from its CSV file.
 */
final class MeteringSection implements ReportSection {
    @Override
    public String id() {
        return "metering";
    }

    @Override
    public String title(ReportContext c) {
        return "Metering: baselines, delivery, imbalance and losses (energy in " + c.energy() + ", money in " + c.currency()
                + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(MeteringStage.IMBALANCE) || c.has(MeteringStage.LOSSES) || c.has(MeteringStage.BASELINES)
                || c.has(MeteringStage.DELIVERY);
    }

    @Override
    public void render(ReportContext c, Html out) {
        kpis(c, out);
        if (c.has(MeteringStage.BASELINES)) {
            out.element("h3", "Baselines against metered net injection");
            table(c, out, MeteringStage.BASELINES, List.of("peer", "period", "rule"), List.of("baseline", "metered"),
                    List.of("days"), "peer", "period", "rule", "baseline", "metered", "similar days used");
        }
        if (c.has(MeteringStage.DELIVERY)) {
            out.element("h3", "Delivered flexibility");
            delivery(c, out);
        }
        if (c.has(MeteringStage.IMBALANCE)) {
            out.element("h3", "Imbalance bill (with the balance-responsible party)");
            table(c, out, MeteringStage.IMBALANCE, List.of("period", "peer", "community"),
                    List.of("traded", "metered", "imbalance", "price", "amount"), List.of(),
                    "period", "peer", "community", "traded", "metered", "imbalance", "price", "amount");
        }
        if (c.has(MeteringStage.LOSSES)) {
            out.element("h3", "Losses bill (each trade's buyer pays the DSO)");
            table(c, out, MeteringStage.LOSSES, List.of("period", "seller", "buyer"),
                    List.of("quantity", "distance", "losses", "price", "amount"), List.of(),
                    "period", "seller", "buyer", "quantity", "distance", "losses", "price", "amount");
        }
        out.note("Net injection (> 0 produces). Imbalance = metered - traded; amount > 0 is paid to the peer. Delivered ="
                + " metered - baseline for up, baseline - metered for down; shortfall = max(0, activated - delivered)"
                + " (docs/metering.md).");
    }

    private static void kpis(ReportContext c, Html out) {
        JsonNode m = c.summary().path("metering");
        if (m.isMissingNode()) {
            return;
        }
        out.open("div", "class", "kpis");
        for (String[] k : new String[][] {{"pricing", "pricing"}, {"allocation", "allocation"},
                {"imbalance_long", "long imbalance (" + c.energy() + ")"}, {"imbalance_short", "short imbalance (" + c.energy() + ")"},
                {"losses", "losses (" + c.energy() + ")"}, {"loss_cost", "losses cost (" + c.currency() + ")"},
                {"activations", "activations"}, {"shortfall", "shortfall (" + c.energy() + ")"}}) {
            if (m.has(k[0])) {
                SharingSection.kpi(out, k[1], SharingSection.text(m.get(k[0])), "metering." + k[0]);
            }
        }
        out.close("div");
    }

    /** delivery.csv with a red row for each activation delivered short. */
    private static void delivery(ReportContext c, Html out) {
        ResultTable t = c.table(MeteringStage.DELIVERY).orElseThrow();
        out.open("table").headerRow("period", "peer", "source", "direction", "activated", "baseline", "metered", "delivered",
                "shortfall", "status");
        for (List<String> r : t.rows()) {
            out.open("tr", "class", t.text(r, "status").equals("short") ? "bad" : "").cell(t.text(r, "period"))
                    .cell(t.text(r, "peer")).cell(t.text(r, "source")).cell(t.text(r, "direction"));
            for (String col : List.of("activated", "baseline", "metered", "delivered", "shortfall")) {
                t.cell(out, r, col, "period", "peer", "source");
            }
            out.cell(t.text(r, "status")).close("tr");
        }
        out.close("table");
    }

    private static void table(ReportContext c, Html out, String file, List<String> keys, List<String> numbers,
                              List<String> texts, String... headers) {
        ResultTable t = c.table(file).orElseThrow();
        out.open("table").headerRow(headers);
        String[] keyColumns = keys.toArray(String[]::new);
        for (List<String> r : t.rows()) {
            out.open("tr");
            keys.forEach(k -> out.cell(t.text(r, k)));
            numbers.forEach(col -> t.cell(out, r, col, keyColumns));
            texts.forEach(col -> out.cell(t.text(r, col)));
            out.close("tr");
        }
        out.close("table");
    }
}
