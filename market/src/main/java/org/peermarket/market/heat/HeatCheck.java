package org.peermarket.market.heat;

import java.util.List;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HeatResult;
import org.peermarket.market.Trade;
import org.peermarket.model.HeatSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;

/**
 * Checks a heat market's reported period from its numbers alone, not from the solver's rows
 * (docs/heat-market.md#checks): bounds, every node's heat balance with the pipes' losses, each
 * P2P peer's balance and pipe inflow, each electricity peer's balance with its coupled assets,
 * the coupling equations, and the optimality conditions of every variable against the reported
 * prices. Tolerances: 1e-6 of the period's quantity and price scales.
 */
final class HeatCheck {
    private final Scenario s;
    private final HeatSpec heat;
    private final int t;
    private final double tolQ;
    private final double tolP;
    private double primal;
    private double bounds;
    private double dual;
    private String failure;
    /** A broken balance or bound is named before a price condition it would also break. */
    private String primalFailure;

    private HeatCheck(Scenario s, int t, double quantityScale, double priceScale) {
        this.s = s;
        this.heat = s.heat().orElseThrow();
        this.t = t;
        this.tolQ = 1e-6 * Math.max(1, quantityScale);
        this.tolP = 1e-6 * Math.max(1e-9, priceScale);
    }

    /** The period's certificate, and the first violation beyond tolerance (null when none). */
    record Outcome(Checks checks, String failure) {}

    static Outcome of(HeatProgram hp, HeatResult.Period h, ClearingResult el, double[] ownP) {
        HeatCheck c = new HeatCheck(hp.s, hp.t, quantityScale(hp), priceScale(hp, h, el));
        c.heatPeers(h);
        c.network(hp, h);
        c.assets(hp, h, el);
        if (hp.mode == HeatProgram.Mode.JOINT) {
            c.electricity(hp, h, el, ownP);
        }
        return new Outcome(new Checks(c.primal, c.bounds, c.dual, c.dual, c.dual, Double.NaN),
                c.primalFailure != null ? c.primalFailure : c.failure);
    }

    private static double quantityScale(HeatProgram hp) {
        double q = 0;
        for (int i = 0; i < hp.program.variables(); i++) {
            q = Math.max(q, Math.max(finite(hp.program.lb(i)), finite(hp.program.ub(i))));
        }
        return q;
    }

    private static double priceScale(HeatProgram hp, HeatResult.Period h, ClearingResult el) {
        double p = 0;
        for (int i = 0; i < hp.program.variables(); i++) {
            p = Math.max(p, Math.abs(hp.program.c(i)));
        }
        for (double v : h.price()) {
            p = Math.max(p, finite(v));
        }
        for (double v : el.mu()) {
            p = Math.max(p, finite(v));
        }
        return p;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }

    private void heatPeers(HeatResult.Period h) {
        for (int i = 0; i < heat.peers().size(); i++) {
            HeatSpec.HeatPeer p = heat.peers().get(i);
            String what = "heat peer " + p.id();
            bound(what, h.h()[i], p.hmin().at(t), p.hmax().at(t));
            stationary(what, p.cost().marginal(t, h.h()[i]) - h.price()[i], h.h()[i], p.hmin().at(t), p.hmax().at(t));
        }
    }

