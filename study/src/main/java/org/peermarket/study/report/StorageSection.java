package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * State of charge over the horizon per storage, and its charge and discharge per period
 * (docs/storage.md, storage.csv).
 */
final class StorageSection implements ReportSection {
    /** Above this many periods the table would be too long to read; the charts show them all. */
    static final int MAX_ROWS = 96;

    @Override
    public String id() {
        return "storage";
    }

    @Override
    public String title(ReportContext c) {
        return "Storage: state of charge, charge and discharge (" + c.energy() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(ResultsWriter.STORAGE);
    }

    @Override
    public void render(ReportContext c, Html out) {
        ResultTable t = c.table(ResultsWriter.STORAGE).orElseThrow();
        List<String> peers = t.distinct("peer");
        List<String> periods = t.distinct("period");
        double[] x = periods.stream().mapToDouble(Double::parseDouble).toArray();
        List<SvgChart.Series> soc = new ArrayList<>();
        for (String p : peers) {
            soc.add(new SvgChart.Series(p, column(t, p, "soc")));
        }
        if (LongHorizon.applies(periods.size())) {
            longCharts(c, out, t, peers, soc, periods.size());
        } else {
            perPeriodCharts(c, out, t, peers, periods, x, soc);
        }
        List<List<String>> rows = t.rows().size() <= MAX_ROWS * peers.size() ? t.rows()
                : t.rows().subList(0, MAX_ROWS * peers.size());
        out.open("table").headerRow("period", "storage (peer)", "charge", "discharge", "state of charge");
        for (List<String> r : rows) {
            out.open("tr").cell(t.text(r, "period")).cell(t.text(r, "peer"));
            for (String col : List.of("charge", "discharge", "soc")) {
                t.cell(out, r, col, "period", "peer");
            }
            out.close("tr");
        }
        out.close("table");
        if (rows.size() < t.rows().size()) {
            out.note("The table shows the first " + MAX_ROWS + " periods; storage.csv has them all.");
        }
        out.note("Charge and discharge are energy in and out of the storage over the period; the state of charge is"
                + " at its end (docs/storage.md).");
    }

    private static void perPeriodCharts(ReportContext c, Html out, ResultTable t, List<String> peers, List<String> periods,
                                        double[] x, List<SvgChart.Series> soc) {
        out.raw(SvgChart.lines("period", "state of charge at the end of the period (" + c.energy() + ")", x, soc, false));
        for (String p : peers) {
            double[] discharge = column(t, p, "discharge");
            for (int i = 0; i < discharge.length; i++) {
                discharge[i] = -discharge[i];
            }
            out.raw(SvgChart.bars(p + ": charge (> 0) and discharge (< 0) per period (" + c.energy() + ")", periods,
                    List.of(new SvgChart.Series("charge", column(t, p, "charge")), new SvgChart.Series("discharge", discharge))));
        }
    }

    /** Over a long horizon: each storage's daily highest SOC as a heat map, and daily energy through all of them. */
    private static void longCharts(ReportContext c, Html out, ResultTable t, List<String> peers, List<SvgChart.Series> soc,
                                   int n) {
        out.raw(LongHorizon.heatMap("state of charge, daily highest, per storage (" + c.energy() + ")", peers,
                soc.stream().map(s -> LongHorizon.daily(s.values(), LongHorizon.Fold.MAX)).toList()));
        double[] charged = new double[LongHorizon.days(n)];
        double[] discharged = new double[charged.length];
        for (String p : peers) {
            double[] ch = LongHorizon.daily(column(t, p, "charge"), LongHorizon.Fold.SUM);
            double[] dis = LongHorizon.daily(column(t, p, "discharge"), LongHorizon.Fold.SUM);
            for (int d = 0; d < charged.length; d++) {
                charged[d] += ch[d];
                discharged[d] -= dis[d];
            }
        }
        out.raw(SvgChart.lines("day", "all storage: charged (> 0) and discharged (< 0) per day (" + c.energy() + ")",
                LongHorizon.dayAxis(n), List.of(new SvgChart.Series("charge", charged),
                        new SvgChart.Series("discharge", discharged)), false));
    }

    /** One peer's column over the periods, in file order. */
    private static double[] column(ResultTable t, String peer, String col) {
        int p = t.column("peer");
        int c = t.column(col); // looked up once: a year's file has 175,200 rows
        return t.rows().stream().filter(r -> r.get(p).equals(peer)).mapToDouble(r -> ResultTable.number(r.get(c))).toArray();
    }
}
