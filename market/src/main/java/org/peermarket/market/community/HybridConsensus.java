package org.peermarket.market.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.Status;
import org.peermarket.market.solver.ConvexSolve;

/**
 * Consensus ADMM between every manager and its sub-communities (docs/hybrid-market.md,
 * markets.md §3): the fallback of {@link HybridDecomposed} when its cuts converge slowly.
 *
 * <p>Each sub-community k has two copies of its net position per period: its own e_k (the
 * net of its pool, in its manager's level) and its parent's z_k (a member position in the
 * parent's level); the constraint is e_k = z_k with scaled dual u_k. The levels split into two
 * blocks by depth (the root and every even depth; every odd depth): every constraint joins one
 * level of each block, so this is two-block ADMM, which converges for any convex tree. A level
 * sees only its own community, 0.5 rho (e - z + u)^2 on its own position (z, u from its parent)
 * and 0.5 rho (z_k - e_k - u_k)^2 on each sub-community's (e_k, u_k from that child). rho
 * follows residual balancing as in {@code p2p.Negotiation}. The price of k's position is rho u_k.
 *
 * <p>When the residuals are tight, the final point is assembled bottom-up: each level solves
 * once more with its sub-communities fixed at their final nets, so parent and child positions
 * match exactly and the dispatch and prices are each level's own solution.
 */
final class HybridConsensus {
    /** Primal and dual residual tolerances relative to the quantity and price scales. */
    static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 3000;
    /** Residual balancing: rho changes by 2 when one residual exceeds the other by this factor. */
    static final double BALANCE = 10;

    private final HybridDecomposed.Coordinator co;
    private final HorizonProgram j;
    private final int T;
    /** communities (agent indices) and, per level (-1 = root), its sub-communities */
    private final List<Integer> communities = new ArrayList<>();
    private final Map<Integer, List<Integer>> children = new HashMap<>();
    private final Map<Integer, double[]> e = new HashMap<>();
    private final Map<Integer, double[]> z = new HashMap<>();
    private final Map<Integer, double[]> u = new HashMap<>();
    long iterations;

    HybridConsensus(HybridDecomposed.Coordinator co) {
        this.co = co;
        this.j = co.j;
        this.T = j.periods;
        children.put(-1, subCommunities(-1));
        for (int i = j.peers; i < j.agents.size(); i++) {
            if (i != j.outside) {
                communities.add(i);
                children.put(i, subCommunities(i));
                e.put(i, new double[T]);
                z.put(i, new double[T]);
                u.put(i, new double[T]);
            }
        }
    }

    private List<Integer> subCommunities(int node) {
        return co.members(node).stream().filter(i -> i >= j.peers).toList();
    }

    /** Depth of a level: 0 for the root, 1 for a community of the root market, ... */
    private int depth(int node) {
        return node < 0 ? 0 : j.level[node] + 1;
    }

