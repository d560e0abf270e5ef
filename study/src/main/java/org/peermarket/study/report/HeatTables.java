package org.peermarket.study.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peermarket.market.HeatResult;
import org.peermarket.model.HeatSpec;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.RunResult;

/**
 * The result files of a heat market (docs/heat-market.md#output-files): heat_peers.csv,
 * heat_nodes.csv (pool markets), pipes.csv, heat_trades.csv (P2P), heat_assets.csv (joint),
 * and the heat part of summary.json. Quantities per period in the scenario's energy unit.
 */
final class HeatTables {
    static final String PEERS = "heat_peers.csv";
    static final String NODES = "heat_nodes.csv";
    static final String PIPES = "pipes.csv";
    static final String TRADES = "heat_trades.csv";
    static final String ASSETS = "heat_assets.csv";

    private HeatTables() {}

    static Map<String, String> files(RunResult run) {
        Map<String, String> files = new LinkedHashMap<>();
        HeatResult h = run.horizon().flatMap(x -> x.heat()).orElse(null);
        if (h == null || !run.status().hasResult()) {
            return files;
        }
        HeatSpec spec = run.scenario().heat().orElseThrow();
        UnitView u = new UnitView(run.scenario());
        files.put(PEERS, peers(h, spec, u));
        if (!h.mode().equals("p2p")) {
            files.put(NODES, nodes(h, u));
        }
        files.put(PIPES, pipes(h, spec, u));
        if (h.mode().equals("p2p")) {
            files.put(TRADES, trades(h, u));
        }
        if (spec.hasCoupledAssets()) {
            files.put(ASSETS, assets(h, spec, u));
        }
        return files;
    }

    private static String peers(HeatResult h, HeatSpec spec, UnitView u) {
        StringBuilder out = new StringBuilder("period,peer,node,h,price\n");
        for (HeatResult.Period p : h.periods()) {
            for (int i = 0; i < h.peers().size(); i++) {
                out.append(p.period() + 1).append(',').append(ResultsWriter.csv(h.peers().get(i))).append(',')
                        .append(ResultsWriter.csv(spec.peers().get(i).node())).append(',').append(u.quantity(p.h()[i]))
                        .append(',').append(u.price(p.price()[i])).append('\n');
            }
        }
        return out.toString();
    }

    private static String nodes(HeatResult h, UnitView u) {
        StringBuilder out = new StringBuilder("period,node,price\n");
        for (HeatResult.Period p : h.periods()) {
            for (int k = 0; k < h.nodes().size(); k++) {
                out.append(p.period() + 1).append(',').append(ResultsWriter.csv(h.nodes().get(k))).append(',')
                        .append(u.price(p.nodePrice()[k])).append('\n');
            }
        }
        return out.toString();
    }

    private static String pipes(HeatResult h, HeatSpec spec, UnitView u) {
        StringBuilder out = new StringBuilder("period,pipe,from,to,flow,delivered,capacity,loss,dual\n");
        for (HeatResult.Period p : h.periods()) {
            for (int l = 0; l < h.pipes().size(); l++) {
                HeatSpec.Pipe pipe = spec.pipes().get(l);
                out.append(p.period() + 1).append(',').append(ResultsWriter.csv(pipe.id())).append(',')
                        .append(ResultsWriter.csv(pipe.from())).append(',').append(ResultsWriter.csv(pipe.to())).append(',')
                        .append(u.quantity(p.flow()[l])).append(',').append(u.quantity((1 - pipe.loss()) * p.flow()[l]))
                        .append(',').append(u.quantity(pipe.capacity())).append(',').append(Numbers.format(pipe.loss()))
                        .append(',').append(u.price(p.pipeDual()[l])).append('\n');
            }
        }
        return out.toString();
    }