    /** Node balances with losses; P2P: peer balances and pipe inflows from the trades; pipe optimality. */
    private void network(HeatProgram hp, HeatResult.Period h) {
        double[] node = new double[heat.nodes().size()];
        for (int i = 0; i < heat.peers().size(); i++) {
            node[hp.nodeOf[i]] += h.h()[i];
        }
        for (int p = 0; p < heat.pipes().size(); p++) {
            HeatSpec.Pipe pipe = heat.pipes().get(p);
            double f = h.flow()[p];
            bound("pipe " + pipe.id(), f, 0, pipe.capacity());
            node[heat.nodeIndex(pipe.to())] += (1 - pipe.loss()) * f;
            node[heat.nodeIndex(pipe.from())] -= f;
            if (hp.mode != HeatProgram.Mode.P2P) {
                double pFrom = h.nodePrice()[heat.nodeIndex(pipe.from())];
                double pTo = h.nodePrice()[heat.nodeIndex(pipe.to())];
                stationary("pipe " + pipe.id(), pFrom - (1 - pipe.loss()) * pTo, f, 0, pipe.capacity());
            } else {
                sign("capacity price of pipe " + pipe.id(), h.pipeDual()[p], f, pipe.capacity());
            }
        }
        for (int k = 0; k < heat.heatPumps().size(); k++) {
            node[heat.nodeIndex(heat.heatPumps().get(k).node())] += h.pumpHeat()[k];
        }
        for (int k = 0; k < heat.chps().size(); k++) {
            node[heat.nodeIndex(heat.chps().get(k).node())] += h.chpHeat()[k];
        }
        for (int k = 0; k < node.length; k++) {
            balance("heat balance at node " + heat.nodes().get(k), node[k]);
        }
        if (hp.mode == HeatProgram.Mode.P2P) {
            trades(hp, h);
        }
    }

