package org.peermarket.study.report;

import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.study.files.Html;

/** Price range and traded volume per period: two charts and the table (summary.json's by_period). */
final class PeriodsSection implements ReportSection {
    @Override
    public String id() {
        return "periods";
    }

    @Override
    public String title(ReportContext c) {
        return "Prices and volumes per period (prices in " + c.price() + ", volumes in " + c.energy() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.run().periods().stream().anyMatch(ClearingResult::hasResult);
    }

    @Override
    public void render(ReportContext c, Html out) {
        List<ClearingResult> periods = c.run().periods();
        int n = periods.size();
        double[] x = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        double[] volume = new double[n];
        for (int t = 0; t < n; t++) {
            ClearingResult r = periods.get(t);
            x[t] = t + 1;
            low[t] = r.hasResult() ? c.priceValue(r.minPrice()) : Double.NaN;
            high[t] = r.hasResult() ? c.priceValue(r.maxPrice()) : Double.NaN;
            volume[t] = r.hasResult() ? c.quantity(r.tradedVolume()) : Double.NaN;
        }
        boolean longRun = LongHorizon.applies(n);
        if (longRun) {
            out.raw(SvgChart.lines("day", "price, daily lowest and highest (" + c.price() + ")", LongHorizon.dayAxis(n),
                    List.of(new SvgChart.Series("lowest price mu", LongHorizon.daily(low, LongHorizon.Fold.MIN)),
                            new SvgChart.Series("highest price mu", LongHorizon.daily(high, LongHorizon.Fold.MAX))), false));
            out.raw(SvgChart.lines("day", "traded volume per day (" + c.energy() + ")", LongHorizon.dayAxis(n),
                    List.of(new SvgChart.Series("traded volume", LongHorizon.daily(volume, LongHorizon.Fold.SUM))), false));
        } else {
            out.raw(SvgChart.lines("period", "price (" + c.price() + ")", x,
                    List.of(new SvgChart.Series("lowest price mu", low), new SvgChart.Series("highest price mu", high)), false));
            out.raw(SvgChart.bars("traded volume (" + c.energy() + ")", labels(n),
                    List.of(new SvgChart.Series("traded volume", volume))));
        }
        out.open("table").headerRow("period", "status", "traded volume (" + c.energy() + ")", "lowest price (" + c.price() + ")",
                "highest price (" + c.price() + ")", "objective (" + c.currency() + ")", "trades");
        int rows = longRun ? StorageSection.MAX_ROWS : n;
        for (int t = 0; t < rows; t++) {
            ClearingResult r = periods.get(t);
            String key = "by_period." + (t + 1) + ".";
            out.open("tr", "class", r.hasResult() ? "" : "bad").cell(Integer.toString(t + 1)).cell(r.status().label());
            if (r.hasResult()) {
                out.number(ReportContext.format(volume[t]), key + "traded_volume")
                        .number(ReportContext.format(low[t]), key + "price_min")
                        .number(ReportContext.format(high[t]), key + "price_max")
                        .number(ReportContext.format(r.objective()), key + "objective")
                        .number(Integer.toString(r.trades().size()), key + "trades");
            } else {
                out.open("td", "colspan", "5").text(r.cause()).close("td");
            }
            out.close("tr");
        }
        out.close("table");
        if (rows < n) {
            out.note("The table shows the first " + rows + " periods; summary.json's by_period has all " + n + ".");
        }
    }

    static List<String> labels(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList();
    }
}
