package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * How the community's gain is shared (docs/profit-sharing.md): each rule's share per peer
 * (allocation.csv), its fairness (Jain index) and whether it lies in the core (summary.json).
 */
final class SharingSection implements ReportSection {
    @Override
    public String id() {
        return "sharing";
    }

    @Override
    public String title(ReportContext c) {
        return "Sharing the gain, per rule (money in " + c.currency() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(ResultsWriter.ALLOCATION);
    }

    @Override
    public void render(ReportContext c, Html out) {
        ResultTable t = c.table(ResultsWriter.ALLOCATION).orElseThrow();
        JsonNode sharing = c.summary().path("sharing");
        List<String> rules = t.distinct("rule");
        List<String> peers = t.distinct("peer");
        out.open("div", "class", "kpis");
        kpi(out, "gain to share (" + c.currency() + ")", text(sharing.path("gain")), "sharing.gain");
        kpi(out, "rule paid out", text(sharing.path("rule")), "sharing.rule");
        kpi(out, "Shapley value", text(sharing.path("shapley")), "sharing.shapley");
        out.close("div");
        List<SvgChart.Series> series = new ArrayList<>();
        for (String rule : rules) {
            series.add(new SvgChart.Series(rule, peers.stream().mapToDouble(p -> t.number(row(t, rule, p), "share")).toArray()));
        }
        if (peers.size() <= 40) {
            out.raw(SvgChart.bars("share of the gain (" + c.currency() + ")", peers, series));
        }
        out.element("h3", "Rules: fairness and core").raw("\n");
        out.open("table").headerRow("rule", "chosen", "Jain index (1 = equal)", "in the core", "core violation ("
                + c.currency() + ")", "individually rational");
        for (String rule : rules) {
            JsonNode r = sharing.path("rules").path(rule);
            String base = "sharing.rules." + rule + ".";
            out.open("tr").cell(rule).cell(t.text(row(t, rule, peers.get(0)), "chosen"))
                    .number(text(r.path("jain_index")), base + "jain_index")
                    .number(text(r.path("in_core")), base + "in_core")
                    .number(text(r.path("core_violation")), base + "core_violation")
                    .number(text(r.path("individually_rational")), base + "individually_rational").close("tr");
        }
        out.close("table");
        out.element("h3", "Share of the gain per peer and rule (allocation.csv)").raw("\n");
        table(out, t, rules, peers, "share", "stand-alone cost");
        out.element("h3", "Allocated cost per peer and rule (allocation.csv)").raw("\n");
        table(out, t, rules, peers, "allocated_cost", null);
        out.note("Allocated cost = stand-alone cost - share. A rule is in the core when no group of peers would do"
                + " better on its own; a dash where the core was not tested.");
    }

    /** Peers by rules, one column of allocation.csv; with {@code alone} the stand-alone cost first. */
    private static void table(Html out, ResultTable t, List<String> rules, List<String> peers, String col, String alone) {
        List<String> head = new ArrayList<>(List.of("peer"));
        if (alone != null) {
            head.add(alone);
        }
        head.addAll(rules);
        out.open("table").headerRow(head.toArray(String[]::new));
        for (String p : peers) {
            out.open("tr").cell(p);
            if (alone != null) {
                t.cell(out, row(t, rules.get(0), p), "standalone_cost", "rule", "peer");
            }
            for (String rule : rules) {
                t.cell(out, row(t, rule, p), col, "rule", "peer");
            }
            out.close("tr");
        }
        out.close("table");
    }

    private static List<String> row(ResultTable t, String rule, String peer) {
        return t.where(r -> t.text(r, "rule").equals(rule) && t.text(r, "peer").equals(peer)).get(0);
    }

    static String text(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "—";
        }
        return v.isNumber() ? ReportContext.formatSmall(v.asDouble()) : v.asText();
    }

    static void kpi(Html out, String label, String value, String key) {
        out.open("div", "class", "kpi").element("div", label, "class", "label")
                .element("div", value, "class", "value", "data-kpi", key).close("div");
    }
}
