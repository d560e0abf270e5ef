package org.peermarket.study.report;

import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Trade;
import org.peermarket.study.files.Html;

/**
 * Per peer over all periods: energy sold and bought, net position (sum of p), and the money of
 * its trades: received as seller (price x quantity), paid as buyer ((price + charge) x quantity).
 */
final class PeersSection implements ReportSection {
    @Override
    public String id() {
        return "peers";
    }

    @Override
    public String title(ReportContext c) {
        return "Peers, all periods (energy in " + c.energy() + ", money in " + c.currency() + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.run().periods().stream().anyMatch(ClearingResult::hasResult);
    }

    @Override
    public void render(ReportContext c, Html out) {
        List<String> ids = c.peerIds();
        int n = ids.size();
        double[] net = netPositions(c);
        double[] sold = new double[n];
        double[] bought = new double[n];
        double[] received = new double[n];
        double[] paid = new double[n];
        for (ClearingResult r : c.run().periods()) {
            if (!r.hasResult()) {
                continue;
            }
            for (Trade t : r.trades()) {
                // in a hybrid market a side may be a community or the outside grid (index >= n): not a peer's
                if (t.seller() < n) {
                    sold[t.seller()] += t.quantity();
                    received[t.seller()] += t.quantity() * t.price();
                }
                if (t.buyer() < n) {
                    bought[t.buyer()] += t.quantity();
                    paid[t.buyer()] += t.quantity() * (t.price() + t.charge());
                }
            }
        }
        if (n <= 60) {
            double[] shown = new double[n];
            for (int i = 0; i < n; i++) {
                shown[i] = c.quantity(net[i]);
            }
            out.raw(SvgChart.bars("net position (" + c.energy() + ", > 0 sold)", ids, List.of(new SvgChart.Series("net position", shown))));
        }
        if (LongHorizon.applies(c.run().periods().size())) {
            positionsHeatMap(c, out);
        }
        out.open("table").headerRow("peer", "sold (" + c.energy() + ")", "bought (" + c.energy() + ")",
                "net position (" + c.energy() + ")", "received (" + c.currency() + ")", "paid (" + c.currency() + ")",
                "net payment received (" + c.currency() + ")");
        for (int i = 0; i < n; i++) {
            String key = "peer." + ids.get(i) + ".";
            out.open("tr").cell(ids.get(i))
                    .number(ReportContext.format(c.quantity(sold[i])), key + "sold")
                    .number(ReportContext.format(c.quantity(bought[i])), key + "bought")
                    .number(ReportContext.format(c.quantity(net[i])), key + "net_position")
                    .number(ReportContext.format(received[i]), key + "received")
                    .number(ReportContext.format(paid[i]), key + "paid")
                    .number(ReportContext.format(received[i] - paid[i]), key + "net_payment")
                    .close("tr");
        }
        out.close("table");
        out.note("Net position is the sum over periods of the net injection p (peers.csv). Payments are computed from"
                + " trades.csv: price x quantity received as seller, (price + charge) x quantity paid as buyer.");
    }

    /** Sum over periods with a result of each peer's net injection p, kWh. */
    /** Over a long horizon: each peer's position p summed per day, one heat-map row per peer. */
    static void positionsHeatMap(ReportContext c, Html out) {
        int periods = c.run().periods().size();
        List<String> ids = c.peerIds();
        List<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            double[] p = new double[periods];
            for (int t = 0; t < periods; t++) {
                ClearingResult r = c.run().periods().get(t);
                p[t] = r.hasResult() && i < r.p().length ? c.quantity(r.p()[i]) : Double.NaN;
            }
            rows.add(LongHorizon.daily(p, LongHorizon.Fold.SUM));
        }
        out.raw(LongHorizon.heatMap("each peer's position p per day (" + c.energy() + ", red sells, blue buys)", ids, rows));
    }

    static double[] netPositions(ReportContext c) {
        double[] net = new double[c.scenario().peers().size()];
        for (ClearingResult r : c.run().periods()) {
            if (r.hasResult()) {
                double[] p = r.p();
                for (int i = 0; i < p.length; i++) {
                    net[i] += p[i];
                }
            }
        }
        return net;
    }
}
