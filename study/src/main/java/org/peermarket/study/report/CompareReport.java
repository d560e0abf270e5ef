package org.peermarket.study.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.Staging;

/**
 * {@code peermarket compare}: runs (or a study's scenarios) side by side, one column each: the
 * KPIs of seed 003 Table 8 (congested lines, overflow sum, overflow weighted average, LFM cost,
 * P2P volume) plus welfare and prices, and a bar chart per KPI (docs/reports.md).
 */
public final class CompareReport {
    /** What a KPI is measured in; the heading names the unit. */
    enum Unit { TEXT, COUNT, MW, ENERGY, CURRENCY, PRICE }

    /** One table row: key in {@link CompareColumn}, heading, unit, drawn as a chart. */
    record Row(String key, String label, Unit unit, boolean chart) {}

    static final List<Row> ROWS = List.of(
            new Row("status", "status", Unit.TEXT, false),
            new Row("mechanism", "market", Unit.TEXT, false),
            new Row("congested_lines", "congested lines (line-periods)", Unit.COUNT, true),
            new Row("overflow_sum", "overflow sum", Unit.MW, true),
            new Row("overflow_weighted_avg", "overflow weighted average", Unit.MW, true),
            new Row("lfm_cost", "LFM cost", Unit.CURRENCY, true),
            new Row("lfm_status", "LFM status", Unit.TEXT, false),
            new Row("congested_after_lfm", "congested lines after the LFM", Unit.COUNT, false),
            new Row("least_overflow", "least overflow an infeasible LFM reaches", Unit.MW, false),
            new Row("p2p_volume", "P2P traded volume", Unit.ENERGY, true),
            new Row("welfare", "welfare", Unit.CURRENCY, true),
            new Row("objective", "objective (cost)", Unit.CURRENCY, false),
            new Row("average_price", "average trade price", Unit.PRICE, true),
            new Row("price_min", "lowest price", Unit.PRICE, false),
            new Row("price_max", "highest price", Unit.PRICE, false),
            new Row("voltage_violations", "voltage violations (bus-periods)", Unit.COUNT, false),
            new Row("peers", "peers", Unit.COUNT, false),
            new Row("periods", "periods", Unit.COUNT, false));

    private CompareReport() {}

    /** Reads the folders and writes the report to {@code out} (through a temporary file); returns the columns. */
    public static List<CompareColumn> write(List<Path> dirs, Path out) {
        List<CompareColumn> columns = RunDirectories.read(dirs);
        Staging.writeFile(out, html(columns));
        return columns;
    }

    public static String html(List<CompareColumn> columns) {
        List<String> labels = labels(columns);
        List<ReportPage.Part> parts = new ArrayList<>();
        parts.add(new ReportPage.Part("kpis", "KPIs side by side (units per row)", table(columns, labels)));
        String charts = charts(columns, labels);
        if (!charts.isEmpty()) {
            parts.add(new ReportPage.Part("charts", "KPI charts (units on each axis)", charts));
        }
        parts.add(new ReportPage.Part("sources", "Sources", sources(columns, labels)));
        return ReportPage.render("Comparison, " + columns.size() + (columns.size() == 1 ? " column" : " columns"),
                String.join(" · ", labels), parts);
    }

    private static String table(List<CompareColumn> columns, List<String> labels) {
        Html h = new Html();
        h.open("table").open("tr").element("th", "KPI").element("th", "unit");
        labels.forEach(l -> h.element("th", l));
        h.close("tr");
        for (Row row : ROWS) {
            if (columns.stream().allMatch(c -> c.shown(row.key()).equals("—"))) {
                continue;
            }
            h.open("tr").cell(row.label()).cell(unit(row.unit(), columns));
            for (int i = 0; i < columns.size(); i++) {
                String shown = columns.get(i).shown(row.key());
                h.element("td", shown, "class", row.unit() == Unit.TEXT ? "" : "num", "data-kpi", row.key(),
                        "data-column", Integer.toString(i));
            }
            h.close("tr");
        }
        h.close("table");
        h.note("Numbers as in each source (summary.json, kpis.csv); a dash where the source has none. Congested lines,"
                + " overflow and voltage violations are summed over periods (seed 003 Table 7).");
        return h.toString();
    }

    private static String charts(List<CompareColumn> columns, List<String> labels) {
        Html h = new Html();
        for (Row row : ROWS) {
            if (!row.chart() || columns.stream().noneMatch(c -> c.number(row.key()).isPresent())) {
                continue;
            }
            double[] values = columns.stream().mapToDouble(c -> c.number(row.key()).orElse(Double.NaN)).toArray();
            h.raw(SvgChart.bars(row.label() + " (" + unit(row.unit(), columns) + ")", labels,
                    List.of(new SvgChart.Series(row.label(), values))));
        }
        return h.toString();
    }

    private static String sources(List<CompareColumn> columns, List<String> labels) {
        Html h = new Html();
        h.open("table").headerRow("column", "read from", "energy", "currency", "price");
        for (int i = 0; i < columns.size(); i++) {
            CompareColumn c = columns.get(i);
            h.open("tr").cell(labels.get(i)).cell(c.source()).cell(orDash(c.energy())).cell(orDash(c.currency()))
                    .cell(orDash(c.price())).close("tr");
        }
        return h.close("table").toString();
    }

    /** The unit of a row: the columns' common one, or each column's when they differ. */
    static String unit(Unit unit, List<CompareColumn> columns) {
        Function<CompareColumn, String> of = switch (unit) {
            case TEXT -> c -> "";
            case COUNT -> c -> "count";
            case MW -> c -> "MW";
            case ENERGY -> CompareColumn::energy;
            case CURRENCY -> CompareColumn::currency;
            case PRICE -> CompareColumn::price;
        };
        Set<String> known = new LinkedHashSet<>();
        columns.stream().map(of).filter(u -> !u.isEmpty()).forEach(known::add);
        if (unit == Unit.TEXT) {
            return "";
        }
        if (known.isEmpty()) {
            return "the study's unit";
        }
        return known.size() == 1 ? known.iterator().next() : "per column: " + String.join(", ", known);
    }

    /** Column headings: the run's name, with its folder when two columns share a name. */
    static List<String> labels(List<CompareColumn> columns) {
        List<String> out = new ArrayList<>();
        for (CompareColumn c : columns) {
            long same = columns.stream().filter(d -> d.label().equals(c.label())).count();
            out.add(same > 1 ? c.label() + " (" + c.source() + ")" : c.label());
        }
        return out;
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "—" : s;
    }
}
