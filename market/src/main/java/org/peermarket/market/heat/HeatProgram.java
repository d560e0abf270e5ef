package org.peermarket.market.heat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.model.HeatSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;

/**
 * One period of a heat market as a {@link ConvexProgram} (docs/heat-market.md). P2P: heat trades
 * routed on the one directed path between two nodes, a balance row per heat peer and a capacity
 * row per pipe. Community and joint: pipe flows with a balance row per node; joint adds the P2P
 * electricity market of markets.md §1 whose peers' balances carry their heat pumps and CHPs.
 */
final class HeatProgram {
    enum Mode { P2P, COMMUNITY, JOINT }

    final Scenario s;
    final HeatSpec heat;
    final Mode mode;
    final int t;
    final ConvexProgram program = new ConvexProgram();
    final int[] hVar;
    final int[] nodeOf;
    /** P2P: heat trades (seller, buyer) with their path's pipes, inflow coefficients and delivered fraction. */
    final List<Route> routes = new ArrayList<>();
    final int[] peerRow;
    final int[] pipeRow;
    /** Community and joint: pipe flow variables and node balance rows. */
    final int[] flowVar;
    final int[] nodeRow;
    /** Joint: electricity peers, trades, rows; heat pumps' electricity and CHPs' heat variables. */
    final int[] pVar;
    final int[] elRow;
    final List<int[]> elTrades = new ArrayList<>(); // seller, buyer, variable
    final double[] elTradeCost;
    final int[] pumpVar;
    final int[] chpVar;

    record Route(int seller, int buyer, int var, int[] pipes, double[] inflow, double delivered, double cost) {}

    HeatProgram(Scenario s, Mode mode, int t) {
        this.s = s;
        this.heat = s.heat().orElseThrow();
        this.mode = mode;
        this.t = t;
        int n = heat.peers().size();
        hVar = new int[n];
        nodeOf = new int[n];
        for (int i = 0; i < n; i++) {
            HeatSpec.HeatPeer p = heat.peers().get(i);
            nodeOf[i] = heat.nodeIndex(p.node());
            hVar[i] = program.addVariable(p.hmin().at(t), p.hmax().at(t), p.cost().b().at(t), p.cost().a().at(t));
            program.addConstant(p.cost().d());
        }
        boolean joint = mode == Mode.JOINT;
        pVar = joint ? electricityPeers() : new int[0];
        pumpVar = joint ? pumps() : new int[0];
        chpVar = joint ? chps() : new int[0];
        if (mode == Mode.P2P) {
            peerRow = new int[n];
            pipeRow = new int[heat.pipes().size()];
            flowVar = new int[0];
            nodeRow = new int[0];
            buildRoutes();
        } else {
            peerRow = new int[0];
            pipeRow = new int[0];
            flowVar = flows();
            nodeRow = nodeRows();
        }
        elRow = joint ? electricityRows() : new int[0];
        elTradeCost = elTrades.stream().mapToDouble(e -> program.c(e[2])).toArray();
    }

