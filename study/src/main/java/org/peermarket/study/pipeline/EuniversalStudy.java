package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.peermarket.grid.Branch;
import org.peermarket.grid.Cases;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;
import org.peermarket.market.Cleared;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;

/**
 * Seed 003's study (chapter 5) on case69, generated from a seed (docs/euniversal-study.md): ratings from the
 * base-case DC flow so that exactly branches 44-45 and 12-68 are congested, flexibility bids on load buses, some of
 * them acting as P2P peers, and the scenarios s0 (LFM only), s1 (unchecked P2P, then the LFM), s2 (block, theta
 * 0.8), s3-100 and s3-80 (incentive, W = 0.2, lines at risk from occupancy 1.0 and 0.8), s0-heavy and s1-heavy
 * (loads times heavy_factor, same ratings). Every scenario reports seed 003's Table 7 KPIs.
 */
public final class EuniversalStudy {
    /** EUR/MWh^2: a small slope on every peer's cost so the P2P optimum is unique. */
    static final double SLOPE = 20;
    /** EUR/MWh each side pays to trade: the equal preferences that incentives scale (seed 003 §5.4.2.4). */
    static final double PREFERENCE = 5;
    static final double[] LOAD_SHARE = {0.1, 0.5};

    private EuniversalStudy() {}

    /** A drawn data set: network, base injections (MW, case order), ratings, bids and which bids act as peers. */
    public record Draw(GridCase grid, double[][] ptdf, double[] baseInjectionMw, double[] ratingMw, List<FlexBid> bids,
                       boolean[] peer, double buyerValue, double heavyFactor) {}

    /** The built-in data set of a spec: case69 and the random draw of its seed. */
    public static Draw draw(StudySpec.Draw spec) {
        return draw(spec, spec.seed(), true);
    }

    /**
     * A draw. {@code newBids}: draw bids (buses, quantities, directions, prices) and peers from {@code seed}; the
     * network and ratings come from the spec's seed either way, so Monte Carlo draws share the grid state.
     */
    public static Draw draw(StudySpec.Draw spec, long seed, boolean newBids) {
        return draw(spec, seed, SweepCell.DEFAULT_FEEDER);
    }

