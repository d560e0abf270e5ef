package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Trade;
import org.peermarket.study.files.Html;
import org.peermarket.study.pipeline.RunResult;

/** Who traded with whom over all periods: a circle of peers, arrow width = energy, and the largest flows. */
final class TradeNetworkSection implements ReportSection {
    /** Beyond this many peers the drawing is unreadable; the table still lists the largest flows. */
    static final int MAX_DRAWN_PEERS = 120;
    static final int MAX_LISTED = 40;

    /** Energy (kWh) and money (currency) from one seller to one buyer, over all periods. */
    record Flow(int seller, int buyer, double kwh, double value) {}

    @Override
    public String id() {
        return "network";
    }

    @Override
    public String title(ReportContext c) {
        return "Trade network, all periods (energy in " + c.energy() + ", prices in " + c.price() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.run().periods().stream().anyMatch(r -> r.hasResult() && !r.trades().isEmpty());
    }

    @Override
    public void render(ReportContext c, Html out) {
        List<Flow> flows = flows(c.run());
        List<String> ids = c.peerIds();
        if (ids.size() <= MAX_DRAWN_PEERS) {
            double[] net = PeersSection.netPositions(c);
            List<SvgChart.Edge> edges = new ArrayList<>();
            for (Flow f : flows) {
                edges.add(new SvgChart.Edge(f.seller(), f.buyer(), f.kwh(), ids.get(f.seller()) + " → " + ids.get(f.buyer()) + ": "
                        + ReportContext.format(c.quantity(f.kwh())) + " " + c.energy()));
            }
            out.raw(SvgChart.network(ids, net, edges));
            out.note("Arrows point from seller to buyer; their width is the energy traded. Green peers sold more than they"
                    + " bought over the run, orange ones bought more, grey ones neither.");
        } else {
            out.note("The drawing is left out above " + MAX_DRAWN_PEERS + " peers (this run has " + ids.size() + ").");
        }
        List<Flow> largest = flows.stream().sorted(Comparator.comparingDouble(Flow::kwh).reversed()).limit(MAX_LISTED).toList();
        out.element("h3", flows.size() > MAX_LISTED ? "The " + MAX_LISTED + " largest of " + flows.size() + " flows" : "Flows").raw("\n");
        out.open("table").headerRow("seller", "buyer", "energy (" + c.energy() + ")", "average price (" + c.price() + ")",
                "value (" + c.currency() + ")");
        for (Flow f : largest) {
            out.open("tr").cell(ids.get(f.seller())).cell(ids.get(f.buyer()))
                    .number(ReportContext.format(c.quantity(f.kwh())), "")
                    .number(ReportContext.format(f.kwh() > 0 ? c.priceValue(f.value() / f.kwh()) : Double.NaN), "")
                    .number(ReportContext.format(f.value()), "").close("tr");
        }
        out.close("table");
    }

    /** Trades summed per (seller, buyer) over the periods with a result, in first-seen order. */
    static List<Flow> flows(RunResult run) {
        Map<Long, double[]> sums = new LinkedHashMap<>();
        int n = run.scenario().peers().size();
        for (ClearingResult r : run.periods()) {
            if (!r.hasResult()) {
                continue;
            }
            for (Trade t : r.trades()) {
                if (t.seller() >= n || t.buyer() >= n) {
                    continue; // peers only: a hybrid market's trades with communities are in levels.csv / trades.csv
                }
                double[] s = sums.computeIfAbsent((long) t.seller() * n + t.buyer(), k -> new double[2]);
                s[0] += t.quantity();
                s[1] += t.quantity() * t.price();
            }
        }
        List<Flow> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new Flow((int) (k / n), (int) (k % n), s[0], s[1])));
        return out;
    }
}
