package org.peermarket.study.report;

import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Convergence;
import org.peermarket.study.files.Html;

/** ADMM residuals per iteration (convergence.csv), on a log scale, one chart per period. */
final class ConvergenceSection implements ReportSection {
    /** Periods drawn; the table covers all. */
    static final int MAX_CHARTS = 12;
    /** Points per series drawn: longer traces are thinned evenly, the last iteration kept. */
    static final int MAX_POINTS = 400;

    @Override
    public String id() {
        return "convergence";
    }

    @Override
    public String title(ReportContext c) {
        return "ADMM convergence (primal residual in " + c.energy() + ", dual residual in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.run().negotiated();
    }

    @Override
    public void render(ReportContext c, Html out) {
        List<ClearingResult> periods = c.run().periods();
        int drawn = 0;
        for (int t = 0; t < periods.size() && drawn < MAX_CHARTS; t++) {
            Convergence conv = periods.get(t).solver().convergence();
            if (conv == null || conv.traceLength() == 0) {
                continue;
            }
            int len = conv.traceLength();
            int step = Math.max(1, (int) Math.ceil(len / (double) MAX_POINTS));
            int points = (len - 1) / step + 1 + ((len - 1) % step == 0 ? 0 : 1);
            double[] x = new double[points];
            double[] primal = new double[points];
            double[] dual = new double[points];
            for (int i = 0; i < points; i++) {
                int k = Math.min(i * step, len - 1);
                x[i] = k + 1;
                primal[i] = c.quantity(conv.primalAt(k));
                dual[i] = c.priceValue(conv.dualAt(k));
            }
            if (periods.size() > 1) {
                out.element("h3", "Period " + (t + 1)).raw("\n");
            }
            out.raw(SvgChart.lines("iteration", "residual (log scale)", x, List.of(
                    new SvgChart.Series("primal residual (" + c.energy() + ")", primal),
                    new SvgChart.Series("dual residual (" + c.price() + ")", dual)), true));
            drawn++;
        }
        if (drawn == MAX_CHARTS && periods.size() > MAX_CHARTS) {
            out.note("Charts for the first " + MAX_CHARTS + " periods; convergence.csv has every period.");
        }
        out.open("table").headerRow("period", "status", "iterations", "primal residual (" + c.energy() + ")",
                "dual residual (" + c.price() + ")", "messages");
        for (int t = 0; t < periods.size(); t++) {
            ClearingResult r = periods.get(t);
            Convergence conv = r.solver().convergence();
            if (conv == null) {
                continue;
            }
            String key = "by_period." + (t + 1) + ".";
            out.open("tr").cell(Integer.toString(t + 1)).cell(r.status().label())
                    .number(Long.toString(r.solver().iterations()), key + "iterations")
                    .number(ReportContext.formatSmall(c.quantity(conv.primalResidual())), key + "primal_residual")
                    .number(ReportContext.formatSmall(c.priceValue(conv.dualResidual())), key + "dual_residual")
                    .number(Long.toString(conv.messages()), key + "messages").close("tr");
        }
        out.close("table");
    }
}
