package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * Community markets (docs/community-market.md, docs/hybrid-market.md): each community's pool
 * price, import and export per period (communities.csv; levels.csv for a hybrid tree) and its
 * manager's books over the horizon from summary.json, balanced or not.
 */
final class CommunitiesSection implements ReportSection {
    static final int MAX_ROWS = 200;

    @Override
    public String id() {
        return "communities";
    }

    @Override
    public String title(ReportContext c) {
        return "Communities (prices in " + c.price() + ", energy in " + c.energy() + ", money in " + c.currency() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(ResultsWriter.COMMUNITIES);
    }

    /** Over a long horizon: each pool price as a daily envelope, import - export summed per day. */
    private static void longCharts(ReportContext c, Html out, List<SvgChart.Series> prices, List<SvgChart.Series> net, int n) {
        List<SvgChart.Series> env = new ArrayList<>();
        prices.forEach(p -> env.addAll(LongHorizon.envelope(p.name(), p.values())));
        out.raw(SvgChart.lines("day", "pool price, daily lowest and highest (" + c.price() + ")", LongHorizon.dayAxis(n), env, false));
        List<SvgChart.Series> daily = net.stream().map(p -> new SvgChart.Series(p.name(),
                LongHorizon.daily(p.values(), LongHorizon.Fold.SUM))).toList();
        out.raw(SvgChart.lines("day", "import - export per day (" + c.energy() + ", > 0 imports)", LongHorizon.dayAxis(n), daily, false));
    }

    @Override
    public void render(ReportContext c, Html out) {
        boolean hybrid = c.has(ResultsWriter.LEVELS);
        ResultTable t = c.table(hybrid ? ResultsWriter.LEVELS : ResultsWriter.COMMUNITIES).orElseThrow();
        List<String> names = t.distinct("community");
        List<String> periods = t.distinct("period");
        double[] x = periods.stream().mapToDouble(Double::parseDouble).toArray();
        List<SvgChart.Series> prices = new ArrayList<>();
        List<SvgChart.Series> net = new ArrayList<>();
        for (String n : names) {
            prices.add(new SvgChart.Series(n, column(t, n, "price")));
            double[] imp = column(t, n, "import");
            double[] exp = column(t, n, "export");
            for (int i = 0; i < imp.length; i++) {
                imp[i] -= exp[i];
            }
            net.add(new SvgChart.Series(n, imp));
        }
        if (LongHorizon.applies(periods.size())) {
            longCharts(c, out, prices, net, periods.size());
        } else {
            out.raw(SvgChart.lines("period", "pool price (" + c.price() + ")", x, prices, false));
            out.raw(SvgChart.bars("import - export per period (" + c.energy() + ", > 0 imports)", periods, net));
        }
        books(c, out);
        out.element("h3", "Per period (" + t.file() + ")").raw("\n");
        List<String> head = new ArrayList<>(List.of("period"));
        head.addAll(hybrid ? List.of("level", "community", "parent", "price", "parent's price", "import", "export", "net")
                : List.of("community", "price", "import", "export"));
        out.open("table").headerRow(head.toArray(String[]::new));
        List<List<String>> rows = t.rows().size() <= MAX_ROWS ? t.rows() : t.rows().subList(0, MAX_ROWS);
        for (List<String> r : rows) {
            out.open("tr").cell(t.text(r, "period"));
            if (hybrid) {
                out.cell(t.text(r, "level")).cell(t.text(r, "community")).cell(t.text(r, "parent"));
                for (String col : List.of("price", "parent_price", "import", "export", "net")) {
                    t.cell(out, r, col, "period", "community");
                }
            } else {
                out.cell(t.text(r, "community"));
                for (String col : List.of("price", "import", "export")) {
                    t.cell(out, r, col, "period", "community");
                }
            }
            out.close("tr");
        }
        out.close("table");
        if (rows.size() < t.rows().size()) {
            out.note("The table shows the first " + MAX_ROWS + " rows; " + t.file() + " has them all.");
        }
    }

    /** The managers' books over the horizon (summary.json communities). */
    private static void books(ReportContext c, Html out) {
        JsonNode books = c.summary().path("communities");
        if (!books.isObject()) {
            return;
        }
        out.element("h3", "Managers' books over the horizon (" + c.currency() + ", energy in " + c.energy() + ")").raw("\n");
        out.open("table").headerRow("community", "level", "parent", "members paid", "fees", "paid outside", "rent",
                "import", "export", "balanced");
        for (Iterator<Map.Entry<String, JsonNode>> it = books.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = e.getValue();
            String key = "communities." + e.getKey() + ".";
            boolean balanced = b.path("balanced").asBoolean();
            out.open("tr", "class", balanced ? "" : "bad").cell(e.getKey()).cell(b.path("level").asText())
                    .cell(b.path("parent").asText());
            for (String k : List.of("member_payments", "fees", "outside_payments", "rent", "import", "export")) {
                out.number(SharingSection.text(b.path(k)), key + k);
            }
            out.element("td", b.path("balanced").asText(), "data-kpi", key + "balanced");
            out.close("tr");
        }
        out.close("table");
        out.note("Balanced: what the members paid equals the fees, the payments to the outside and the rent, to half a"
                + " cent per period (docs/community-market.md).");
    }

    private static double[] column(ResultTable t, String community, String col) {
        return t.where(r -> t.text(r, "community").equals(community)).stream().mapToDouble(r -> t.number(r, col)).toArray();
    }
}
