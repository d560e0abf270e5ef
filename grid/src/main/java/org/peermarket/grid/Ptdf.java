package org.peermarket.grid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * DC power transfer distribution factors with the case's reference bus as slack, as MATPOWER's
 * {@code makePTDF(mpc)}: branch susceptance b = status / (x * tap) (tap 0 read as 1), H = Bf * inv(Bbus) on
 * the non-slack buses, a zero slack column, zero rows for out-of-service branches. Phase shifts do not enter.
 * Entry [l][i]: MW on branch l (from to to) per MW injected at bus i and withdrawn at the slack.
 * When the in-service branches form a tree (a radial feeder) the same matrix is found by walking the tree:
 * every entry is 0 or +-1 whatever the impedances, and the walk takes O(n * depth) instead of a dense solve.
 */
public final class Ptdf {
    private final GridCase grid;
    private final double[][] h;

    private Ptdf(GridCase grid, double[][] h) {
        this.grid = grid;
        this.h = h;
    }

    public static Ptdf of(GridCase grid) {
        double[][] tree = tree(grid);
        return new Ptdf(grid, tree != null ? tree : dense(grid));
    }

    public GridCase grid() {
        return grid;
    }

    /** Branches x buses, in case order; a copy. */
    public double[][] matrix() {
        double[][] copy = new double[h.length][];
        for (int l = 0; l < h.length; l++) {
            copy[l] = h[l].clone();
        }
        return copy;
    }

    public double get(int branch, int bus) {
        return h[branch][bus];
    }

    /** Branch flows (case order) for bus injections (case order, MW; the slack's value does not matter). */
    public double[] flows(double[] injections) {
        if (injections.length != grid.buses().size()) {
            throw new IllegalArgumentException("need one injection per bus");
        }
        double[] f = new double[h.length];
        for (int l = 0; l < h.length; l++) {
            double sum = 0;
            for (int i = 0; i < injections.length; i++) {
                sum += h[l][i] * injections[i];
            }
            f[l] = sum;
        }
        return f;
    }

    /**
     * Susceptance of each branch in the DC model: status / (x * ratio); 0 for a branch at an isolated (type 4)
     * bus, which MATPOWER takes out of service.
     */
    static double[] susceptances(GridCase grid) {
        List<Branch> branches = grid.branches();
        double[] b = new double[branches.size()];
        for (int l = 0; l < b.length; l++) {
            Branch br = branches.get(l);
            b[l] = active(grid, br) ? 1 / (br.x() * br.ratio()) : 0;
        }
        return b;
    }

    static boolean active(GridCase grid, Branch br) {
        return br.inService() && !isolated(grid, grid.index(br.from())) && !isolated(grid, grid.index(br.to()));
    }

    static boolean isolated(GridCase grid, int bus) {
        return grid.buses().get(bus).type() == Bus.ISOLATED;
    }

