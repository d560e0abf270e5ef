package org.peermarket.market.heat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HeatResult;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.model.HeatSpec;
import org.peermarket.model.Scenario;

/**
 * Reads one heat-market period back from its solution (quantities from x, prices from the row
 * duals), checks it with {@link HeatCheck} and gives the electricity result (joint market: the
 * peers' positions, mu and trades; otherwise no peers) and the heat result. A failed solve or
 * check is a reported status with its cause, never a crash.
 */
record HeatReading(ClearingResult electricity, HeatResult.Period heat) {
    /** Trades below this many kWh are not reported (the solver's zeros). */
    private static final double TRADE_FLOOR = 1e-9;

    static HeatReading of(HeatProgram hp, ConvexSolve.Solution sol) {
        SolverInfo info = new SolverInfo(sol.solver(), sol.iterations(), sol.seconds(), sol.polished());
        if (!sol.ok()) {
            Status status = diagnose(hp, sol);
            return failed(hp, status, cause(hp.mode, status, sol), info);
        }
        double[] x = sol.x();
        double[] y = sol.rowDual();
        HeatResult.Period h = heatPeriod(hp, x, y, Status.OPTIMAL, "");
        double[] ownP = Arrays.stream(hp.pVar).mapToDouble(v -> x[v]).toArray();
        ClearingResult el = electricity(hp, x, y, ownP, info, hp.program.objective(x), Checks.NONE);
        HeatCheck.Outcome check = HeatCheck.of(hp, h, el, ownP);
        if (check.failure() != null) {
            return failed(hp, Status.NOT_SOLVED, "the solver's point fails the heat market's checks: " + check.failure(), info);
        }
        return new HeatReading(electricity(hp, x, y, ownP, info, el.objective(), check.checks()), h);
    }

    /** A solver that stops without an answer: an LP with the same constraints and no costs tells infeasible apart. */
    private static Status diagnose(HeatProgram hp, ConvexSolve.Solution sol) {
        if (sol.status() != Status.NOT_SOLVED) {
            return sol.status();
        }
        ConvexProgram p = hp.program;
        ConvexProgram feasibility = new ConvexProgram();
        for (int i = 0; i < p.variables(); i++) {
            feasibility.addVariable(p.lb(i), p.ub(i), 0);
        }
        for (int r = 0; r < p.rows(); r++) {
            int row = feasibility.addRow(p.rowLb(r), p.rowUb(r));
            ConvexProgram.Row entries = p.row(r);
            for (int k = 0; k < entries.index().length; k++) {
                feasibility.set(row, entries.index()[k], entries.value()[k]);
            }
        }
        return ConvexSolve.solve(feasibility).status() == Status.INFEASIBLE ? Status.INFEASIBLE : Status.NOT_SOLVED;
    }

    private static String cause(HeatProgram.Mode mode, Status status, ConvexSolve.Solution sol) {
        String what = switch (status) {
            case INFEASIBLE -> switch (mode) {
                case P2P -> "no set of heat trades meets every heat peer's bounds within the pipe capacities";
                case COMMUNITY -> "no dispatch meets every node's heat balance within the pipe capacities and bounds";
                case JOINT -> "no dispatch meets every node's heat balance and every electricity peer's balance within"
                        + " the pipe capacities and the peers' and assets' bounds";
            };
            case UNBOUNDED -> "the objective is unbounded (a peer without bounds)";
            default -> "the solver stopped without a verified optimum";
        };
        return what + " (solver " + sol.solver() + (sol.message().isBlank() ? "" : ": " + sol.message()) + ")";
    }

    private static HeatReading failed(HeatProgram hp, Status status, String cause, SolverInfo info) {
        double[] none = new double[0];
        return new HeatReading(ClearingResult.failed(status, cause, info), new HeatResult.Period(hp.t, status, cause,
                none, none, none, none, none, List.of(), none, none, none, none, Double.NaN, Double.NaN));
    }

    private static HeatResult.Period heatPeriod(HeatProgram hp, double[] x, double[] y, Status status, String cause) {
        HeatSpec heat = hp.heat;
        double[] h = Arrays.stream(hp.hVar).mapToDouble(v -> x[v]).toArray();
        double[] nodePrice = new double[heat.nodes().size()];
        double[] price = new double[h.length];
        double[] flow = new double[heat.pipes().size()];
        double[] sigma = new double[flow.length];
        List<HeatResult.HeatTrade> trades = new ArrayList<>();
        if (hp.mode == HeatProgram.Mode.P2P) {
            Arrays.fill(nodePrice, Double.NaN);
            for (int i = 0; i < h.length; i++) {
                price[i] = y[hp.peerRow[i]];
            }
            for (int p = 0; p < flow.length; p++) {
                sigma[p] = Math.max(0, -y[hp.pipeRow[p]]);
            }
            for (HeatProgram.Route r : hp.routes) {
                double sent = x[r.var()];
                for (int k = 0; k < r.pipes().length; k++) {
                    flow[r.pipes()[k]] += r.inflow()[k] * sent;
                }
                if (sent > TRADE_FLOOR) {
                    trades.add(trade(hp, r, sent, price));
                }
            }
        } else {
            for (int k = 0; k < nodePrice.length; k++) {
                nodePrice[k] = y[hp.nodeRow[k]];
            }
            for (int i = 0; i < h.length; i++) {
                price[i] = nodePrice[hp.nodeOf[i]];
            }
            for (int p = 0; p < flow.length; p++) {
                HeatSpec.Pipe pipe = heat.pipes().get(p);
                flow[p] = x[hp.flowVar[p]];
                sigma[p] = Math.max(0, (1 - pipe.loss()) * nodePrice[heat.nodeIndex(pipe.to())]
                        - nodePrice[heat.nodeIndex(pipe.from())]);
            }
        }
        double[] pumpEl = Arrays.stream(hp.pumpVar).mapToDouble(v -> x[v]).toArray();
        double[] pumpHeat = new double[pumpEl.length];
        for (int k = 0; k < pumpEl.length; k++) {
            pumpHeat[k] = heat.heatPumps().get(k).cop() * pumpEl[k];
        }
        double[] chpHeat = Arrays.stream(hp.chpVar).mapToDouble(v -> x[v]).toArray();
        double[] chpEl = new double[chpHeat.length];
        double cost = 0;
        for (int k = 0; k < chpHeat.length; k++) {
            chpEl[k] = heat.chps().get(k).ratio() * chpHeat[k];
            cost += heat.chps().get(k).costPerHeat() * chpHeat[k];
        }
        for (int i = 0; i < h.length; i++) {
            cost += heat.peers().get(i).cost().value(hp.t, h[i]);
        }
        double surplus = surplus(hp, flow, nodePrice, trades);
        return new HeatResult.Period(hp.t, status, cause, h, price, nodePrice, flow, sigma, trades, pumpEl, pumpHeat,
                chpHeat, chpEl, cost, surplus);
    }