    private static String trades(HeatResult h, UnitView u) {
        StringBuilder out = new StringBuilder("period,seller,buyer,sent,delivered,price,buyer_price\n");
        for (HeatResult.Period p : h.periods()) {
            for (HeatResult.HeatTrade t : p.trades()) {
                out.append(p.period() + 1).append(',').append(ResultsWriter.csv(h.peers().get(t.seller()))).append(',')
                        .append(ResultsWriter.csv(h.peers().get(t.buyer()))).append(',').append(u.quantity(t.sent()))
                        .append(',').append(u.quantity(t.delivered())).append(',').append(u.price(t.price())).append(',')
                        .append(u.price(t.buyerPrice())).append('\n');
            }
        }
        return out.toString();
    }

    /** Electricity < 0 is consumed (a heat pump), > 0 produced (a CHP). */
    private static String assets(HeatResult h, HeatSpec spec, UnitView u) {
        StringBuilder out = new StringBuilder("period,asset,type,owner,node,electricity,heat\n");
        for (HeatResult.Period p : h.periods()) {
            for (int k = 0; k < spec.heatPumps().size(); k++) {
                HeatSpec.HeatPump a = spec.heatPumps().get(k);
                row(out, p, a.id(), "heat_pump", a.peer(), a.node(), u.quantity(-p.pumpElectricity()[k]),
                        u.quantity(p.pumpHeat()[k]));
            }
            for (int k = 0; k < spec.chps().size(); k++) {
                HeatSpec.Chp a = spec.chps().get(k);
                row(out, p, a.id(), "chp", a.peer(), a.node(), u.quantity(p.chpElectricity()[k]), u.quantity(p.chpHeat()[k]));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, HeatResult.Period p, String id, String type, String owner, String node,
                            String electricity, String heat) {
        out.append(p.period() + 1).append(',').append(ResultsWriter.csv(id)).append(',').append(type).append(',')
                .append(ResultsWriter.csv(owner)).append(',').append(ResultsWriter.csv(node)).append(',')
                .append(electricity).append(',').append(heat).append('\n');
    }

    /** summary.json's heat part: the mode, the heat side's cost and the network operator's surplus over the periods. */
    static void summary(RunResult run, ObjectNode root) {
        run.horizon().flatMap(x -> x.heat()).ifPresent(h -> {
            ObjectNode node = root.putObject("heat");
            node.put("mode", h.mode());
            boolean ok = run.status().hasResult();
            ResultsWriter.putNumber(node, "heat_cost",
                    ok ? h.periods().stream().mapToDouble(HeatResult.Period::heatCost).sum() : Double.NaN);
            ResultsWriter.putNumber(node, "operator_surplus",
                    ok ? h.periods().stream().mapToDouble(HeatResult.Period::operatorSurplus).sum() : Double.NaN);
        });
    }

    /** The summary's heat line: the network, the range of heat prices and the operator's surplus; "" without heat. */
    static String line(RunResult run) {
        HeatResult h = run.horizon().flatMap(x -> x.heat()).orElse(null);
        if (h == null) {
            return "";
        }
        String head = String.format(java.util.Locale.ROOT, "  heat: %d heat peers on %d nodes, %d pipes", h.peers().size(),
                h.nodes().size(), h.pipes().size());
        if (!run.status().hasResult()) {
            return head + "\n";
        }
        UnitView u = new UnitView(run.scenario());
        boolean p2p = h.mode().equals("p2p"); // pool markets: node prices, also where no heat peer sits
        double lo = h.periods().stream().flatMapToDouble(p -> java.util.Arrays.stream(p2p ? p.price() : p.nodePrice()))
                .min().orElse(Double.NaN);
        double hi = h.periods().stream().flatMapToDouble(p -> java.util.Arrays.stream(p2p ? p.price() : p.nodePrice()))
                .max().orElse(Double.NaN);
        double surplus = h.periods().stream().mapToDouble(HeatResult.Period::operatorSurplus).sum();
        return head + String.format(java.util.Locale.ROOT, "; heat prices %.4f to %.4f %s; the network operator keeps %.4f %s%n",
                u.toPrice(lo), u.toPrice(hi), run.scenario().units().price(), surplus, run.scenario().units().currency());
    }
}