    /** The data set of a spec on a feeder (a built-in case): its network, ratings and the bids of {@code seed}. */
    public static Draw draw(StudySpec.Draw spec, long seed, String feeder) {
        GridCase grid = Cases.builtIn(feeder);
        Ptdf ptdf = Ptdf.of(grid);
        double[] p = DcPowerFlow.caseInjections(grid);
        double[] flows = ptdf.flows(p);
        SplittableRandom gridRnd = new SplittableRandom(spec.seed());
        double[] ratings = ratings(flows, targets(grid, flows, feeder), gridRnd);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EED003L);
        List<FlexBid> bids = bids(grid, spec, rnd);
        boolean[] peer = new boolean[bids.size()];
        int[] order = shuffled(bids.size(), rnd);
        for (int k = 0; k < spec.peers(); k++) {
            peer[order[k]] = true;
        }
        return new Draw(grid, ptdf.matrix(), p, ratings, bids, peer, spec.buyerValue(), spec.heavyFactor());
    }

    /** The same bids and network, new prices and a new choice of peers (a Monte Carlo draw). */
    public static Draw redraw(Draw d, int peers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<FlexBid> bids = new ArrayList<>();
        for (FlexBid b : d.bids()) {
            bids.add(new FlexBid(b.id(), b.bus(), b.direction(), b.quantityMw(), price(b.direction(), rnd),
                    b.indivisible()));
        }
        boolean[] peer = new boolean[bids.size()];
        int[] order = shuffled(bids.size(), rnd);
        for (int k = 0; k < peers; k++) {
            peer[order[k]] = true;
        }
        return new Draw(d.grid(), d.ptdf(), d.baseInjectionMw(), d.ratingMw(), bids, peer, d.buyerValue(),
                d.heavyFactor());
    }

    /**
     * Ratings |F0| / u with u uniform in [0.5, 0.9] (occupancy 50-90%), at least 1 kW; branches 44-45 and 12-68
     * get u = 1.04 (4% over their rating), as seed 003's initial state.
     */
    static double[] ratings(double[] flows, boolean[] target, SplittableRandom rnd) {
        double[] r = new double[flows.length];
        for (int l = 0; l < r.length; l++) {
            double u = 0.5 + 0.4 * rnd.nextDouble();
            if (target[l]) {
                u = 1.04;
            }
            r[l] = Math.max(1e-3, Math.abs(flows[l]) / u);
        }
        return r;
    }

    /**
     * The congested branches: 44-45 and 12-68 on case69 (seed 003). On another feeder, its two most loaded branches
     * among those carrying at most half the feeder's largest flow: a branch near the head carries nearly all the
     * load, which balance-neutral flexibility cannot lower, so the LFM could never relieve it.
     */
    static boolean[] targets(GridCase grid, double[] flows, String feeder) {
        boolean[] t = new boolean[flows.length];
        if (feeder.equals(SweepCell.DEFAULT_FEEDER)) {
            for (int l = 0; l < t.length; l++) {
                t[l] = isTarget(grid.branches().get(l));
            }
            return t;
        }
        double head = java.util.Arrays.stream(flows).map(Math::abs).max().orElse(0);
        java.util.List<Integer> lateral = new ArrayList<>();
        for (int l = 0; l < flows.length; l++) {
            if (Math.abs(flows[l]) <= head / 2 && Math.abs(flows[l]) > 0) {
                lateral.add(l);
            }
        }
        lateral.sort((x, y) -> Double.compare(Math.abs(flows[y]), Math.abs(flows[x])));
        for (int k = 0; k < Math.min(2, lateral.size()); k++) {
            t[lateral.get(k)] = true;
        }
        return t;
    }

    static boolean isTarget(Branch b) {
        return b.from() == 44 && b.to() == 45 || b.from() == 12 && b.to() == 68;
    }

    /** Bids spread over {@code buses} load buses (3 or 4 each for 172 on 46), a share of the bus load each. */
    static List<FlexBid> bids(GridCase grid, StudySpec.Draw spec, SplittableRandom rnd) {
        List<Integer> loadBuses = new ArrayList<>();
        for (int i = 0; i < grid.buses().size(); i++) {
            if (grid.buses().get(i).pd() > 0 && i != grid.slack()) {
                loadBuses.add(i);
            }
        }
        int[] order = shuffled(loadBuses.size(), rnd);
        int n = Math.min(spec.buses(), loadBuses.size());
        List<FlexBid> bids = new ArrayList<>();
        for (int k = 0; k < spec.bids(); k++) {
            int bus = loadBuses.get(order[k % n]);
            FlexBid.Direction dir = rnd.nextBoolean() ? FlexBid.Direction.UP : FlexBid.Direction.DOWN;
            double share = LOAD_SHARE[0] + (LOAD_SHARE[1] - LOAD_SHARE[0]) * rnd.nextDouble();
            double q = Math.max(1e-3, share * grid.buses().get(bus).pd());
            bids.add(new FlexBid(String.format("b%03d", k + 1), bus, dir, round(q), price(dir, rnd)));
        }
        return bids;
    }

    /** Up: uniform in [45, 55] EUR/MWh; down: uniform in [5, 15] (seed 003 Table 8's draw). */
    static double price(FlexBid.Direction dir, SplittableRandom rnd) {
        double base = dir == FlexBid.Direction.UP ? 45 : 5;
        return round(base + 10 * rnd.nextDouble());
    }

    static double round(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }

    static int[] shuffled(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Runs every scenario of the spec on the built-in draw. */
    public static RunResult run(Scenario s) {
        StudySpec st = s.study().orElseThrow();
        StudySpec.Draw spec = st.draw().orElseThrow();
        Draw d = draw(spec);
        List<StudyResults.ScenarioOutcome> outcomes;
        try (Progress bar = Progress.start("study " + s.name(), spec.scenarios().size(), "scenarios")) {
            outcomes = scenarios(d, spec.scenarios(), st.balanceNeutral(), bar::step);
        }
        return new RunResult(s, "study/euniversal", 0, List.of()).withStudy(new StudyResults(List.of(), outcomes, List.of(), d));
    }

    public static List<StudyResults.ScenarioOutcome> scenarios(Draw d, List<String> names, boolean balanceNeutral) {
        return scenarios(d, names, balanceNeutral, () -> { });
    }

    /** As above, calling {@code scenarioDone} after each scenario (a progress bar's step). */
    public static List<StudyResults.ScenarioOutcome> scenarios(Draw d, List<String> names, boolean balanceNeutral,
                                                        Runnable scenarioDone) {
        List<StudyResults.ScenarioOutcome> out = new ArrayList<>();
        java.util.Map<String, Cleared> plain = new java.util.HashMap<>();
        for (String name : names) {
            out.add(scenario(d, SweepCell.named(name), balanceNeutral, plain));
            scenarioDone.run();
        }
        return out;
    }

    public static StudyResults.ScenarioOutcome scenario(Draw d, String name, boolean balanceNeutral) {
        return scenario(d, SweepCell.named(name), balanceNeutral, new java.util.HashMap<>());
    }

    /**
     * One policy point through the run pipeline's phases (docs/pipeline.md#sweeps): the DSO policy, the P2P market
     * (p2p/central), the grid check, then the LFM with what is left. {@code plain}: the draw's market without a DSO
     * policy, which does not depend on the loading, shared by s0, s1 and their heavy variants (an optimization
     * only: the outcome is the same computed afresh).
     */
    public static StudyResults.ScenarioOutcome scenario(Draw d, SweepCell cell, boolean balanceNeutral,
                                                 java.util.Map<String, Cleared> plain) {
        return SweepScenario.run(d, cell, balanceNeutral, plain);
    }

    public static double[] flows(double[][] h, double[] p) {
        double[] f = new double[h.length];
        for (int l = 0; l < h.length; l++) {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s += h[l][i] * p[i];
            }
            f[l] = s;
        }
        return f;
    }

    static double[] occupancy(double[] flows, double[] ratings) {
        double[] o = new double[flows.length];
        for (int l = 0; l < o.length; l++) {
            o[l] = Double.isFinite(ratings[l]) && ratings[l] > 0 ? Math.abs(flows[l]) / ratings[l] : Double.NaN;
        }
        return o;
    }
}
