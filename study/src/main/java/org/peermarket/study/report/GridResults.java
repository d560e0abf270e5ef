package org.peermarket.study.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.peermarket.grid.GridCheck;
import org.peermarket.grid.VoltageCheck;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.GridStudy;

/** lines.csv and the {@code grid} part of summary.json (docs/output-files.md). Flows and ratings in MW. */
final class GridResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flows below this (MW) are PTDF rounding residue and written as 0. */
    private static final double NOISE = 1e-12;

    private GridResults() {}

    static String linesCsv(GridStudy.Run run) {
        StringBuilder out = new StringBuilder("period,branch,from,to,flow,rating,occupancy,overflow\n");
        for (GridStudy.Period p : run.periods()) {
            if (p.check() == null) {
                continue;
            }
            for (GridCheck.Line l : p.check().lines()) {
                out.append(p.period()).append(',').append(l.branch()).append(',').append(l.from()).append(',')
                        .append(l.to()).append(',').append(Numbers.format(snap(l.flow()))).append(',')
                        .append(Numbers.format(l.rating())).append(',').append(Numbers.format(snap(l.occupancy())))
                        .append(',').append(Numbers.format(snap(l.overflow()))).append('\n');
            }
        }
        return out.toString();
    }

    private static double snap(double v) {
        return Math.abs(v) < NOISE ? 0 : v;
    }

    static ObjectNode summary(GridStudy.Run run, UnitView u) {
        ObjectNode node = JSON.createObjectNode();
        node.put("case", run.setup().grid().name());
        node.put("base", run.setup().spec().base());
        node.put("ratings", run.setup().spec().ratings().rule());
        node.put("buses", run.setup().grid().buses().size());
        node.put("branches", run.setup().grid().branches().size());
        int congested = 0;
        double overflowSum = 0;
        double weightedSum = 0;
        int checked = 0;
        int violations = 0;
        ArrayNode byPeriod = node.putArray("by_period");
        for (GridStudy.Period p : run.periods()) {
            ObjectNode pn = byPeriod.addObject();
            pn.put("period", p.period());
            if (p.check() == null) {
                pn.put("checked", false);
                continue;
            }
            GridCheck.Kpis k = p.check().kpis();
            pn.put("congested_lines", k.congestedLines());
            pn.put("overflow_sum_mw", Numbers.round(k.overflowSumMw()));
            pn.put("overflow_weighted_average_mw", Numbers.round(k.overflowWeightedAverageMw()));
            pn.put("traded_volume", u.numberQuantity(p.tradedVolumeKwh()));
            pn.put("ac_converged", p.acConverged());
            if (p.acConverged()) {
                pn.put("voltage_violations", p.violations().size());
                pn.put("min_voltage_pu", Numbers.round(p.minVoltagePu()));
                pn.put("min_voltage_bus", p.minVoltageBus());
                ArrayNode buses = pn.putArray("violated_buses");
                p.violations().stream().map(VoltageCheck.Violation::bus).forEach(buses::add);
            }
            congested += k.congestedLines();
            overflowSum += k.overflowSumMw();
            weightedSum += k.overflowWeightedAverageMw();
            violations += p.violations().size();
            checked++;
        }
        node.put("congested_lines", congested);
        node.put("overflow_sum_mw", Numbers.round(overflowSum));
        node.put("overflow_weighted_average_mw", checked == 0 ? 0 : Numbers.round(weightedSum / checked));
        node.put("voltage_violations", violations);
        node.put("traded_volume", u.numberQuantity(run.periods().stream().mapToDouble(GridStudy.Period::tradedVolumeKwh).sum()));
        return node;
    }
}