    /** Each bus's row in the reduced system: -1 for the slack and isolated buses (their columns stay zero). */
    static int[] positions(GridCase grid) {
        int[] pos = new int[grid.buses().size()];
        int slack = grid.slack();
        int k = 0;
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i == slack || isolated(grid, i) ? -1 : k++;
        }
        return pos;
    }

    /** Bbus = Cft' * diag(b) * Cft, the n x n nodal susceptance matrix (makeBdc). */
    static double[][] bbus(GridCase grid, double[] b) {
        int n = grid.buses().size();
        double[][] bbus = new double[n][n];
        for (int l = 0; l < b.length; l++) {
            Branch br = grid.branches().get(l);
            int f = grid.index(br.from());
            int t = grid.index(br.to());
            bbus[f][f] += b[l];
            bbus[t][t] += b[l];
            bbus[f][t] -= b[l];
            bbus[t][f] -= b[l];
        }
        return bbus;
    }

    /** LU of Bbus without the slack (and isolated) rows and columns; singular means an island without a slack. */
    static LU<Double> reducedLu(GridCase grid, double[][] bbus, int[] pos) {
        int n = bbus.length;
        int size = Arrays.stream(pos).max().orElse(-1) + 1;
        R064Store reduced = R064Store.FACTORY.make(size, size);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (pos[i] >= 0 && pos[j] >= 0 && bbus[i][j] != 0) {
                    reduced.set(pos[i], pos[j], bbus[i][j]);
                }
            }
        }
        LU<Double> lu = LU.R064.make(reduced);
        if (!lu.decompose(reduced) || !lu.isSolvable()) {
            throw new ValidationException(new Problem(grid.name() + ": mpc.branch", null,
                    "the in-service branches do not connect every bus to the reference bus"));
        }
        return lu;
    }

    /** The PTDF of a radial network by its tree, or null when the in-service branches are not a spanning tree. */
    static double[][] tree(GridCase grid) {
        int[][] tree = spanningTree(grid);
        if (tree == null) {
            return null;
        }
        int[] parent = tree[0];
        int[] up = tree[1];
        int slack = grid.slack();
        List<Branch> branches = grid.branches();
        double[][] h = new double[branches.size()][parent.length];
        for (int i = 0; i < parent.length; i++) {
            // a unit injected at i flows up to the slack: along a branch whose from end is the lower bus, else against
            for (int v = i; parent[v] >= 0; v = parent[v]) {
                int l = up[v];
                h[l][i] = grid.index(branches.get(l).from()) == v ? 1 : -1;
            }
        }
        return h;
    }

    /**
     * {parent, branch to the parent} per bus of the tree rooted at the slack (-1 at the slack and at isolated
     * buses), or null unless the active branches form a tree spanning every active bus.
     */
    private static int[][] spanningTree(GridCase grid) {
        int n = grid.buses().size();
        List<Branch> branches = grid.branches();
        long activeBuses = IntStream.range(0, n).filter(i -> !isolated(grid, i)).count();
        List<List<Integer>> incident = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            incident.add(new ArrayList<>());
        }
        int activeBranches = 0;
        for (int l = 0; l < branches.size(); l++) {
            if (active(grid, branches.get(l))) {
                incident.get(grid.index(branches.get(l).from())).add(l);
                incident.get(grid.index(branches.get(l).to())).add(l);
                activeBranches++;
            }
        }
        if (activeBranches != activeBuses - 1) {
            return null;
        }
        int[] parent = new int[n];
        int[] up = new int[n];
        Arrays.fill(parent, -2);
        int slack = grid.slack();
        parent[slack] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(slack));
        int reached = 1;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int l : incident.get(u)) {
                int f = grid.index(branches.get(l).from());
                int v = f == u ? grid.index(branches.get(l).to()) : f;
                if (parent[v] == -2) {
                    parent[v] = u;
                    up[v] = l;
                    queue.add(v);
                    reached++;
                }
            }
        }
        if (reached != activeBuses) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            parent[i] = Math.max(parent[i], -1);
        }
        return new int[][] {parent, up};
    }

    static double[][] dense(GridCase grid) {
        int n = grid.buses().size();
        int m = grid.branches().size();
        double[][] h = new double[m][n];
        int[] pos = positions(grid);
        int size = Arrays.stream(pos).max().orElse(-1) + 1;
        if (size == 0) {
            return h;
        }
        double[] b = susceptances(grid);
        LU<Double> lu = reducedLu(grid, bbus(grid, b), pos);
        // H' = inv(Bred) * Bf' because Bred is symmetric: one solve with every branch as a right-hand side
        R064Store bfT = R064Store.FACTORY.make(size, m);
        for (int l = 0; l < m; l++) {
            Branch br = grid.branches().get(l);
            int f = grid.index(br.from());
            int t = grid.index(br.to());
            if (pos[f] >= 0) {
                bfT.add(pos[f], l, b[l]);
            }
            if (pos[t] >= 0) {
                bfT.add(pos[t], l, -b[l]);
            }
        }
        MatrixStore<Double> hT = lu.getSolution(bfT);
        for (int l = 0; l < m; l++) {
            for (int i = 0; i < n; i++) {
                h[l][i] = pos[i] < 0 ? 0 : hT.doubleValue(pos[i], l);
            }
        }
        return h;
    }
}