    private void trades(HeatProgram hp, HeatResult.Period h) {
        double[] net = h.h().clone();
        double[] inflow = new double[heat.pipes().size()];
        for (HeatResult.HeatTrade tr : h.trades()) {
            net[tr.seller()] -= tr.sent();
            net[tr.buyer()] += tr.delivered();
        }
        for (HeatProgram.Route r : hp.routes) {
            HeatResult.HeatTrade tr = find(h.trades(), r.seller(), r.buyer());
            double sent = tr == null ? 0 : tr.sent();
            double rent = 0;
            for (int k = 0; k < r.pipes().length; k++) {
                inflow[r.pipes()[k]] += r.inflow()[k] * sent;
                rent += r.inflow()[k] * h.pipeDual()[r.pipes()[k]];
            }
            balance("delivered part of trade " + id(r.seller()) + "->" + id(r.buyer()),
                    tr == null ? 0 : tr.delivered() - r.delivered() * sent);
            double z = r.cost() - (r.delivered() * h.price()[r.buyer()] - h.price()[r.seller()] - rent);
            stationary("heat trade " + id(r.seller()) + "->" + id(r.buyer()), z, sent, 0, Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < net.length; i++) {
            balance("heat peer " + id(i) + "'s trades", net[i]);
        }
        for (int p = 0; p < inflow.length; p++) {
            balance("flow of pipe " + heat.pipes().get(p).id() + " against its trades", inflow[p] - h.flow()[p]);
        }
    }

    private static HeatResult.HeatTrade find(List<HeatResult.HeatTrade> trades, int seller, int buyer) {
        return trades.stream().filter(x -> x.seller() == seller && x.buyer() == buyer).findFirst().orElse(null);
    }

    private String id(int heatPeer) {
        return heat.peers().get(heatPeer).id();
    }

    /** Coupling equations and the assets' optimality against the node's heat price and the owner's electricity price. */
    private void assets(HeatProgram hp, HeatResult.Period h, ClearingResult el) {
        for (int k = 0; k < heat.heatPumps().size(); k++) {
            HeatSpec.HeatPump a = heat.heatPumps().get(k);
            double e = h.pumpElectricity()[k];
            bound("heat pump " + a.id(), e, 0, a.heatMax() / a.cop());
            balance("heat pump " + a.id() + " heat = cop x electricity", h.pumpHeat()[k] - a.cop() * e);
            double z = el.mu()[s.peerIndex(a.peer())] - a.cop() * h.nodePrice()[heat.nodeIndex(a.node())];
            stationary("heat pump " + a.id(), z, e, 0, a.heatMax() / a.cop());
        }
        for (int k = 0; k < heat.chps().size(); k++) {
            HeatSpec.Chp a = heat.chps().get(k);
            double q = h.chpHeat()[k];
            bound("CHP " + a.id(), q, 0, a.heatMax());
            balance("CHP " + a.id() + " electricity = ratio x heat", h.chpElectricity()[k] - a.ratio() * q);
            double z = a.costPerHeat() - h.nodePrice()[heat.nodeIndex(a.node())] - a.ratio() * el.mu()[s.peerIndex(a.peer())];
            stationary("CHP " + a.id(), z, q, 0, a.heatMax());
        }
    }

    /** Each electricity peer: own injection + CHPs - heat pumps = sales - purchases; trades against mu. */
    private void electricity(HeatProgram hp, HeatResult.Period h, ClearingResult el, double[] ownP) {
        double[] net = new double[s.peers().size()];
        for (int i = 0; i < net.length; i++) {
            Peer p = s.peers().get(i);
            bound("peer " + p.id(), ownP[i], p.pmin().at(t), p.pmax().at(t));
            stationary("peer " + p.id(), p.cost().marginal(t, ownP[i]) - el.mu()[i], ownP[i], p.pmin().at(t), p.pmax().at(t));
            net[i] = ownP[i] - el.p()[i];
        }
        for (int k = 0; k < heat.heatPumps().size(); k++) {
            net[s.peerIndex(heat.heatPumps().get(k).peer())] -= h.pumpElectricity()[k];
        }
        for (int k = 0; k < heat.chps().size(); k++) {
            net[s.peerIndex(heat.chps().get(k).peer())] += h.chpElectricity()[k];
        }
        double[] traded = new double[net.length];
        for (Trade tr : el.trades()) {
            traded[tr.seller()] += tr.quantity();
            traded[tr.buyer()] -= tr.quantity();
            bound("trade " + s.peers().get(tr.seller()).id() + "->" + s.peers().get(tr.buyer()).id(), tr.quantity(), 0,
                    Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < net.length; i++) {
            balance("electricity position of peer " + s.peers().get(i).id() + " (own injection and assets)", net[i]);
            balance("electricity balance of peer " + s.peers().get(i).id(), el.p()[i] - traded[i]);
        }
        for (int e = 0; e < hp.elTrades.size(); e++) {
            int[] pair = hp.elTrades.get(e);
            double q = el.trades().stream().filter(x -> x.seller() == pair[0] && x.buyer() == pair[1])
                    .mapToDouble(Trade::quantity).sum();
            double z = hp.elTradeCost[e] - (el.mu()[pair[1]] - el.mu()[pair[0]]);
            stationary("trade " + s.peers().get(pair[0]).id() + "->" + s.peers().get(pair[1]).id(), z, q, 0,
                    Double.POSITIVE_INFINITY);
        }
    }

    private void balance(String what, double residual) {
        primal = Math.max(primal, Math.abs(residual));
        if (Math.abs(residual) > tolQ) {
            failPrimal(what + " is off by " + residual + " kWh");
        }
    }

    private void bound(String what, double v, double lb, double ub) {
        double out = Math.max(lb - v, v - ub);
        bounds = Math.max(bounds, Math.max(0, out));
        if (out > tolQ) {
            failPrimal(what + " at " + v + " kWh is outside [" + lb + ", " + ub + "]");
        }
    }

    /** Reduced cost z of a variable v in [lb, ub]: 0 inside, >= 0 at lb, <= 0 at ub. */
    private void stationary(String what, double z, double v, double lb, double ub) {
        boolean atLb = v - lb <= tolQ;
        boolean atUb = ub - v <= tolQ;
        double viol = atLb && atUb ? 0 : atLb ? Math.max(0, -z) : atUb ? Math.max(0, z) : Math.abs(z);
        dual = Math.max(dual, viol);
        if (viol > tolP) {
            fail(what + ": its marginal value differs from its price by " + z + " per kWh at " + v + " kWh");
        }
    }

    /** A capacity price is >= 0 and 0 unless the pipe is full. */
    private void sign(String what, double sigma, double flow, double cap) {
        double viol = Math.max(-sigma, cap - flow > tolQ ? Math.abs(sigma) : 0);
        dual = Math.max(dual, viol);
        if (viol > tolP) {
            fail(what + " is " + sigma + " at flow " + flow + " of " + cap + " kWh");
        }
    }

    private void failPrimal(String message) {
        if (primalFailure == null) {
            primalFailure = message;
        }
    }

    private void fail(String message) {
        if (failure == null) {
            failure = message;
        }
    }
}
