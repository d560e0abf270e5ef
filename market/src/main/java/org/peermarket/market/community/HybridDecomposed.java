package org.peermarket.market.community;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.market.HorizonGrid;
import org.peermarket.model.Communities;
import org.peermarket.model.Community;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;

/**
 * The hybrid market of markets.md §3 cleared level by level (registered as
 * {@code hybrid/decomposed}). Each manager solves only its own community: its direct peers,
 * its pool, and one net position per sub-community; the root solves the root market.
 *
 * <p>Coordination (nested Benders, a price/quantity exchange): a parent proposes each
 * sub-community's net position e_k over the horizon (a quantity signal); the sub-community's
 * manager solves its community at that position and answers with its cost V_k(e_k) and its
 * price for the position, the dual of the row that fixes it (dV_k/de_k). The parent adds the cut
 * theta_k >= V_k(e_k) + price . (e - e_k) and solves again. Cuts never overestimate V_k, so the
 * parent's optimum is a lower bound of the joint optimum and the parent's dispatch with the
 * children's true costs an upper bound; levels iterate until the two agree within
 * {@link #TOLERANCE} (relative). A position a sub-community cannot meet is allowed at a penalty
 * far above any price, so every answer exists. The result is the joint optimum within that
 * tolerance; its point is checked for feasibility in the joint program.
 *
 * <p>A sub-community with quadratic costs has a curved V_k, which flat cuts approach only
 * slowly. Its position then gets a proximal term 0.5 h (e - centre)^2 in the parent's level
 * (a proximal bundle method): h starts at the curvature of the subtree's pooled costs and
 * follows the secant of the child's answers, so with the cut at the centre the level's model
 * is the child's local quadratic and a step is a Newton step. The centre moves when a step
 * gains at least {@link #SERIOUS} of the predicted decrease (the bundle then restarts from the
 * centre's cut); otherwise the cut is added and the level solved again. The lower bound stays
 * valid: the model's subgradient at the step is -h (e - centre), so the model cannot fall below
 * its value there by more than |h (e - centre)| times the position's range.
 *
 * <p>Where cuts converge slowly (quadratic members next to kinks, storage under quadratic
 * members) the levels hand over to consensus ADMM ({@link HybridConsensus}): after
 * {@link #BENDERS_BUDGET} level solves on a tree with quadratic sub-communities, at once when
 * such a sub-community holds storage.
 */
public final class HybridDecomposed {
    /** Relative gap between the coordinated upper and lower bounds at which levels agree. */
    public static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 500;
    /** Level solves after which the cuts hand over to consensus ADMM ({@link HybridConsensus}). */
    static final long BENDERS_BUDGET = 100;
    /** Proximal bundle: a step is serious (moves the centre) when it gains this share of the predicted decrease. */
    static final double SERIOUS = 0.1;
    /** The secant may move a proximal weight at most this factor away from its start (either way). */
    static final double METRIC_RANGE = 100;

    private final long budget;

    public HybridDecomposed() {
        this(BENDERS_BUDGET);
    }

    /** With a budget of level solves for the cuts (0: consensus ADMM from the start). */
    HybridDecomposed(long budget) {
        this.budget = budget;
    }

    public String name() {
        return "hybrid/decomposed";
    }

    public HorizonResult clear(Scenario s) {
        return clear(s, Optional.empty());
    }

