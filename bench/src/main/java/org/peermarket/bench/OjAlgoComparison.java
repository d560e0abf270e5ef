package org.peermarket.bench;

import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Why central clearing uses OR-Tools PDLP and not ojAlgo: solves the same random markets with
 * ojAlgo's ConvexSolver (active set, built with ConvexSolver.newBuilder as recommended for QP
 * duals) and with CentralP2P, and prints time and objective of each. Usage: n k [seed] [limitSeconds].
 */
public final class OjAlgoComparison {
    private OjAlgoComparison() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int k = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        long limit = args.length > 3 ? Long.parseLong(args[3]) : 60;
        MarketInput in = RandomMarkets.of(n, k, seed);

        new CentralP2P().clear(in); // warm-up
        long t0 = System.nanoTime();
        ClearingResult ours = new CentralP2P().clear(in);
        double oursSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        Optimisation.Result oj = ojAlgo(in, limit);
        double ojSeconds = (System.nanoTime() - t1) / 1e9;

        System.out.printf("n=%d k=%d edges=%d  pdlp: %s %.3f s objective=%.9f  ojalgo: %s %.3f s objective=%.9f%n",
                n, k, in.graph().edges(), ours.status().label(), oursSeconds, ours.objective(),
                oj.getState(), ojSeconds, oj.getValue() + constant(in));
    }

    /** min 0.5 a p^2 + b p + c x, rows p_n - sum_out x + sum_in x = 0, bounds as inequalities. */
    static Optimisation.Result ojAlgo(MarketInput in, long limitSeconds) {
        int n = in.size();
        TradeGraph g = in.graph();
        int vars = n + g.edges();
        ConvexSolver.Builder b = ConvexSolver.newBuilder(vars);
        double[] linear = new double[vars];
        for (int i = 0; i < n; i++) {
            b.objective(i, i, in.a(i));
            linear[i] = -in.b(i); // ojAlgo minimises 0.5 x'Qx - c'x
        }
        for (int e = 0; e < g.edges(); e++) {
            linear[n + e] = -g.cost(e);
        }
        b.linear(linear);
        double[][] rows = new double[n][vars];
        for (int i = 0; i < n; i++) {
            rows[i][i] = 1;
        }
        for (int e = 0; e < g.edges(); e++) {
            rows[g.seller(e)][n + e] -= 1;
            rows[g.buyer(e)][n + e] += 1;
        }
        for (double[] row : rows) {
            b.equality(0.0, row);
        }
        for (int i = 0; i < n; i++) {
            b.inequality(in.pmax(i), unit(vars, i, 1));
            b.inequality(-in.pmin(i), unit(vars, i, -1));
        }
        for (int e = 0; e < g.edges(); e++) {
            b.inequality(0.0, unit(vars, n + e, -1));
        }
        Optimisation.Options options = new Optimisation.Options();
        options.time_abort = limitSeconds * 1000;
        return b.build(options).solve();
    }

    private static double[] unit(int size, int index, double value) {
        double[] row = new double[size];
        row[index] = value;
        return row;
    }

    private static double constant(MarketInput in) {
        double d = 0;
        for (int i = 0; i < in.size(); i++) {
            d += in.d(i);
        }
        return d;
    }
}