    private static HeatResult.HeatTrade trade(HeatProgram hp, HeatProgram.Route r, double sent, double[] price) {
        HeatSpec.HeatPeer seller = hp.heat.peers().get(r.seller());
        HeatSpec.HeatPeer buyer = hp.heat.peers().get(r.buyer());
        double lambda = price[r.seller()] + seller.pref(buyer.id());
        double buyerPrice = price[r.buyer()] - buyer.pref(seller.id()) / r.delivered();
        return new HeatResult.HeatTrade(r.seller(), r.buyer(), sent, r.delivered() * sent, lambda, buyerPrice);
    }

    /** What the network operator keeps: buyers' payments minus sellers' receipts (P2P), or the nodal rent. */
    private static double surplus(HeatProgram hp, double[] flow, double[] nodePrice, List<HeatResult.HeatTrade> trades) {
        double s = 0;
        if (hp.mode == HeatProgram.Mode.P2P) {
            for (HeatResult.HeatTrade tr : trades) {
                s += tr.buyerPrice() * tr.delivered() - tr.price() * tr.sent();
            }
            return s;
        }
        for (int p = 0; p < flow.length; p++) {
            HeatSpec.Pipe pipe = hp.heat.pipes().get(p);
            s += flow[p] * ((1 - pipe.loss()) * nodePrice[hp.heat.nodeIndex(pipe.to())]
                    - nodePrice[hp.heat.nodeIndex(pipe.from())]);
        }
        return s;
    }

    /** The electricity market: each peer's position with its assets, mu and the trades (empty without peers). */
    private static ClearingResult electricity(HeatProgram hp, double[] x, double[] y, double[] ownP, SolverInfo info,
                                              double objective, Checks checks) {
        Scenario s = hp.s;
        double[] p = ownP.clone();
        double[] mu = Arrays.stream(hp.elRow).mapToDouble(r -> y[r]).toArray();
        for (int k = 0; k < hp.pumpVar.length; k++) {
            p[s.peerIndex(hp.heat.heatPumps().get(k).peer())] -= x[hp.pumpVar[k]];
        }
        for (int k = 0; k < hp.chpVar.length; k++) {
            HeatSpec.Chp c = hp.heat.chps().get(k);
            p[s.peerIndex(c.peer())] += c.ratio() * x[hp.chpVar[k]];
        }
        List<Trade> trades = new ArrayList<>();
        double[] volume = leastVolume(hp, p, mu, x);
        for (int k = 0; k < hp.elTrades.size(); k++) {
            int[] e = hp.elTrades.get(k);
            double q = volume[k];
            if (q > TRADE_FLOOR) {
                double price = mu[e[0]] + s.peers().get(e[0]).pref(s.peers().get(e[1]).id());
                trades.add(new Trade(e[0], e[1], q, price, 0));
            }
        }
        return new ClearingResult(Status.OPTIMAL, "", objective, p, mu, trades, info, checks);
    }

    /**
     * With tied trade costs the solver's trades may relay energy through peers; like the P2P
     * market's TradeSplit, this carries the same positions on the tight trades (mu_j - mu_i = c_ij)
     * with the least total volume. The objective does not change: tight trades cost what the prices
     * say. Keeps the solver's trades if the split fails.
     */
    private static double[] leastVolume(HeatProgram hp, double[] p, double[] mu, double[] x) {
        double[] solver = hp.elTrades.stream().mapToDouble(e -> x[e[2]]).toArray();
        double scale = 0;
        for (double v : mu) {
            scale = Math.max(scale, Math.abs(v));
        }
        ConvexProgram split = new ConvexProgram();
        int[] rows = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            rows[i] = split.addRow(p[i], p[i]);
        }
        int[] var = new int[solver.length];
        for (int k = 0; k < solver.length; k++) {
            int[] e = hp.elTrades.get(k);
            boolean tight = Math.abs(hp.elTradeCost[k] + mu[e[0]] - mu[e[1]]) <= 1e-9 * Math.max(1e-9, scale);
            var[k] = tight ? split.addVariable(0, Double.POSITIVE_INFINITY, 1) : -1;
            if (tight) {
                split.set(rows[e[0]], var[k], 1);
                split.set(rows[e[1]], var[k], -1);
            }
        }
        ConvexSolve.Solution sol = ConvexSolve.solve(split);
        if (!sol.ok()) {
            return solver;
        }
        double[] out = new double[solver.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = var[k] < 0 ? 0 : Math.max(0, sol.x()[var[k]]);
        }
        return out;
    }
}