    /**
     * With the DSO's root trades and legs shaped (docs/combinations.md). Line limits would couple the levels that
     * the decomposition separates, so they are refused before the clearing.
     */
    public HorizonResult clear(Scenario s, Optional<HorizonGrid> grid) {
        if (grid.map(HorizonGrid::constrained).orElse(false)) {
            throw new IllegalArgumentException("hybrid/decomposed takes no line limits: they couple its levels");
        }
        HorizonProgram joint = new HorizonProgram(s, HorizonProgram.Mode.HYBRID, null, grid);
        Coordinator c = new Coordinator(joint);
        // storage under a quadratic sub-community: the exact penalty on infeasible positions makes
        // the child's cost steep and kinked, which the proximal bundle follows only slowly
        // linear trees keep plain cutting planes, which end after finitely many rounds
        c.budget = c.quadraticStorageBelow() ? 0 : c.quadraticBelow() ? budget : Long.MAX_VALUE;
        long start = System.nanoTime();
        double gap;
        long rounds;
        String method = "benders";
        try {
            Answer root = c.solve(-1, null, null);
            gap = Math.max(0, root.upper - root.lower) / (1 + Math.abs(root.upper));
            rounds = root.iterations;
        } catch (Failure f) {
            if (f.status != Status.NOT_CONVERGED) {
                SolverInfo info = new SolverInfo(method, c.solves, (System.nanoTime() - start) / 1e9, false);
                return HorizonClearing.failed(joint, f.status, f.getMessage(), info);
            }
            // the cuts converge slowly on this tree: consensus ADMM between the levels instead
            Coordinator admm = new Coordinator(joint);
            admm.solves = c.solves;
            HybridConsensus consensus = new HybridConsensus(admm);
            method = "benders+admm";
            try {
                consensus.solve(admm.quantityScale(), admm.priceScale());
            } catch (Failure g) {
                SolverInfo info = new SolverInfo(method, admm.solves, (System.nanoTime() - start) / 1e9, false);
                return HorizonClearing.failed(joint, g.status, g.getMessage(), info);
            }
            c = admm;
            gap = Double.NaN;
            rounds = consensus.iterations;
        }
        SolverInfo info = new SolverInfo(method, c.solves, (System.nanoTime() - start) / 1e9, false);
        double[] viol = joint.violations(c.x);
        double scale = 1;
        for (double v : c.x) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (Math.max(viol[0], viol[1]) > 1e-6 * scale) {
            return HorizonClearing.failed(joint, Status.NOT_SOLVED, "the levels' solutions do not fit together (largest"
                    + " row violation " + viol[0] + ", bound violation " + viol[1] + ")", info);
        }
        HorizonResult r = HorizonClearing.read(joint, c.x, c.y, info, Double.NaN, rounds);
        return withGap(r, gap);
    }

    private static HorizonResult withGap(HorizonResult r, double gap) {
        List<ClearingResult> periods = new ArrayList<>();
        for (ClearingResult p : r.periods()) {
            if (!p.optimal()) {
                return r;
            }
            Checks c = p.checks();
            periods.add(new ClearingResult(p.status(), p.cause(), p.objective(), p.p(), p.mu(), p.trades(), p.solver(),
                    new Checks(c.balance(), c.bounds(), Double.NaN, Double.NaN, Double.NaN, gap)));
        }
        return new HorizonResult(periods, r.agents(), r.members(), r.communities(), r.storage(), r.coordination(),
                r.tradeEdges()).withLineDuals(r.lineDuals());
    }

    /** Rounds solver noise (|v| < 1e-12) to 0: such tiny entries upset the first-order solver's scaling. */
    static double clean(double v) {
        return Math.abs(v) < 1e-12 ? 0 : v;
    }

    /** A node's value at its target, the price of the target per period, and its bounds. */
    record Answer(double upper, double lower, double[] price, long iterations) {}

    static final class Failure extends RuntimeException {
        final Status status;