    private int[] electricityPeers() {
        int[] v = new int[s.peers().size()];
        for (int i = 0; i < v.length; i++) {
            Peer p = s.peers().get(i);
            v[i] = program.addVariable(p.pmin().at(t), p.pmax().at(t), p.cost().b().at(t), p.cost().a().at(t));
            program.addConstant(p.cost().d());
        }
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                if (s.mayTrade(i, j)) {
                    double c = s.peers().get(i).pref(s.peers().get(j).id()) + s.peers().get(j).pref(s.peers().get(i).id());
                    elTrades.add(new int[] {i, j, program.addVariable(0, Double.POSITIVE_INFINITY, c)});
                }
            }
        }
        return v;
    }

    private int[] pumps() {
        return heat.heatPumps().stream()
                .mapToInt(hp -> program.addVariable(0, hp.heatMax() / hp.cop(), 0)).toArray();
    }

    private int[] chps() {
        return heat.chps().stream().mapToInt(c -> program.addVariable(0, c.heatMax(), c.costPerHeat())).toArray();
    }

    private int[] flows() {
        return heat.pipes().stream().mapToInt(p -> program.addVariable(0, p.capacity(), 0)).toArray();
    }

    /** Per node: its peers' injections + what pipes deliver - what they take + assets' heat = 0 (dual: node price). */
    private int[] nodeRows() {
        int[] rows = new int[heat.nodes().size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = program.addRow(0, 0);
        }
        for (int i = 0; i < hVar.length; i++) {
            program.set(rows[nodeOf[i]], hVar[i], 1);
        }
        for (int p = 0; p < flowVar.length; p++) {
            HeatSpec.Pipe pipe = heat.pipes().get(p);
            program.set(rows[heat.nodeIndex(pipe.to())], flowVar[p], 1 - pipe.loss());
            program.set(rows[heat.nodeIndex(pipe.from())], flowVar[p], -1);
        }
        for (int k = 0; k < pumpVar.length; k++) {
            HeatSpec.HeatPump hp = heat.heatPumps().get(k);
            program.set(rows[heat.nodeIndex(hp.node())], pumpVar[k], hp.cop());
        }
        for (int k = 0; k < chpVar.length; k++) {
            program.set(rows[heat.nodeIndex(heat.chps().get(k).node())], chpVar[k], 1);
        }
        return rows;
    }

    /** Per electricity peer: p + its CHPs' electricity - its heat pumps' - sales + purchases = 0 (dual: mu). */
    private int[] electricityRows() {
        int[] rows = new int[pVar.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = program.addRow(0, 0);
            program.set(rows[i], pVar[i], 1);
        }
        for (int[] e : elTrades) {
            program.set(rows[e[0]], e[2], -1);
            program.set(rows[e[1]], e[2], 1);
        }
        for (int k = 0; k < pumpVar.length; k++) {
            program.set(rows[s.peerIndex(heat.heatPumps().get(k).peer())], pumpVar[k], -1);
        }
        for (int k = 0; k < chpVar.length; k++) {
            HeatSpec.Chp c = heat.chps().get(k);
            program.set(rows[s.peerIndex(c.peer())], chpVar[k], c.ratio());
        }
        return rows;
    }

    /** Heat peer rows h_i - sent + delivered = 0 and pipe rows inflow <= capacity, for every routable pair. */
    private void buildRoutes() {
        for (int i = 0; i < peerRow.length; i++) {
            peerRow[i] = program.addRow(0, 0);
            program.set(peerRow[i], hVar[i], 1);
        }
        for (int p = 0; p < pipeRow.length; p++) {
            pipeRow[p] = program.addRow(Double.NEGATIVE_INFINITY, heat.pipes().get(p).capacity());
        }
        for (int i = 0; i < peerRow.length; i++) {
            for (int j = 0; j < peerRow.length; j++) {
                int[] path = i == j ? null : path(nodeOf[i], nodeOf[j]);
                if (path != null) {
                    addRoute(i, j, path);
                }
            }
        }
    }

    private void addRoute(int i, int j, int[] path) {
        HeatSpec.HeatPeer a = heat.peers().get(i);
        HeatSpec.HeatPeer b = heat.peers().get(j);
        double cost = a.pref(b.id()) + b.pref(a.id());
        int var = program.addVariable(0, Double.POSITIVE_INFINITY, cost);
        double[] inflow = new double[path.length];
        double left = 1;
        for (int k = 0; k < path.length; k++) {
            inflow[k] = left;
            program.set(pipeRow[path[k]], var, left);
            left *= 1 - heat.pipes().get(path[k]).loss();
        }
        program.set(peerRow[i], var, -1);
        program.set(peerRow[j], var, left);
        routes.add(new Route(i, j, var, path, inflow, left, cost));
    }

    /** The pipes of the directed path from node a to node b (none when a == b), or null when there is none. */
    private int[] path(int a, int b) {
        int nodes = heat.nodes().size();
        int[] via = new int[nodes];
        Arrays.fill(via, -2);
        via[a] = -1;
        Deque<Integer> queue = new ArrayDeque<>(List.of(a));
        while (!queue.isEmpty()) {
            int k = queue.poll();
            for (int p = 0; p < heat.pipes().size(); p++) {
                HeatSpec.Pipe pipe = heat.pipes().get(p);
                int to = heat.nodeIndex(pipe.to());
                if (heat.nodeIndex(pipe.from()) == k && via[to] == -2) {
                    via[to] = p;
                    queue.add(to);
                }
            }
        }
        if (via[b] == -2) {
            return null;
        }
        List<Integer> pipes = new ArrayList<>();
        for (int k = b; k != a; k = heat.nodeIndex(heat.pipes().get(via[k]).from())) {
            pipes.add(0, via[k]);
        }
        return pipes.stream().mapToInt(Integer::intValue).toArray();
    }
}
