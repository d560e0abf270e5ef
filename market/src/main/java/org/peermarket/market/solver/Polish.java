package org.peermarket.market.solver;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Turns an approximate optimum into an exact one by solving the optimality conditions on the
 * active structure the solver found (which trades flow, which peers sit at a bound).
 *
 * <p>Along a trade that flows, mu_buyer - mu_seller = c_ij, so inside each connected group of
 * flowing trades every price is mu_n = theta + delta_n with delta_n known from the trade costs.
 * Peers inside their bounds have p_n = (mu_n - b_n) / a_n (or fix theta when a_n = 0), and the
 * group's balance sum p_n = 0 then gives theta from one linear equation. The trades that carry
 * these injections are chosen afterwards ({@link TradeSplit}); the caller verifies the result
 * and keeps the solver's own point whenever this one does not pass.
 */
public final class Polish {
    public record Point(double[] p, double[] mu) {}

    private final MarketInput in;
    private final TradeGraph g;
    private final double tolQ;

    private Polish(MarketInput in) {
        this.in = in;
        this.g = in.graph();
        this.tolQ = 1e-7 * Kkt.quantityScale(in);
    }

    public static Optional<Point> apply(MarketInput in, double[] p0, double[] x0, double[] mu0) {
        return new Polish(in).run(p0, x0, mu0);
    }

    private Optional<Point> run(double[] p0, double[] x0, double[] mu0) {
        int n = in.size();
        Forest forest = forest(x0);
        double[] delta = new double[n];
        for (int v : forest.order) {
            int e = forest.parentEdge[v];
            if (e >= 0) {
                int parent = forest.parent[v];
                delta[v] = delta[parent] + (g.buyer(e) == v ? g.cost(e) : -g.cost(e));
            }
        }
        if (!consistent(x0, delta)) {
            return Optional.empty();
        }
        double[] p = p0.clone();
        double[] mu = new double[n];
        // BFS lists each group's members contiguously in forest.order
        for (int start = 0, end; start < n; start = end) {
            int root = forest.root[forest.order[start]];
            end = start;
            while (end < n && forest.root[forest.order[end]] == root) {
                end++;
            }
            int[] members = Arrays.copyOfRange(forest.order, start, end);
            if (!solveGroup(members, delta, p0, mu0, p, mu)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Point(p, mu));
    }

    /** BFS spanning forest over trades that flow in the solver's point. */
    private Forest forest(double[] x0) {
        int n = in.size();
        int[][] adj = adjacency(x0);
        Forest f = new Forest(n);
        boolean[] seen = new boolean[n];
        int k = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            seen[s] = true;
            queue.add(s);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                f.order[k++] = v;
                f.root[v] = s;
                for (int e : adj[v]) {
                    int w = g.seller(e) == v ? g.buyer(e) : g.seller(e);
                    if (!seen[w]) {
                        seen[w] = true;
                        f.parent[w] = v;
                        f.parentEdge[w] = e;
                        queue.add(w);
                    }
                }
            }
        }
        return f;
    }

    private int[][] adjacency(double[] x0) {
        int n = in.size();
        int[] degree = new int[n];
        for (int e = 0; e < g.edges(); e++) {
            if (x0[e] > tolQ) {
                degree[g.seller(e)]++;
                degree[g.buyer(e)]++;
            }
        }
        int[][] adj = new int[n][];
        for (int v = 0; v < n; v++) {
            adj[v] = new int[degree[v]];
        }
        int[] fill = new int[n];
        for (int e = 0; e < g.edges(); e++) {
            if (x0[e] > tolQ) {
                adj[g.seller(e)][fill[g.seller(e)]++] = e;
                adj[g.buyer(e)][fill[g.buyer(e)]++] = e;
            }
        }
        return adj;
    }

    /** Every flowing trade must be tight under delta; a cycle that is not means a wrong guess. */
    private boolean consistent(double[] x0, double[] delta) {
        double tol = 1e-9 * Kkt.priceScale(in);
        for (int e = 0; e < g.edges(); e++) {
            if (x0[e] > tolQ && Math.abs(delta[g.buyer(e)] - delta[g.seller(e)] - g.cost(e)) > tol) {
                return false;
            }
        }
        return true;
    }

    /** Finds theta for one group of peers joined by flowing trades and sets their p and mu. */
    private boolean solveGroup(int[] members, double[] delta, double[] p0, double[] mu0, double[] p, double[] mu) {
        double fixedSum = 0;
        double slopeSum = 0;
        double offsetSum = 0;
        double theta = Double.NaN;
        int linear = -1;
        double thetaLo = Double.NEGATIVE_INFINITY;
        double thetaHi = Double.POSITIVE_INFINITY;
        double thetaGuess = 0;
        for (int v : members) {
            thetaGuess += mu0[v] - delta[v];
            Side side = side(v, p0[v]);
            if (side == Side.LOWER || side == Side.UPPER) {
                p[v] = side == Side.LOWER ? in.pmin(v) : in.pmax(v);
                fixedSum += p[v];
                double bound = in.marginalCost(v, p[v]) - delta[v];
                if (in.pmax(v) - in.pmin(v) <= tolQ) {
                    continue; // a fixed peer accepts any price
                }
                if (side == Side.LOWER) {
                    thetaHi = Math.min(thetaHi, bound);
                } else {
                    thetaLo = Math.max(thetaLo, bound);
                }
            } else if (in.a(v) > 0) {
                slopeSum += 1 / in.a(v);
                offsetSum += (delta[v] - in.b(v)) / in.a(v);
            } else {
                double t = in.b(v) - delta[v];
                if (!Double.isNaN(theta) && Math.abs(t - theta) > 1e-12 * (1 + Math.abs(t))) {
                    return false;
                }
                theta = t;
                linear = v;
            }
        }
        if (Double.isNaN(theta)) {
            if (slopeSum > 0) {
                theta = -(fixedSum + offsetSum) / slopeSum;
            } else {
                theta = Math.max(thetaLo, Math.min(thetaHi, thetaGuess / members.length));
            }
        }
        double sum = 0;
        for (int v : members) {
            mu[v] = theta + delta[v];
            Side side = side(v, p0[v]);
            if (side == Side.INTERIOR && in.a(v) > 0) {
                p[v] = (mu[v] - in.b(v)) / in.a(v);
            } else if (side == Side.INTERIOR) {
                p[v] = p0[v];
            }
            if (v != linear) {
                sum += p[v];
            }
        }
        if (linear >= 0) {
            p[linear] = -sum;
        }
        return true;
    }

    private enum Side { LOWER, UPPER, INTERIOR }

    private Side side(int v, double pv) {
        if (in.pmax(v) - in.pmin(v) <= tolQ) {
            return pv - in.pmin(v) <= in.pmax(v) - pv ? Side.LOWER : Side.UPPER;
        }
        if (pv - in.pmin(v) <= tolQ) {
            return Side.LOWER;
        }
        if (in.pmax(v) - pv <= tolQ) {
            return Side.UPPER;
        }
        return Side.INTERIOR;
    }

    private static final class Forest {
        final int[] order;
        final int[] parent;
        final int[] parentEdge;
        final int[] root;

        Forest(int n) {
            order = new int[n];
            parent = new int[n];
            parentEdge = new int[n];
            root = new int[n];
            Arrays.fill(parent, -1);
            Arrays.fill(parentEdge, -1);
        }
    }
}