        Failure(Status status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Runs the levels; writes the final local solutions into the joint layout (x, y). */
    static final class Coordinator {
        final HorizonProgram j;
        final Scenario s;
        final int T;
        final double[] x;
        final double[] y;
        final double penalty;
        long solves;
        /** Level solves allowed before the run gives up on cuts (NOT_CONVERGED). */
        long budget = Long.MAX_VALUE;
        /** Per community (agent index): its cuts, floor, proximal weights and last answer (position, price). */
        final java.util.Map<Integer, List<double[]>> cutStore = new java.util.HashMap<>();
        final java.util.Map<Integer, Double> floorStore = new java.util.HashMap<>();
        final java.util.Map<Integer, double[]> metricStore = new java.util.HashMap<>();
        final java.util.Map<Integer, double[][]> lastEval = new java.util.HashMap<>();
        /** Each node's members in agent order (root: -1); the tree is fixed, and every solve asks. */
        private final java.util.Map<Integer, List<Integer>> membersOf = new java.util.HashMap<>();

        Coordinator(HorizonProgram joint) {
            this.j = joint;
            for (int i = 0; i < j.agents.size(); i++) {
                if (i != j.outside) {
                    membersOf.computeIfAbsent(j.parent[i], k -> new ArrayList<>()).add(i);
                }
            }
            membersOf.replaceAll((node, list) -> List.copyOf(list));
            this.s = joint.s;
            this.T = joint.periods;
            this.x = new double[joint.program.variables()];
            this.y = new double[joint.program.rows()];
            this.penalty = 10 * (1 + priceScale());
        }

        /** Largest finite bound of a dispatch variable (at least 1 kWh). */
        double quantityScale() {
            double m = 1;
            for (int v = 0; v < j.program.variables(); v++) {
                m = Math.max(m, Math.max(Math.abs(finite(j.program.lb(v))), Math.abs(finite(j.program.ub(v)))));
            }
            return m;
        }

        double priceScale() {
            double m = 0;
            for (int v = 0; v < j.program.variables(); v++) {
                m = Math.max(m, Math.abs(j.program.c(v)) + j.program.q(v) * Math.max(Math.abs(finite(j.program.lb(v))),
                        Math.abs(finite(j.program.ub(v)))));
            }
            return m;
        }

        private static double finite(double v) {
            return Double.isFinite(v) ? v : 0;
        }

        /**
         * Whether storage sits below node. Without storage every position within the subtree's
         * range (sum of its members' bounds, clamped by caps, period by period) is feasible; with
         * storage the periods are coupled and a proposed position may be infeasible, so the row
         * fixing it gets slack at a penalty far above any price (an exact penalty).
         */
        boolean hasStorage(int node) {
            for (int m : members(node)) {
                if (m < j.peers ? j.dis[m] != null : hasStorage(m)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether some sub-community has quadratic costs in its subtree. */
        boolean quadraticBelow() {
            for (int k = j.peers; k < j.agents.size(); k++) {
                if (k != j.outside && metric(k) != null) {
                    return true;
                }
            }
            return false;
        }

        /** Whether some sub-community has both storage and quadratic costs in its subtree. */
        boolean quadraticStorageBelow() {
            for (int k = j.peers; k < j.agents.size(); k++) {
                if (k != j.outside && hasStorage(k) && metric(k) != null) {
                    return true;
                }
            }
            return false;
        }

        /** Agent indices of the node's members (root: the agents without a parent, outside excluded). */
        List<Integer> members(int node) {
            return membersOf.getOrDefault(node, List.of());
        }

        /**
         * Solves node (a community agent, or -1 for the root) with its net position fixed to
         * target (null: free). With a parent price (or at the root, keep non-null) the final
         * solution of the node and, at their final positions, of its whole subtree is written
         * into the joint layout: the dispatch from the position-fixed solve, the prices from the
         * solve that prices the position at the parent's price instead (the position is optimal
         * there too, and an LP's optimal duals pair with any optimal dispatch).
         */
        Answer solve(int node, double[] target, double[] parentPrice) {
            return solve(node, target, parentPrice != null || node < 0, parentPrice);
        }

        private Answer solve(int node, double[] target, boolean keep, double[] parentPrice) {
            List<Integer> children = members(node).stream().filter(i -> i >= j.peers).toList();
            int n = children.size();
            double[] floor = new double[n];
            List<List<double[]>> cuts = new ArrayList<>();
            double[][] metric = new double[n][];
            double[][] centre = new double[n][];
            boolean prox = false;
            for (int k = 0; k < n; k++) {
                floor[k] = floor(children.get(k));
                metric[k] = metric(children.get(k));
                cuts.add(metric[k] == null ? cutStore.computeIfAbsent(children.get(k), key -> new ArrayList<>())
                        : new ArrayList<>(cutStore.getOrDefault(children.get(k), List.of())));
                prox |= metric[k] != null;
                double[][] last = lastEval.get(children.get(k));
                centre[k] = metric[k] != null && last != null ? last[0] : null;
            }
            double centreValue = Double.POSITIVE_INFINITY;
            double upper = Double.POSITIVE_INFINITY;
            double lowerBest = Double.NEGATIVE_INFINITY;
            for (int it = 1; it <= MAX_ITERATIONS; it++) {
                if (solves >= budget) {
                    throw new Failure(Status.NOT_CONVERGED, "levels did not agree within " + budget + " level solves");
                }
                NodeProgram np = new NodeProgram(this, node, target, children, floor, cuts, null, centre, metric);
                ConvexSolve.Solution sol = ConvexSolve.solve(np.program);
                solves++;
                if (!sol.ok() && prox && sol.status() == Status.NOT_SOLVED) {
                    // the first-order QP solver can stall on a steep proximal term: take a plain cutting-plane step
                    np = new NodeProgram(this, node, target, children, floor, cuts, null, new double[n][], metric);
                    sol = ConvexSolve.solve(np.program);
                    solves++;
                }
                if (!sol.ok()) {
                    throw new Failure(sol.status(), "level of " + (node < 0 ? "the root market" : "community '"
                            + j.agents.get(node) + "'") + ": " + HorizonClearing.cause(sol, HorizonProgram.Mode.HYBRID));
                }
                double model = sol.objective() - np.proxValue(sol.x());
                lowerBest = Math.max(lowerBest, model - np.proxSlack(sol.x()));
                double childCost = 0;
                double theta = 0;
                List<double[]> positions = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    double[] e = np.position(sol.x(), k);
                    positions.add(e);
                    Answer a = solve(children.get(k), e, false, null);
                    childCost += a.upper;
                    theta += sol.x()[np.theta[k]];
                    addCut(children.get(k), cuts.get(k), e, a, metric[k] != null);
                }
                double value = model - theta + childCost;
                upper = Math.min(upper, value);
                // with a proximal term the kept point is the current one, so it must be the near-optimal one
                double gap = (prox ? value : upper) - lowerBest;
                if (gap <= TOLERANCE * (1 + Math.abs(value)) || children.isEmpty()) {
                    if (keep) {
                        keep(node, children, np, sol, positions, floor, cuts, metric, parentPrice);
                    }
                    return new Answer(value, lowerBest, np.targetPrice(sol.rowDual()), it);
                }
                if (centreValue == Double.POSITIVE_INFINITY || value <= centreValue - SERIOUS * (centreValue - model)) {
                    for (int k = 0; k < n; k++) {
                        centre[k] = metric[k] != null ? positions.get(k) : null;
                        if (metric[k] != null) { // serious step: the bundle restarts from the cut at the new centre
                            cuts.get(k).subList(0, cuts.get(k).size() - 1).clear();
                        }
                    }
                    centreValue = value;
                }
            }
            throw new Failure(Status.NOT_CONVERGED, "levels did not agree within " + MAX_ITERATIONS
                    + " iterations at " + (node < 0 ? "the root market" : "community '" + j.agents.get(node) + "'"));
        }

        /**
         * Writes the node's final solution and, at their final positions, its subtree's. The
         * prices come from a solve at the parent's price (see {@link #solve(int, double[], double[])}),
         * with the same proximal terms centred at the final positions, so it reproduces them.
         */
        private void keep(int node, List<Integer> children, NodeProgram np, ConvexSolve.Solution sol,
                          List<double[]> positions, double[] floor, List<List<double[]>> cuts, double[][] metric,
                          double[] parentPrice) {
            double[] duals = sol.rowDual();
            NodeProgram priced = np;
            if (parentPrice != null) {
                double[][] at = new double[children.size()][];
                for (int k = 0; k < children.size(); k++) {
                    at[k] = metric[k] != null ? positions.get(k) : null;
                }
                priced = new NodeProgram(this, node, null, children, floor, cuts, parentPrice, at, metric);
                ConvexSolve.Solution ps = ConvexSolve.solve(priced.program);
                solves++;
                if (!ps.ok()) {
                    throw new Failure(ps.status(), "community '" + j.agents.get(node)
                            + "' at its parent's price: " + HorizonClearing.cause(ps, HorizonProgram.Mode.HYBRID));
                }
                duals = ps.rowDual();
            }
            np.keepPrimal(sol.x());
            priced.keepDuals(duals);
            for (int k = 0; k < children.size(); k++) {
                solve(children.get(k), positions.get(k), true, priced.childPrice(duals, children.get(k)));
            }
        }

        /** A lower bound of child k's cost (its level solved with a free position); computed once. */
        private double floor(int k) {
            Double f = floorStore.get(k);
            if (f == null) {
                f = solve(k, null, false, null).lower;
                floorStore.put(k, f);
            }
            return f;
        }

        /**
         * Child k's cut at e, and its secant update of k's proximal weight. V_k does not depend on
         * who asks, so a linear child's cuts are kept for the whole run; a quadratic child's
         * bundle is local to one call, which starts from k's latest cut (fewer cuts still give a
         * lower model).
         */
        private void addCut(int k, List<double[]> kCuts, double[] e, Answer a, boolean prox) {
            double[] cut = new double[T + 1];
            double rhs = a.upper;
            for (int t = 0; t < T; t++) {
                cut[t] = clean(a.price[t]);
                rhs -= cut[t] * e[t];
            }
            cut[T] = clean(rhs);
            kCuts.add(cut);
            if (prox) {
                cutStore.put(k, List.of(cut));
            }
            double[] h = metricStore.get(k);
            double[][] last = lastEval.get(k);
            if (h != null && last != null) {
                double[] h0 = curvature(k);
                for (int t = 0; t < T; t++) {
                    double de = e[t] - last[0][t];
                    double ratio = (a.price[t] - last[1][t]) / de;
                    if (Math.abs(de) > 1e-9 * (1 + Math.abs(e[t])) && ratio > 0) {
                        h[t] = Math.min(METRIC_RANGE * h0[t], Math.max(h0[t] / METRIC_RANGE, ratio));
                    }
                }
            }
            lastEval.put(k, new double[][] {e.clone(), a.price.clone()});
        }

        /**
         * The proximal weight for child k per period (null: the child's subtree is linear and
         * keeps plain cutting planes). It starts at the curvature of the subtree's pooled
         * quadratic costs, 1 / sum(1 / a_n), the slope of its supply curve when every quadratic
         * member is free, and follows the secant of the child's answers (price change over
         * position change).
         */
        private double[] metric(int k) {
            if (!metricStore.containsKey(k)) {
                double[] h0 = curvature(k);
                boolean any = false;
                for (double v : h0) {
                    any |= v > 0;
                }
                metricStore.put(k, any ? h0.clone() : null);
            }
            return metricStore.get(k);
        }

        private double[] curvature(int k) {
            double[] inv = new double[T];
            addInverseCurvature(k, inv);
            double[] h = new double[T];
            for (int t = 0; t < T; t++) {
                h[t] = inv[t] > 0 ? 1 / inv[t] : 0;
            }
            return h;
        }

        private void addInverseCurvature(int node, double[] inv) {
            for (int m : members(node)) {
                if (m >= j.peers) {
                    addInverseCurvature(m, inv);
                    continue;
                }
                for (int t = 0; t < T; t++) {
                    double q = j.program.q(j.p[m][t]);
                    inv[t] += q > 0 ? 1 / q : 0;
                }
            }
        }
    }

    /** One level's program: the node's own peers, pool or root trades, and its children as positions with cuts. */
    static final class NodeProgram {
        final ConvexProgram program = new ConvexProgram();
        final Coordinator co;
        final HorizonProgram j;
        final int node;
        final int T;
        final List<Integer> children;
        /** joint variable index for each local variable (-1: local only) */
        final List<Integer> jointVar = new ArrayList<>();
        final List<Integer> jointRow = new ArrayList<>();
        final int[][] position;
        final int[] theta;
        int[] targetRow;

        /**
         * With price (and no target): the node sells its net position to its parent at that price
         * per period. With centre[k] and metric[k] non-null: the proximal term
         * 0.5 metric_t (e_kt - centre_kt)^2 on sub-community k's position.
         */
        NodeProgram(Coordinator co, int node, double[] target, List<Integer> children, double[] floor,
                    List<List<double[]>> cuts, double[] price, double[][] centre, double[][] metric) {
            this(co, node, children, price, centre, metric, null, 0, null, target, floor, cuts);
        }

        /**
         * The consensus (ADMM) form of a level: no target and no cuts; the node's own net
         * position carries 0.5 ownWeight (e - ownCentre)^2 on top of price (null: none), and
         * sub-community k's position carries the proximal term of centre[k], metric[k], or is
         * fixed at fixed[k] when that is non-null.
         */
        NodeProgram(Coordinator co, int node, List<Integer> children, double[] price, double[] ownCentre,
                    double ownWeight, double[][] centre, double[][] metric, double[][] fixed) {
            this(co, node, children, price, centre, metric, ownCentre, ownWeight, fixed, null,
                    new double[children.size()], noCuts(children.size()));
        }

        private NodeProgram(Coordinator co, int node, List<Integer> children, double[] price, double[][] centre,
                            double[][] metric, double[] ownCentre, double ownWeight, double[][] fixed,
                            double[] target, double[] floor, List<List<double[]>> cuts) {
            this.co = co;
            this.j = co.j;
            this.node = node;
            this.T = j.periods;
            this.children = children;
            position = new int[children.size()][T];
            theta = new int[children.size()];
            this.price = price;
            this.centre = centre;
            this.metric = metric;
            this.ownCentre = ownCentre;
            this.ownWeight = ownWeight;
            this.fixed = fixed;
            build(target, floor, cuts);
        }

        private static List<List<double[]>> noCuts(int children) {
            List<List<double[]>> none = new ArrayList<>();
            for (int k = 0; k < children; k++) {
                none.add(List.of());
            }
            return none;
        }

        private final double[] ownCentre;
        private final double ownWeight;
        private final double[][] fixed;
        /** the node's net position variable per period (communities only) */
        int[] netIndex;

        private final double[] price;
        private final double[][] centre;
        private final double[][] metric;
        /** the level's net position variable -> its joint import and export variables */
        private final java.util.Map<Integer, int[]> netVar = new java.util.HashMap<>();
        /** each member agent's balance row per period (local index) */
        private final java.util.Map<Integer, int[]> balance = new java.util.HashMap<>();

        private int var(double lb, double ub, double c, double q, int joint) {
            jointVar.add(joint);
            return program.addVariable(lb, ub, c, q);
        }

        private int row(double lb, double ub, int joint) {
            jointRow.add(joint);
            return program.addRow(lb, ub);
        }

        private void build(double[] target, double[] floor, List<List<double[]>> cuts) {
            List<Integer> members = co.members(node);
            int[][] local = new int[j.agents.size()][];
            int[][] qpL = new int[j.agents.size()][];
            int[][] qmL = new int[j.agents.size()][];
            for (int m : members) {
                local[m] = m < j.peers ? peer(m) : child(m);
                if (node >= 0) {
                    qpL[m] = new int[T];
                    qmL[m] = new int[T];
                    for (int t = 0; t < T; t++) {
                        qpL[m][t] = var(0, j.program.ub(j.qp[m][t]), j.program.c(j.qp[m][t]), 0, j.qp[m][t]);
                        qmL[m][t] = var(0, j.program.ub(j.qm[m][t]), j.program.c(j.qm[m][t]), 0, j.qm[m][t]);
                    }
                }
            }
            int[] edgeVar = new int[j.edges.size() * T];
            Arrays.fill(edgeVar, -1);
            if (node < 0) {
                for (int e = 0; e < j.edges.size(); e++) {
                    for (int t = 0; t < T; t++) {
                        int jv = j.x[e][t];
                        edgeVar[e * T + t] = var(0, Double.POSITIVE_INFINITY, j.program.c(jv), 0, jv);
                    }
                }
                outsideCaps(edgeVar);
            }
            for (int m : members) {
                balance.put(m, new int[T]);
                for (int t = 0; t < T; t++) {
                    int r = row(0, 0, j.row[m][t]);
                    balance.get(m)[t] = r;
                    injection(r, m, t, local[m]);
                    if (node >= 0) {
                        program.set(r, qpL[m][t], -1);
                        program.set(r, qmL[m][t], 1);
                    } else {
                        for (int e : j.edgesOf(m)) {
                            if (j.edges.get(e)[0] == m) {
                                program.set(r, edgeVar[e * T + t], -1);
                            } else if (j.edges.get(e)[1] == m) {
                                program.set(r, edgeVar[e * T + t], 1);
                            }
                        }
                    }
                }
                if (m < j.peers && j.dis[m] != null) {
                    storageRows(m, local[m]);
                }
            }
            if (node >= 0) {
                pool(target, members, qpL, qmL);
            }
            for (int k = 0; k < children.size(); k++) {
                theta[k] = var(floor[k], Double.POSITIVE_INFINITY, 1, 0, -1);
                for (double[] cut : cuts.get(k)) {
                    int r = row(cut[T], Double.POSITIVE_INFINITY, -1);
                    program.set(r, theta[k], 1);
                    for (int t = 0; t < T; t++) {
                        program.set(r, position[k][t], -cut[t]);
                    }
                }
            }
        }

        /** p per period, then ch, dis per period and soc 0..T (soc[0] -1 when fixed). */
        private int[] peer(int n) {
            Peer peer = j.s.peers().get(n);
            boolean storage = j.dis[n] != null;
            int[] v = new int[storage ? 4 * T + 1 : T];
            for (int t = 0; t < T; t++) {
                int jv = j.p[n][t];
                v[t] = var(j.program.lb(jv), j.program.ub(jv), j.program.c(jv), j.program.q(jv), jv);
            }
            if (storage) {
                for (int t = 0; t < T; t++) {
                    v[T + t] = var(0, j.program.ub(j.ch[n][t]), 0, 0, j.ch[n][t]);
                    v[2 * T + t] = var(0, j.program.ub(j.dis[n][t]), 0, 0, j.dis[n][t]);
                }
                for (int t = 0; t <= T; t++) {
                    int jv = j.soc[n][t];
                    v[3 * T + t] = jv < 0 ? -1 : var(j.program.lb(jv), j.program.ub(jv), 0, 0, jv);
                }
            }
            for (int t = 0; t < T; t++) {
                program.addConstant(peer.cost().d());
            }
            return v;
        }

        /** A sub-community as one net position per period, within what its subtree can do. */
        private int[] child(int k) {
            int idx = children.indexOf(k);
            boolean prox = centre[idx] != null && metric[idx] != null;
            for (int t = 0; t < T; t++) {
                double[] range = range(k, t);
                if (fixed != null && fixed[idx] != null) {
                    position[idx][t] = var(fixed[idx][t], fixed[idx][t], 0, 0, -1);
                    continue;
                }
                double h = prox ? metric[idx][t] : 0;
                double c = prox ? centre[idx][t] : 0;
                position[idx][t] = var(range[0], range[1], -h * c, h, -1);
                program.addConstant(0.5 * h * c * c);
            }
            return position[idx];
        }

        /** [lowest, highest] net position of agent k's subtree in period t, from bounds and caps. */
        double[] range(int k, int t) {
            if (k < j.peers) {
                double lo = j.program.lb(j.p[k][t]);
                double hi = j.program.ub(j.p[k][t]);
                if (j.dis[k] != null) {
                    lo -= j.program.ub(j.ch[k][t]);
                    hi += j.program.ub(j.dis[k][t]);
                }
                return new double[] {lo, hi};
            }
            double lo = 0;
            double hi = 0;
            for (int m : co.members(k)) {
                double[] r = range(m, t);
                lo += r[0];
                hi += r[1];
            }
            Community.Manager man = j.communities.get(k - j.peers).manager();
            return new double[] {Math.max(lo, -man.importCap().at(t)), Math.min(hi, man.exportCap().at(t))};
        }

        private void injection(int r, int m, int t, int[] v) {
            if (m >= j.peers) {
                program.set(r, v[t], 1);
                return;
            }
            program.set(r, v[t], 1);
            if (j.dis[m] != null) {
                program.set(r, v[2 * T + t], 1);
                program.set(r, v[T + t], -1);
            }
        }

        private void storageRows(int n, int[] v) {
            Storage st = j.s.storage().get(j.agents.get(n));
            for (int t = 0; t < T; t++) {
                boolean fixedStart = t == 0 && v[3 * T] < 0;
                double rhs = fixedStart ? st.socInitial() : 0;
                int r = row(rhs, rhs, -1);
                program.set(r, v[3 * T + t + 1], 1);
                if (!fixedStart) {
                    program.set(r, v[3 * T + t], -1);
                }
                program.set(r, v[T + t], -st.etaCharge());
                program.set(r, v[2 * T + t], 1 / st.etaDischarge());
            }
            double end = st.cyclic() ? (st.freeInitial() ? 0 : st.socInitial()) : st.socFinal();
            int r = row(end, end, -1);
            program.set(r, v[4 * T], 1);
            if (st.cyclic() && st.freeInitial()) {
                program.set(r, v[3 * T], -1);
            }
        }

        private void outsideCaps(int[] edgeVar) {
            if (j.outside < 0) {
                return;
            }
            Communities.Outside o = j.s.communities().outside().orElseThrow();
            for (int t = 0; t < T; t++) {
                double ci = o.importCap().at(t);
                double ce = o.exportCap().at(t);
                int ri = Double.isFinite(ci) ? row(Double.NEGATIVE_INFINITY, ci, -1) : -1;
                int re = Double.isFinite(ce) ? row(Double.NEGATIVE_INFINITY, ce, -1) : -1;
                for (int e : j.edgesOf(j.outside)) {
                    if (j.edges.get(e)[0] == j.outside && ri >= 0) {
                        program.set(ri, edgeVar[e * T + t], 1);
                    } else if (j.edges.get(e)[1] == j.outside && re >= 0) {
                        program.set(re, edgeVar[e * T + t], 1);
                    }
                }
            }
        }

        /** The pool, the manager's import and export, and the row fixing the net position to target. */
        private void pool(double[] target, List<Integer> members, int[][] qpL, int[][] qmL) {
            int c = node - j.peers;
            targetRow = new int[T];
            netIndex = new int[T];
            for (int t = 0; t < T; t++) {
                double pi = price == null ? 0 : price[t];
                double[] range = range(node, t); // finite bounds keep the first-order QP solver well posed
                // one net variable export - import: the two cost nothing, so splitting them would
                // leave the level's problem degenerate (trouble for the first-order QP solver)
                double oc = ownCentre == null ? 0 : ownCentre[t];
                double ow = ownCentre == null ? 0 : ownWeight;
                int net = var(range[0], range[1], -pi - ow * oc, ow, -1);
                program.addConstant(0.5 * ow * oc * oc);
                netIndex[t] = net;
                netVar.put(net, new int[] {j.cImp[c][t], j.cExp[c][t]});
                int r = row(0, 0, j.pool[c][t]);
                program.set(r, net, -1);
                for (int m : members) {
                    program.set(r, qpL[m][t], 1);
                    program.set(r, qmL[m][t], -1);
                }
                if (target != null) {
                    targetRow[t] = row(target[t], target[t], -1);
                    program.set(targetRow[t], net, 1);
                    if (co.hasStorage(node)) {
                        int up = var(0, Double.POSITIVE_INFINITY, co.penalty, 0, -1);
                        int down = var(0, Double.POSITIVE_INFINITY, co.penalty, 0, -1);
                        program.set(targetRow[t], up, -1);
                        program.set(targetRow[t], down, 1);
                    }
                }
            }
        }

        private boolean prox(int k) {
            return centre[k] != null && metric[k] != null;
        }

        /** The proximal terms' value at sol. */
        double proxValue(double[] sol) {
            double f = 0;
            for (int k = 0; k < children.size(); k++) {
                for (int t = 0; t < T && prox(k); t++) {
                    double d = sol[position[k][t]] - centre[k][t];
                    f += 0.5 * metric[k][t] * d * d;
                }
            }
            return f;
        }

        /**
         * How far below the model's value at sol its minimum can lie: s = -metric (e - centre) is
         * a subgradient of the model at sol, so the model is >= value + s (e' - e) >= value -
         * sum |s| max|e' - e| over the positions' ranges (a valid lower bound of the level).
         */
        double proxSlack(double[] sol) {
            double slack = 0;
            for (int k = 0; k < children.size(); k++) {
                for (int t = 0; t < T && prox(k); t++) {
                    int v = position[k][t];
                    double width = Math.max(sol[v] - program.lb(v), program.ub(v) - sol[v]);
                    slack += Math.abs(metric[k][t] * (sol[v] - centre[k][t])) * width;
                }
            }
            return slack;
        }

        double[] position(double[] sol, int k) {
            double[] e = new double[T];
            for (int t = 0; t < T; t++) {
                e[t] = clean(sol[position[k][t]]);
            }
            return e;
        }

        /** dV/d target per period: the duals of the rows fixing the position. */
        double[] targetPrice(double[] duals) {
            double[] p = new double[T];
            for (int t = 0; t < T && targetRow != null; t++) {
                p[t] = duals[targetRow[t]];
            }
            return p;
        }

        /** The price this level gives sub-community k: the dual of k's balance row, per period. */
        double[] childPrice(double[] duals, int k) {
            double[] p = new double[T];
            for (int t = 0; t < T; t++) {
                p[t] = duals[balance.get(k)[t]];
            }
            return p;
        }

        /** Writes this level's dispatch into the joint layout. */
        void keepPrimal(double[] sol) {
            netVar.forEach((v, jv) -> {
                co.x[jv[0]] = Math.max(0, -sol[v]);
                co.x[jv[1]] = Math.max(0, sol[v]);
            });
            for (int v = 0; v < sol.length; v++) {
                if (jointVar.get(v) >= 0) {
                    co.x[jointVar.get(v)] = sol[v];
                }
            }
        }

        /** Writes this level's prices into the joint layout. */
        void keepDuals(double[] duals) {
            for (int r = 0; r < duals.length; r++) {
                if (jointRow.get(r) >= 0) {
                    co.y[jointRow.get(r)] = duals[r];
                }
            }
        }
    }
}
