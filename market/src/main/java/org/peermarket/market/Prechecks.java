package org.peermarket.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Exact diagnoses made before any solver runs, so that an infeasible or unbounded market is
 * reported with its cause rather than a solver code.
 *
 * <p>Trades are uncapacitated and every allowed pair can trade both ways, so a market is
 * feasible exactly when, in every connected group of the trading graph, the sum of the peers'
 * pmin is at most 0 and the sum of their pmax at least 0. It is unbounded exactly when the
 * directed graph has a cycle of negative total trade cost.
 */
public final class Prechecks {
    private Prechecks() {}

    /** The clearing's result when a precheck already decides it: infeasible or unbounded. */
    public static Optional<ClearingResult> decided(MarketInput in, SolverInfo precheck) {
        Optional<String> infeasible = infeasibility(in);
        if (infeasible.isPresent()) {
            return Optional.of(ClearingResult.failed(Status.INFEASIBLE, infeasible.get(), precheck));
        }
        return negativeCycle(in).map(cause -> ClearingResult.failed(Status.UNBOUNDED, cause, precheck));
    }

    static Optional<String> infeasibility(MarketInput in) {
        int[] group = groups(in.graph());
        int n = in.size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[group[i]] += in.pmin(i);
            hi[group[i]] += in.pmax(i);
        }
        for (int g = 0; g < n; g++) {
            double scale = 1e-9 * Math.max(1.0, magnitude(in, group, g));
            if (lo[g] > scale) {
                return Optional.of(describe(in, group, g) + " must inject at least " + in.describeQuantity(lo[g])
                        + " in total (sum of pmin) but nobody they can trade with can absorb it");
            }
            if (hi[g] < -scale) {
                return Optional.of(describe(in, group, g) + " must consume at least " + in.describeQuantity(-hi[g])
                        + " in total (minus the sum of pmax) but nobody they can trade with can supply it");
            }
        }
        return Optional.empty();
    }

    /** A directed cycle of negative total cost, found by Bellman-Ford from a virtual source. */
    static Optional<String> negativeCycle(MarketInput in) {
        TradeGraph g = in.graph();
        if (!g.anyNegativeCost()) {
            return Optional.empty();
        }
        int n = in.size();
        double[] dist = new double[n];
        int[] pred = new int[n];
        java.util.Arrays.fill(pred, -1);
        int changed = -1;
        for (int round = 0; round < n; round++) {
            changed = -1;
            for (int e = 0; e < g.edges(); e++) {
                double via = dist[g.seller(e)] + g.cost(e);
                if (via < dist[g.buyer(e)] - 1e-12 * (1 + Math.abs(via))) {
                    dist[g.buyer(e)] = via;
                    pred[g.buyer(e)] = e;
                    changed = g.buyer(e);
                }
            }
            if (changed < 0) {
                return Optional.empty();
            }
        }
        int v = changed;
        for (int i = 0; i < n; i++) {
            v = g.seller(pred[v]);
        }
        List<Integer> cycle = new ArrayList<>();
        double total = 0;
        int u = v;
        do {
            int e = pred[u];
            cycle.add(0, g.seller(e));
            total += g.cost(e);
            u = g.seller(e);
        } while (u != v && cycle.size() <= n);
        String path = cycle.stream().map(in::id).collect(Collectors.joining(" -> ")) + " -> " + in.id(cycle.get(0));
        return Optional.of("the trade cycle " + path + " has total cost " + in.describePrice(total)
                + " < 0: trading round it earns money without limit");
    }

    /** Connected groups of the undirected trading graph: a representative per peer. */
    static int[] groups(TradeGraph g) {
        int n = g.peers();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < g.edges(); e++) {
            int a = find(parent, g.seller(e));
            int b = find(parent, g.buyer(e));
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        for (int i = 0; i < n; i++) {
            parent[i] = find(parent, i);
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static double magnitude(MarketInput in, int[] group, int g) {
        double m = 0;
        for (int i = 0; i < in.size(); i++) {
            if (group[i] == g) {
                m = Math.max(m, Math.max(Math.abs(in.pmin(i)), Math.abs(in.pmax(i))));
            }
        }
        return m;
    }

    private static String describe(MarketInput in, int[] group, int g) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (group[i] == g) {
                members.add(in.id(i));
            }
        }
        String names = members.size() <= 6
                ? String.join(", ", members)
                : String.join(", ", members.subList(0, 5)) + " and " + (members.size() - 5) + " more";
        return members.size() == 1
                ? "peer " + names + " has no trading partner and"
                : "peers " + names + " (a group that trades only among itself)";
    }

    public static String fmt(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
