package org.peermarket.market.p2p;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Consensus ADMM among peer agents (markets.md section 1.1, Sorin, Bobo, Pinson 2019).
 *
 * <p>Peer n proposes P_nm, its net sale to each partner m. A pair agrees when P_nm + P_mn = 0.
 * Every iteration each agent, knowing only its own cost and bounds, its own preferences, its
 * partners' last proposals and the pair prices lambda_nm, solves
 *
 * <pre>
 *   min C_n(sum_m P_nm) + sum_m [ f_nm(P_nm) + rho/2 (P_nm - z_nm - lambda_nm / rho)^2 ],
 *   pmin_n &lt;= sum_m P_nm &lt;= pmax_n,
 * </pre>
 *
 * then each side of a pair updates the agreed trade and its copy of the price,
 * z_nm = (P_nm - P_mn) / 2 and lambda_nm -= rho/2 (P_nm + P_mn); both copies stay equal (and z
 * antisymmetric) because both sides compute them from the same two proposals. This is the
 * consensus ADMM of Boyd et al. (2011, section 7.1) with y = -lambda, which gives markets.md's
 * iteration. With over-relaxation alpha (section 3.4.3; alpha = 1 is markets.md's iteration)
 * z_nm = alpha (P_nm - P_mn) / 2 + (1 - alpha) z_nm and the price step is alpha rho / 2.
 *
 * <p>f_nm is n's share of the pair's trade cost: f_nm(P) = sell P+ + buy P-. Its own share is
 * sell = pref[n][m] and buy = pref[n][m] + g_mn (the buyer carries the charge), which adds up to
 * c_nm P+ + c_mn P- over the pair, the central problem's cost. An agent's share must be convex
 * (sell + buy &gt;= 0); when a negative preference breaks that, the pair splits its cost evenly.
 *
 * <p>Data are flat arrays indexed by slot, one slot per directed edge and owned by the edge's
 * seller, grouped by owner: memory and work per iteration are O(trades).
 */
final class Negotiation {
    /** Below this many slots the agents run one after another: forking would cost more. */
    private static final int PARALLEL_SLOTS = 16_384;
    private static final int BALANCE_EVERY = 10;
    private static final double BALANCE_RATIO = 10;
    private static final double BALANCE_FACTOR = 2;

    private final MarketInput in;
    private final int peers;
    private final int[] start;
    private final int[] edge;
    private final int[] rev;
    private final double[] sell;
    private final double[] buy;
    private final double[] proposal;
    private final double[] agreed;
    private final double[] lambda;
    private final double[] mu;
    private final double[] net;
    private final int chunks;
    private final double[] primalSq;
    private final double[] primalMax;
    private final double[] dualSq;
    private double rho;
    private double relax;

    private Negotiation(MarketInput in, int[] start, int[] edge, int[] rev) {
        this.in = in;
        this.peers = in.size();
        this.start = start;
        this.edge = edge;
        this.rev = rev;
        int slots = edge.length;
        this.sell = new double[slots];
        this.buy = new double[slots];
        this.proposal = new double[slots];
        this.agreed = new double[slots];
        this.lambda = new double[slots];
        this.mu = new double[peers];
        this.net = new double[peers];
        this.chunks = slots < PARALLEL_SLOTS ? 1 : Math.max(1, Math.min(peers, 8 * Runtime.getRuntime().availableProcessors()));
        this.primalSq = new double[chunks];
        this.primalMax = new double[chunks];
        this.dualSq = new double[chunks];
        splitCosts();
        for (int n = 0; n < peers; n++) {
            mu[n] = in.marginalCost(n, 0);
        }
    }

    /**
     * Sets up the agents of a market, or explains why ADMM cannot negotiate it: a pair listed twice. A pair that
     * may trade one way only (the DSO's block, a partner list) gets a closed reverse slot, whose infinite cost keeps
     * the pair's agreed trade on the open side.
     */
    static Negotiation of(MarketInput in, StringBuilder whyNot) {
        TradeGraph g = in.graph();
        int n = in.size();
        java.util.Set<Long> pairs = new java.util.HashSet<>();
        for (int e = 0; e < g.edges(); e++) {
            pairs.add((long) g.seller(e) * n + g.buyer(e));
        }
        // slot s: the edge it carries, or -1 - e for the closed reverse of a one-way edge e
        int[] carried = IntStream.concat(IntStream.range(0, g.edges()), IntStream.range(0, g.edges())
                .filter(e -> !pairs.contains((long) g.buyer(e) * n + g.seller(e))).map(e -> -1 - e)).toArray();
        int[] sellerOf = new int[carried.length];
        int[] buyerOf = new int[carried.length];
        for (int k = 0; k < carried.length; k++) {
            int e = carried[k] >= 0 ? carried[k] : -1 - carried[k];
            sellerOf[k] = carried[k] >= 0 ? g.seller(e) : g.buyer(e);
            buyerOf[k] = carried[k] >= 0 ? g.buyer(e) : g.seller(e);
        }
        int[] start = new int[n + 1];
        for (int k = 0; k < carried.length; k++) {
            start[sellerOf[k] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] slot = new int[carried.length];
        for (int k = 0; k < carried.length; k++) {
            slot[fill[sellerOf[k]]++] = k;
        }
        for (int i = 0; i < n; i++) {
            sortByBuyer(buyerOf, slot, start[i], start[i + 1]);
        }
        int[] edge = new int[slot.length];
        int[] rev = new int[slot.length];
        for (int k = 0; k < slot.length; k++) {
            edge[k] = carried[slot[k]];
            int r = find(buyerOf, slot, start[buyerOf[slot[k]]], start[buyerOf[slot[k]] + 1], sellerOf[slot[k]]);
            boolean twice = k > start[sellerOf[slot[k]]] && buyerOf[slot[k - 1]] == buyerOf[slot[k]];
            if (twice) { // every slot has its reverse now: a real one or a closed one
                whyNot.append("the trade ").append(in.id(sellerOf[slot[k]])).append(" -> ").append(in.id(buyerOf[slot[k]]))
                        .append(" appears twice; ADMM negotiates each pair once");
                return null;
            }
            rev[k] = r;
        }
        return new Negotiation(in, start, edge, rev);
    }

    private static void sortByBuyer(int[] buyerOf, int[] slot, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int e = slot[i];
            int j = i - 1;
            while (j >= from && buyerOf[slot[j]] > buyerOf[e]) {
                slot[j + 1] = slot[j];
                j--;
            }
            slot[j + 1] = e;
        }
    }

    private static int find(int[] buyerOf, int[] slot, int from, int to, int buyer) {
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int b = buyerOf[slot[mid]];
            if (b < buyer) {
                lo = mid + 1;
            } else if (b > buyer) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Each agent's share of its pairs' trade costs (see the class comment). */
    private void splitCosts() {
        TradeGraph g = in.graph();
        for (int k = 0; k < edge.length; k++) {
            int r = rev[k];
            if (k > r) {
                continue;
            }
            int e = edge[k];
            int eBack = edge[r];
            if (e < 0 || eBack < 0) { // a one-way pair: the closed side costs without bound
                int open = e < 0 ? r : k;
                int closed = e < 0 ? k : r;
                int oe = edge[open];
                sell[open] = g.prefSeller(oe);
                buy[open] = Double.POSITIVE_INFINITY;
                sell[closed] = Double.POSITIVE_INFINITY;
                buy[closed] = g.prefBuyer(oe) + g.charge(oe);
                continue;
            }
            double sellK = g.prefSeller(e);
            double buyK = g.prefBuyer(eBack) + g.charge(eBack);
            double sellR = g.prefSeller(eBack);
            double buyR = g.prefBuyer(e) + g.charge(e);
            if (sellK + buyK >= 0 && sellR + buyR >= 0) {
                sell[k] = sellK;
                buy[k] = buyK;
                sell[r] = sellR;
                buy[r] = buyR;
            } else {
                sell[k] = 0.5 * g.cost(e);
                buy[k] = 0.5 * g.cost(eBack);
                sell[r] = 0.5 * g.cost(eBack);
                buy[r] = 0.5 * g.cost(e);
            }
        }
    }

    /** One result of {@link #run}: the trace and whether the tolerances were met. */
    record Outcome(boolean converged, int iterations, double primal, double primalMax, double dual,
                   double[] primalTrace, double[] dualTrace, double[] rhoTrace) {}

    /** Runs the negotiation, telling {@code onIteration} after each iteration (progress display). */
    Outcome run(AdmmSettings s, Runnable onIteration) {
        rho = s.rho();
        relax = s.relaxation();
        int max = s.maxIterations();
        double[] pt = new double[Math.min(max, 1024)];
        double[] dt = new double[pt.length];
        double[] rt = new double[pt.length];
        double primal = Double.NaN;
        double worst = Double.NaN;
        double dual = Double.NaN;
        int k = 0;
        while (k < max) {
            if (k == pt.length) {
                int size = (int) Math.min(max, 2L * pt.length);
                pt = Arrays.copyOf(pt, size);
                dt = Arrays.copyOf(dt, size);
                rt = Arrays.copyOf(rt, size);
            }
            rt[k] = rho;
            forEachChunk(this::propose);
            forEachChunk(this::settle);
            primal = Math.sqrt(sum(primalSq));
            worst = Arrays.stream(primalMax).max().orElse(0);
            dual = rho * Math.sqrt(sum(dualSq));
            pt[k] = primal;
            dt[k] = dual;
            k++;
            onIteration.run();
            if (primal <= s.primalTolerance() && dual <= s.dualTolerance()) {
                return new Outcome(true, k, primal, worst, dual, Arrays.copyOf(pt, k), Arrays.copyOf(dt, k),
                        Arrays.copyOf(rt, k));
            }
            if (s.adaptive() && k % BALANCE_EVERY == 0) {
                balance(primal / s.primalTolerance(), dual / s.dualTolerance());
            }
        }
        return new Outcome(false, k, primal, worst, dual, Arrays.copyOf(pt, k), Arrays.copyOf(dt, k),
                Arrays.copyOf(rt, k));
    }

    /**
     * Residual balancing (Boyd et al. 2011, section 3.4.1), on residuals measured in units of
     * their tolerances: a larger rho pushes the pairs to agree, a smaller one lets the trades move.
     */
    private void balance(double primal, double dual) {
        if (primal > BALANCE_RATIO * dual) {
            rho *= BALANCE_FACTOR;
        } else if (dual > BALANCE_RATIO * primal) {
            rho /= BALANCE_FACTOR;
        }
    }

    int slots() {
        return edge.length;
    }

    /** Net injections p_n = sum_m P_nm, each agent's own statement. */
    double[] injections() {
        return net.clone();
    }

    /** Each agent's price mu_n: the multiplier of its own balance in its last local problem. */
    double[] prices() {
        return mu.clone();
    }

    /** Trades on the agreed proposals z_nm = (P_nm - P_mn) / 2: x_nm = max(z_nm, 0), per edge. */
    double[] trades() {
        double[] x = new double[in.graph().edges()];
        for (int k = 0; k < edge.length; k++) {
            if (edge[k] >= 0) {
                x[edge[k]] = Math.max(0, 0.5 * (proposal[k] - proposal[rev[k]]));
            }
        }
        return x;
    }

    private void forEachChunk(java.util.function.IntConsumer work) {
        if (chunks == 1) {
            work.accept(0);
        } else {
            IntStream.range(0, chunks).parallel().forEach(work);
        }
    }

    private int firstPeer(int chunk) {
        return (int) ((long) peers * chunk / chunks);
    }

    /** Phase 1: every agent of the chunk solves its local problem into {@code proposal}. */
    private void propose(int chunk) {
        LocalProblem local = new LocalProblem();
        for (int n = firstPeer(chunk); n < firstPeer(chunk + 1); n++) {
            local.solve(n);
        }
    }

    /** Phase 2: pair prices and this chunk's share of the residuals. */
    private void settle(int chunk) {
        double p2 = 0;
        double pMax = 0;
        double d2 = 0;
        for (int k = start[firstPeer(chunk)]; k < start[firstPeer(chunk + 1)]; k++) {
            int r = rev[k];
            double gap = proposal[k] + proposal[r];
            double z = relax * 0.5 * (proposal[k] - proposal[r]) + (1 - relax) * agreed[k];
            if (Math.abs(z) < Double.MIN_NORMAL) {
                // with relaxation an idle pair's z decays geometrically; subnormals are very slow
                z = 0;
            }
            double moved = z - agreed[k];
            agreed[k] = z;
            lambda[k] -= relax * 0.5 * rho * gap;
            if (k < r) {
                p2 += gap * gap;
                d2 += moved * moved;
                pMax = Math.max(pMax, Math.abs(gap));
            }
        }
        primalSq[chunk] = p2;
        primalMax[chunk] = pMax;
        dualSq[chunk] = d2;
    }

    private static double sum(double[] parts) {
        double s = 0;
        for (double v : parts) {
            s += v;
        }
        return s;
    }

    /**
     * Agent n's problem with u_k = rho z_k + lambda_k. Given its own price mu, each proposal has the
     * closed form P_k(mu) = (max(0, u_k - sell_k - mu) + min(0, u_k + buy_k - mu)) / rho and the
     * injection is p(mu) = argmin C_n(p) - mu p over the bounds; the price balances the two,
     * sum_k P_k(mu) = p(mu). The balance is piecewise linear and non-increasing in mu, so a
     * safeguarded Newton search from the last price finds it exactly, in about two evaluations.
     */
    private final class LocalProblem {
        private int from;
        private int to;
        private double a;
        private double b;
        private double lo;
        private double hi;
        /** For a = 0 the injection jumps at mu = b; once the side is known it is fixed here. */
        private double fixedP;
        private double slope;

        /** Sets proposal[k] for n's slots, mu[n] and net[n]. */
        void solve(int n) {
            from = start[n];
            to = start[n + 1];
            a = in.a(n);
            b = in.b(n);
            lo = in.pmin(n);
            hi = in.pmax(n);
            fixedP = Double.NaN;
            if (from == to) {
                net[n] = 0;
                mu[n] = in.marginalCost(n, 0);
                return;
            }
            double left = Double.NEGATIVE_INFINITY;
            double right = Double.POSITIVE_INFINITY;
            double m = mu[n];
            if (a == 0) {
                double atB = sales(b);
                if (atB >= lo && atB <= hi) {
                    mu[n] = b;
                    net[n] = atB;
                    return;
                }
                fixedP = atB > hi ? hi : lo;
                if (atB > hi) {
                    left = b;
                } else {
                    right = b;
                }
                if (!(m > left && m < right)) {
                    m = b;
                }
            }
            double scale = 1e-14 * Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
            double sold = Double.NaN;
            double evaluated = Double.NaN;
            for (int it = 0; it < 200; it++) {
                sold = sales(m);
                evaluated = m;
                double h = sold - injection(m);
                double dh = slope;
                if (Math.abs(h) <= scale) {
                    break;
                }
                if (h > 0) {
                    left = Math.max(left, m);
                } else {
                    right = Math.min(right, m);
                }
                double step = dh < 0 ? m - h / dh : Double.NaN;
                if (!(step > left && step < right)) {
                    step = Double.isFinite(left) && Double.isFinite(right) ? 0.5 * (left + right) : beyondKinks(h > 0);
                }
                if (step == m) {
                    break;
                }
                m = step;
            }
            if (m != evaluated) {
                sold = sales(m);
            }
            mu[n] = m;
            net[n] = sold;
        }

        /**
         * Writes P_k(mu) into proposal[k] and returns their sum; sets {@code slope} to its
         * derivative (the injection's is subtracted later). The last call is the answer.
         */
        private double sales(double m) {
            double s = 0;
            int active = 0;
            for (int k = from; k < to; k++) {
                double u = rho * agreed[k] + lambda[k];
                double up = u - sell[k] - m;
                double down = u + buy[k] - m;
                double v = 0;
                if (up > 0) {
                    v = up / rho;
                    active++;
                } else if (down < 0) {
                    v = down / rho;
                    active++;
                }
                proposal[k] = v;
                s += v;
            }
            slope = -active / rho;
            return s;
        }

        private double injection(double m) {
            if (!Double.isNaN(fixedP)) {
                return fixedP;
            }
            double p = (m - b) / a;
            if (p <= lo) {
                return lo;
            }
            if (p >= hi) {
                return hi;
            }
            slope -= 1 / a;
            return p;
        }

        /** A price past every kink of the balance, where it is linear and strictly decreasing. */
        private double beyondKinks(boolean up) {
            double kink = up ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int k = from; k < to; k++) {
                double u = rho * agreed[k] + lambda[k];
                double side = up ? buy[k] : sell[k];
                if (Double.isFinite(side)) { // a closed side has no kink
                    kink = up ? Math.max(kink, u + side) : Math.min(kink, u - side);
                }
            }
            double c1 = a * lo + b;
            double c2 = a * hi + b;
            kink = up ? Math.max(kink, Math.max(c1, c2)) : Math.min(kink, Math.min(c1, c2));
            double pad = 1e-9 * (1 + Math.abs(kink));
            return up ? kink + pad : kink - pad;
        }
    }
}
