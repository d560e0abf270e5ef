package org.peermarket.study.report;

import java.nio.file.Path;
import java.util.Locale;
import org.peermarket.market.ClearingResult;
import org.peermarket.model.Scenario;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.Comparison;
import org.peermarket.study.pipeline.GridStudy;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.ServiceStage;
import org.peermarket.study.pipeline.StudyResults;

/** The short readable summary printed after a run. */
public final class SummaryText {
    private SummaryText() {}

    /**
     * Central against auction; a side without a result or without trades has no welfare or
     * price to show (never NaN).
     */
    static String comparisonLine(Comparison c, String currency, String price, UnitView u) {
        if (!Double.isFinite(c.centralWelfare())) {
            return String.format(Locale.ROOT, "  central clearing (%s): no welfare or price to compare%n", c.centralStatus());
        }
        String prices = Double.isNaN(c.priceGap())
                ? String.format(Locale.ROOT, "average price %s %s (auction %s)", priceOrNone(c.centralPrice(), u), price,
                        priceOrNone(c.auctionPrice(), u))
                : String.format(Locale.ROOT, "average price %.4f %s (auction %+.4f)", u.toPrice(c.centralPrice()), price,
                        u.toPrice(c.priceGap()));
        return String.format(Locale.ROOT, "  central clearing (%s): welfare %.4f %s (auction %.4f lower); %s%n",
                c.centralStatus(), c.centralWelfare(), currency, c.welfareGap(), prices);
    }

    private static String priceOrNone(double perKwh, UnitView u) {
        return Double.isNaN(perKwh) ? "none (no trades)" : String.format(Locale.ROOT, "%.4f", u.toPrice(perKwh));
    }

    public static String of(RunResult run) {
        Scenario s = run.scenario();
        UnitView u = new UnitView(s);
        String energy = s.units().energy().symbol();
        String price = s.units().price();
        StringBuilder b = new StringBuilder();
        if (run.study().map(st -> !st.scenarios().isEmpty()).orElse(false)) {
            b.append(String.format(Locale.ROOT, "%s: %d scenarios, %s (seed 003 Table 7 KPIs, before the LFM; MW, %s)%n",
                    s.name(), run.study().get().scenarios().size(), run.mechanism(), s.units().currency()));
            return b.append(studyText(run.study().get())).toString();
        }
        int pairs = run.tradeEdges() / 2;
        b.append(String.format(Locale.ROOT, "%s: %s — %d peers, %d trading pair%s, %d period%s, %s%n", s.name(),
                run.status().label(), s.peers().size(), pairs, pairs == 1 ? "" : "s", s.periods(),
                s.periods() == 1 ? "" : "s", run.mechanism()));
        if (!run.cause().isEmpty()) {
            b.append("  cause: ").append(run.cause()).append('\n');
        }
        b.append(String.format(Locale.ROOT, "  %-6s %-10s %14s %12s %12s%n", "period", "status", "traded " + energy,
                "price min", "price max"));
        for (int t = 0; t < run.periods().size(); t++) {
            ClearingResult r = run.periods().get(t);
            if (r.hasResult()) {
                b.append(String.format(Locale.ROOT, "  %-6d %-10s %14.4f %12.4f %12.4f%n", t + 1, r.status().label(),
                        u.toQuantity(r.tradedVolume()), u.toPrice(r.minPrice()), u.toPrice(r.maxPrice())));
            } else {
                b.append(String.format(Locale.ROOT, "  %-6d %-10s%n", t + 1, r.status().label()));
            }
        }
        if (Double.isFinite(run.objective())) {
            b.append(String.format(Locale.ROOT, "  welfare %.4f %s, traded %.4f %s (prices in %s)%n", 0.0 - run.objective(),
                    s.units().currency(), u.toQuantity(run.tradedVolumeKwh()), energy, price));
        }
        b.append(HeatTables.line(run));
        run.study().ifPresent(st -> b.append(studyText(st)));
        run.service().ifPresent(sr -> b.append(ServiceStage.line(sr, s)));
        Comparison c = run.comparison();
        if (c != null) {
            b.append(comparisonLine(c, s.units().currency(), price, u));
        }
        run.grid().ifPresent(g -> b.append(gridLine(g)));
        b.append(String.format(Locale.ROOT, "  solver %s: %d iterations, %.3f s%s%n",
                run.solverName(), run.iterations(),
                run.solverSeconds(), run.polished() ? ", polished to the exact optimum" : ""));
        if (run.negotiated() && Double.isFinite(run.primalResidual())) {
            b.append(String.format(Locale.ROOT, "  negotiation: primal residual %.3g %s, dual residual %.3g %s, %d messages%n",
                    u.toQuantity(run.primalResidual()), energy, u.toPrice(run.dualResidual()), price, run.messages()));
        }
        return b.toString();
    }

    /** Grid KPIs summed over the periods the grid check could run (seed 003 Table 7). */
    private static String gridLine(GridStudy.Run g) {
        int congested = 0;
        double overflow = 0;
        int violations = 0;
        double minVoltage = Double.POSITIVE_INFINITY;
        for (GridStudy.Period p : g.periods()) {
            if (p.check() == null) {
                continue;
            }
            congested += p.check().kpis().congestedLines();
            overflow += p.check().kpis().overflowSumMw();
            violations += p.violations().size();
            if (p.acConverged()) {
                minVoltage = Math.min(minVoltage, p.minVoltagePu());
            }
        }
        String voltage = Double.isFinite(minVoltage) ? String.format(Locale.ROOT, ", lowest voltage %.4f p.u.", minVoltage) : "";
        return String.format(Locale.ROOT, "  grid %s: %d congested line-periods, overflow %.4f MW, %d voltage violations%s%n",
                g.setup().grid().name(), congested, overflow, violations, voltage);
    }

    /** Default output folder: results/NAME, with characters unsafe in a path replaced. */
    public static Path defaultOutDir(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "run";
        }
        return Path.of("results", safe);
    }

    /** The LFM after the market per period, or a study's KPI table. */
    static String studyText(StudyResults st) {
        StringBuilder b = new StringBuilder();
        for (StudyResults.LfmPeriod p : st.lfm()) {
            b.append(String.format(Locale.ROOT, "  lfm period %d: %s, %d congested line(s) before, %d after%s%n",
                    p.period(), p.lfm().status().label(), p.lfm().congestedBefore().size(), p.lfm().congestedAfter().size(),
                    p.lfm().optimal() ? String.format(Locale.ROOT, ", cost %.4f", p.lfm().cost())
                            : String.format(Locale.ROOT, ", least overflow %.4f MW", p.lfm().leastOverflowMw())));
        }
        if (!st.scenarios().isEmpty()) {
            b.append(StudyFiles.table(st.scenarios()));
        }
        return b.toString();
    }
}
