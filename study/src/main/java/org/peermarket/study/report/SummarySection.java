package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.ToDoubleFunction;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.Comparison;
import org.peermarket.study.pipeline.RunResult;

/** Status, totals, solver facts and the largest optimality-check residuals (KKT) of the run. */
final class SummarySection implements ReportSection {
    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String title(ReportContext c) {
        return "Summary (money in " + c.currency() + ", energy in " + c.energy() + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return true;
    }

    @Override
    public void render(ReportContext c, Html out) {
        RunResult run = c.run();
        out.open("div", "class", "kpis");
        String status = run.status().label();
        card(out, "status", status, "status", status.equals("optimal") || status.equals("cleared") ? "status-" + status : "status-bad");
        card(out, "objective (" + c.currency() + ")", ReportContext.format(run.objective()), "objective", "");
        card(out, "welfare (" + c.currency() + ")", ReportContext.format(0.0 - run.objective()), "welfare", "");
        double volume = run.status().hasResult() ? c.quantity(run.tradedVolumeKwh()) : Double.NaN;
        card(out, "traded volume (" + c.energy() + ")", ReportContext.format(volume), "traded_volume", "");
        card(out, "lowest price (" + c.price() + ")", ReportContext.format(c.priceValue(extreme(run, true))), "min.by_period.price_min", "");
        card(out, "highest price (" + c.price() + ")", ReportContext.format(c.priceValue(extreme(run, false))), "max.by_period.price_max", "");
        out.close("div");
        if (!run.cause().isEmpty()) {
            out.paragraph("cause: " + run.cause());
        }
        out.open("table").headerRow("fact", "value");
        row(out, "mechanism", run.mechanism(), "");
        row(out, "peers", Integer.toString(c.scenario().peers().size()), "market.peers");
        row(out, "trading pairs", Integer.toString(run.tradeEdges() / 2), "market.trading_pairs");
        row(out, "periods", Integer.toString(c.scenario().periods()), "periods");
        row(out, "solver", run.solverName(), "");
        row(out, "solver iterations (all periods)", Long.toString(run.iterations()), "solver.iterations");
        row(out, "polished to the exact optimum", Boolean.toString(run.polished()), "");
        if (run.negotiated()) {
            row(out, "ADMM primal residual, largest (" + c.energy() + ")", ReportContext.formatSmall(c.quantity(run.primalResidual())),
                    "solver.primal_residual");
            row(out, "ADMM dual residual, largest (" + c.price() + ")", ReportContext.formatSmall(c.priceValue(run.dualResidual())),
                    "solver.dual_residual");
            row(out, "ADMM messages", Long.toString(run.messages()), "solver.messages");
        }
        out.close("table");
        checks(c, out);
        auction(c, out);
        run.grid().ifPresent(g -> grid(GridResults.summary(g, new UnitView(c.scenario())), c, out));
    }

    /** The largest violation over periods of each optimality condition (solvers.md, checks). */
    private static void checks(ReportContext c, Html out) {
        if (c.run().periods().stream().noneMatch(ClearingResult::hasResult)) {
            return;
        }
        out.element("h3", "Optimality checks: largest residual over periods").raw("\n");
        out.open("table").headerRow("condition", "unit", "largest residual");
        checkRow(c, out, "balance", c.energy(), ch -> c.quantity(ch.balance()));
        checkRow(c, out, "bounds", c.energy(), ch -> c.quantity(ch.bounds()));
        checkRow(c, out, "dual_feasibility", c.price(), ch -> c.priceValue(ch.dualFeasibility()));
        checkRow(c, out, "stationarity", c.price(), ch -> c.priceValue(ch.stationarity()));
        checkRow(c, out, "complementarity", c.price(), ch -> c.priceValue(ch.complementarity()));
        checkRow(c, out, "duality_gap", c.currency(), Checks::dualityGap);
        out.close("table");
    }

    private static void checkRow(ReportContext c, Html out, String name, String unit, ToDoubleFunction<Checks> value) {
        double worst = Double.NaN;
        for (ClearingResult r : c.run().periods()) {
            if (r.hasResult()) {
                double v = ReportContext.round(value.applyAsDouble(r.checks()));
                worst = Double.isNaN(worst) || v > worst ? v : worst;
            }
        }
        out.open("tr").cell(name.replace('_', ' ')).cell(unit).number(ReportContext.formatSmall(worst), "max.by_period.checks." + name).close("tr");
    }

    private static void auction(ReportContext c, Html out) {
        RunResult run = c.run();
        if (!run.isAuction()) {
            return;
        }
        out.element("h3", "Auction").raw("\n").open("table").headerRow("fact", "value");
        double surplus = run.auctions().stream().mapToDouble(a -> a.auctioneerSurplus()).sum();
        row(out, "auctioneer surplus (" + c.currency() + ")", ReportContext.format(surplus), "auctioneer_surplus");
        Comparison cmp = run.comparison();
        if (cmp != null) {
            row(out, "central clearing status", cmp.centralStatus(), "");
            row(out, "central welfare (" + c.currency() + ")", ReportContext.format(cmp.centralWelfare()), "comparison.central_welfare");
            row(out, "auction welfare (" + c.currency() + ")", ReportContext.format(cmp.auctionWelfare()), "comparison.auction_welfare");
            row(out, "welfare gap (" + c.currency() + ")", ReportContext.format(cmp.welfareGap()), "comparison.welfare_gap");
            row(out, "central average price (" + c.price() + ")", ReportContext.format(c.priceValue(cmp.centralPrice())),
                    "comparison.central_price");
            row(out, "auction average price (" + c.price() + ")", ReportContext.format(c.priceValue(cmp.auctionPrice())),
                    "comparison.auction_price");
        }
        out.close("table");
    }

    /** The grid KPIs as written to summary.json's grid part (seed 003 Table 7). */
    private static void grid(JsonNode g, ReportContext c, Html out) {
        out.element("h3", "Grid " + g.path("case").asText() + " (flows in MW)").raw("\n").open("table").headerRow("KPI", "value");
        row(out, "congested line-periods", g.path("congested_lines").asText(), "grid.congested_lines");
        row(out, "overflow sum (MW)", ReportContext.format(g.path("overflow_sum_mw").asDouble()), "grid.overflow_sum_mw");
        row(out, "overflow, capacity-weighted average (MW)", ReportContext.format(g.path("overflow_weighted_average_mw").asDouble()),
                "grid.overflow_weighted_average_mw");
        row(out, "voltage violations (bus-periods)", g.path("voltage_violations").asText(), "grid.voltage_violations");
        out.close("table");
    }

    /** Lowest (or highest) price over periods with a result, per kWh; NaN when none. */
    private static double extreme(RunResult run, boolean lowest) {
        double best = Double.NaN;
        for (ClearingResult r : run.periods()) {
            if (!r.hasResult()) {
                continue;
            }
            double v = lowest ? r.minPrice() : r.maxPrice();
            if (!Double.isNaN(v) && (Double.isNaN(best) || (lowest ? v < best : v > best))) {
                best = v;
            }
        }
        return best;
    }

    private static void card(Html out, String label, String value, String kpi, String cssClass) {
        out.open("div", "class", "kpi").element("div", label, "class", "label")
                .element("div", value, "class", "value " + cssClass, "data-kpi", kpi).close("div");
    }

    private static void row(Html out, String label, String value, String kpi) {
        out.open("tr").cell(label).number(value, kpi).close("tr");
    }
}
