package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * Bills and savings per peer (docs/settlement.md): each actor's bill by transaction type (bills.csv)
 * and, with a tariff, each peer's stand-alone bill, market bill, savings and individual
 * rationality (savings.csv) with a bar chart of the savings. Every number is the files' text.
 */
final class BillsSection implements ReportSection {
    private static final List<String> NOT_TYPES = List.of("total", "rounding_residual");

    @Override
    public String id() {
        return "bills";
    }

    @Override
    public String title(ReportContext c) {
        return "Bills and savings per peer (money in " + c.currency() + ", energy in " + c.energy() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        // an infeasible market has no bills worth a section: nothing was traded
        return c.has(ResultsWriter.BILLS) && c.run().periods().stream().anyMatch(ClearingResult::hasResult);
    }

    @Override
    public void render(ReportContext c, Html out) {
        c.table(ResultsWriter.SAVINGS).ifPresent(t -> savings(t, out, c));
        bills(c.table(ResultsWriter.BILLS).orElseThrow(), out);
    }

    private static void savings(ResultTable t, Html out, ReportContext c) {
        out.element("h3", "Savings against the stand-alone tariff (savings.csv)").raw("\n");
        List<String> peers = t.distinct("peer");
        double[] saved = t.rows().stream().mapToDouble(r -> t.number(r, "savings")).toArray();
        if (peers.size() <= 60) {
            out.raw(SvgChart.bars("savings (" + c.currency() + ", > 0 the market is cheaper)", peers,
                    List.of(new SvgChart.Series("savings", saved))));
        }
        out.open("table").headerRow("peer", "stand-alone bill", "market bill", "stand-alone cost", "market cost",
                "savings", "individually rational");
        for (List<String> r : t.rows()) {
            boolean rational = t.text(r, "individually_rational").equals("true");
            out.open("tr", "class", rational ? "" : "bad").cell(t.text(r, "peer"));
            for (String col : List.of("standalone_bill", "market_bill", "standalone_cost", "market_cost", "savings")) {
                t.cell(out, r, col, "peer");
            }
            out.element("td", t.text(r, "individually_rational"), "data-kpi", t.key("individually_rational", r, "peer"));
            out.close("tr");
        }
        out.close("table");
        out.note("Bills are what each peer pays (negative: receives) over the horizon; costs add its own production"
                + " and consumption costs. Savings = stand-alone cost - market cost; individually rational when the"
                + " savings are not negative (docs/settlement.md).");
    }

    /** Per actor: the net of each transaction type (received - paid), and the total. */
    private static void bills(ResultTable t, Html out) {
        List<List<String>> rows = t.where(r -> !t.text(r, "kind").equals("system"));
        List<String> types = new ArrayList<>();
        rows.stream().map(r -> t.text(r, "item")).filter(i -> !NOT_TYPES.contains(i)).distinct().forEach(types::add);
        out.element("h3", "Bills by transaction type (bills.csv: net = received - paid)").raw("\n");
        List<String> head = new ArrayList<>(List.of("actor", "kind"));
        types.forEach(ty -> head.add(ty.replace('_', ' ')));
        head.addAll(List.of("paid", "received", "net"));
        out.open("table").headerRow(head.toArray(String[]::new));
        List<String> actors = new ArrayList<>();
        rows.stream().map(r -> t.text(r, "actor") + "\n" + t.text(r, "kind")).distinct().forEach(actors::add);
        for (String a : actors) {
            String[] ak = a.split("\n", 2);
            List<List<String>> mine = rows.stream().filter(r -> t.text(r, "actor").equals(ak[0]) && t.text(r, "kind").equals(ak[1])).toList();
            out.open("tr").cell(ak[0]).cell(ak[1]);
            for (String ty : types) {
                mine.stream().filter(r -> t.text(r, "item").equals(ty)).findFirst()
                        .ifPresentOrElse(r -> t.cell(out, r, "net", "actor", "kind", "item"), () -> out.number("", ""));
            }
            List<String> total = mine.stream().filter(r -> t.text(r, "item").equals("total")).findFirst().orElseThrow();
            for (String col : List.of("paid", "received", "net")) {
                t.cell(out, total, col, "actor", "kind", "item");
            }
            out.close("tr");
        }
        out.close("table");
        t.where(r -> t.text(r, "kind").equals("system") && t.text(r, "item").equals("total")).forEach(r -> {
            out.open("p", "class", "note").text("Sum of all bills (money only moves between actors): ");
            out.element("span", t.text(r, "net"), "data-kpi", t.key("net", r, "actor", "kind", "item"));
            out.text(" " + "(bills.csv, row (all)).").close("p");
        });
    }
}