    /** Runs ADMM to tight residuals, then writes the assembled point into co.x and co.y. */
    void solve(double quantityScale, double priceScale) {
        double rho = priceScale / quantityScale;
        double edges = Math.sqrt(Math.max(1, communities.size() * T));
        double epsPrimal = TOLERANCE * quantityScale * edges;
        double epsDual = TOLERANCE * priceScale * edges;
        List<Integer> even = new ArrayList<>();
        List<Integer> odd = new ArrayList<>();
        even.add(-1);
        for (int c : communities) {
            (depth(c) % 2 == 0 ? even : odd).add(c);
        }
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            iterations = it;
            Map<Integer, double[]> before = snapshotSecondBlock();
            for (int node : even) {
                level(node, rho);
            }
            for (int node : odd) {
                level(node, rho);
            }
            double r = 0;
            double s = 0;
            Map<Integer, double[]> after = snapshotSecondBlock();
            for (int c : communities) {
                for (int t = 0; t < T; t++) {
                    double gap = e.get(c)[t] - z.get(c)[t];
                    u.get(c)[t] += gap;
                    r += gap * gap;
                    double d = after.get(c)[t] - before.get(c)[t];
                    s += d * d;
                }
            }
            r = Math.sqrt(r);
            s = rho * Math.sqrt(s);
            if (r <= epsPrimal && s <= epsDual) {
                assemble(rho);
                return;
            }
            double factor = r > BALANCE * s ? 2 : s > BALANCE * r ? 0.5 : 1;
            if (factor != 1) {
                rho *= factor;
                for (double[] v : u.values()) {
                    for (int t = 0; t < T; t++) {
                        v[t] /= factor;
                    }
                }
            }
        }
        throw new HybridDecomposed.Failure(Status.NOT_CONVERGED, "levels did not agree within " + MAX_ITERATIONS
                + " consensus (ADMM) rounds");
    }

    /** The copy of each position that sits in the second (odd-depth) block. */
    private Map<Integer, double[]> snapshotSecondBlock() {
        Map<Integer, double[]> m = new HashMap<>();
        for (int c : communities) {
            m.put(c, (depth(c) % 2 == 1 ? e : z).get(c).clone());
        }
        return m;
    }

    /** One ADMM update of a level: its own community with the consensus terms. */
    private void level(int node, double rho) {
        List<Integer> kids = children.get(node);
        double[][] centre = new double[kids.size()][];
        double[][] metric = new double[kids.size()][];
        for (int k = 0; k < kids.size(); k++) {
            centre[k] = new double[T];
            metric[k] = new double[T];
            for (int t = 0; t < T; t++) {
                centre[k][t] = e.get(kids.get(k))[t] + u.get(kids.get(k))[t];
                metric[k][t] = rho;
            }
        }
        double[] own = null;
        if (node >= 0) {
            own = new double[T];
            for (int t = 0; t < T; t++) {
                own[t] = z.get(node)[t] - u.get(node)[t];
            }
        }
        HybridDecomposed.NodeProgram np = new HybridDecomposed.NodeProgram(co, node, kids, null, own, rho, centre,
                metric, null);
        double[] x = solved(np, node).x();
        if (node >= 0) {
            for (int t = 0; t < T; t++) {
                e.get(node)[t] = x[np.netIndex[t]];
            }
        }
        for (int k = 0; k < kids.size(); k++) {
            z.put(kids.get(k), np.position(x, k));
        }
    }

    private ConvexSolve.Solution solved(HybridDecomposed.NodeProgram np, int node) {
        ConvexSolve.Solution sol = ConvexSolve.solve(np.program);
        co.solves++;
        if (!sol.ok()) {
            throw new HybridDecomposed.Failure(sol.status(), "level of " + (node < 0 ? "the root market"
                    : "community '" + j.agents.get(node) + "'") + " (consensus round): "
                    + HorizonClearing.cause(sol, HorizonProgram.Mode.HYBRID));
        }
        return sol;
    }

    /**
     * Bottom-up: each level solves its last update again with its sub-communities fixed at their
     * final nets, keeps its dispatch and prices, and passes its own net up.
     */
    private void assemble(double rho) {
        List<Integer> order = new ArrayList<>(communities);
        order.sort((a, b) -> Integer.compare(depth(b), depth(a)));
        order.add(-1);
        Map<Integer, double[]> finalNet = new HashMap<>();
        for (int node : order) {
            List<Integer> kids = children.get(node);
            double[][] fixed = new double[kids.size()][];
            for (int k = 0; k < kids.size(); k++) {
                fixed[k] = finalNet.get(kids.get(k));
            }
            double[] own = null;
            if (node >= 0) {
                own = new double[T];
                for (int t = 0; t < T; t++) {
                    own[t] = z.get(node)[t] - u.get(node)[t];
                }
            }
            // the level's own position keeps its consensus term, so its net is its last update's
            HybridDecomposed.NodeProgram np = new HybridDecomposed.NodeProgram(co, node, kids, null, own, rho,
                    new double[kids.size()][], new double[kids.size()][], fixed);
            ConvexSolve.Solution sol = solved(np, node);
            np.keepPrimal(sol.x());
            np.keepDuals(sol.rowDual());
            if (node >= 0) {
                double[] net = new double[T];
                for (int t = 0; t < T; t++) {
                    net[t] = sol.x()[np.netIndex[t]];
                }
                finalNet.put(node, net);
            }
        }
    }
}
