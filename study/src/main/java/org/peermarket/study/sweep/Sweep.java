package org.peermarket.study.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.peermarket.grid.Cases;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.model.ValidationException;
import org.peermarket.study.pipeline.EuniversalStudy;
import org.peermarket.study.pipeline.StudyResults;
import org.peermarket.study.pipeline.SweepCell;

/**
 * Monte Carlo over a study (docs/euniversal-study.md#monte-carlo): N draws of the bid prices and of which bids act
 * as peers (the network, ratings, bid buses and quantities stay those of the feeder's built-in draw), every policy
 * point (a named scenario or a point of the {@code study.sweep} grid) run on each. A cell is (draw, point): draw k
 * uses its own seed, derived from the sweep's seed and k alone, so cells can run in any order, on any machine, and
 * the result is the same for a given seed.
 */
public final class Sweep {
    /** The KPIs of one scenario in one draw; lfmCost is +infinity when the LFM is infeasible. */
    public record Point(int draw, String scenario, int congestedLines, double overflowSum, double overflowWeightedAvg,
                        double lfmCost, double p2pVolume) implements Serializable {
        public boolean feasible() {
            return Double.isFinite(lfmCost);
        }
    }

    /** Mean and quantiles of one KPI of one scenario; for lfm_cost over feasible draws only. */
    public record Stats(String scenario, String kpi, int n, double mean, double p05, double p25, double p50, double p75,
                        double p95) {}

    /** One bin of a KPI's histogram: values in [lo, hi) ([lo, hi] for the last bin). */
    public record Bin(String scenario, String kpi, int bin, double lo, double hi, int count) {}

    /** How often a scenario beats s0 and s1 on LFM cost (infeasible = worst) and on overflow sum before the LFM. */
    public record Wins(String scenario, double infeasibleShare, double beatsS0Cost, double beatsS1Cost,
                       double beatsS0Overflow, double beatsS1Overflow) {}

    public record Result(String name, int draws, long seed, List<String> scenarios, List<Point> points, List<Stats> stats,
                         List<Wins> wins, List<Bin> histograms) {}

    /**
     * What a sweep runs, small enough to ship to another machine: the study's draw spec, the policy points and the
     * seed. Cell (k, c) is draw k (1-based) of point c.
     */
    public record Plan(String name, StudySpec.Draw spec, boolean balanceNeutral, List<SweepCell> cells, long seed,
                       int draws, boolean grid) implements Serializable {
        public Plan {
            cells = List.copyOf(cells);
        }

        public long cellCount() {
            return (long) draws * cells.size();
        }
    }

    static final String[] KPIS = {"congested_lines", "overflow_sum", "overflow_weighted_avg", "lfm_cost", "p2p_volume"};
    static final int BINS = 10;
    /** Each feeder's built-in draw (network, PTDF, ratings, bids), read once per JVM. */
    private static final Map<String, EuniversalStudy.Draw> BASE = new ConcurrentHashMap<>();

    private Sweep() {}

    public static Result run(Scenario s, int draws, long seed, IntConsumer progress) {
        Plan plan = plan(s, draws, seed);
        AtomicInteger done = new AtomicInteger();
        List<List<Point>> byDraw = IntStream.rangeClosed(1, draws).parallel().mapToObj(k -> {
            List<Point> pts = drawPoints(plan, k);
            progress.accept(done.incrementAndGet());
            return pts;
        }).toList();
        return result(plan, byDraw.stream().flatMap(List::stream).toList());
    }

    /** The sweep's plan: the named scenarios, or the grid's points when the study has a sweep grid. */
    public static Plan plan(Scenario s, int draws, long seed) {
        StudySpec.Draw spec = s.study().flatMap(StudySpec::draw).orElseThrow(() -> new ValidationException(
                new Problem("SCENARIO", s.name(), "a sweep needs a study with a draw (such as euniversal-case69)")));
        if (draws < 1) {
            throw new ValidationException(new Problem("--draws", String.valueOf(draws), "must be >= 1"));
        }
        StudySpec study = s.study().get();
        List<SweepCell> cells = study.sweep().map(g -> {
            checkFeeders(g.cases());
            return SweepCell.grid(g);
        }).orElseGet(() -> spec.scenarios().stream().map(SweepCell::named).toList());
        return new Plan(s.name(), spec, study.balanceNeutral(), cells, seed, draws, study.sweep().isPresent());
    }

    private static void checkFeeders(List<String> feeders) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < feeders.size(); i++) {
            if (!Cases.BUILT_IN.contains(feeders.get(i))) {
                problems.add(new Problem("study.sweep.case[" + i + "]", "\"" + feeders.get(i) + "\"",
                        "must be a built-in case (" + String.join(", ", Cases.BUILT_IN) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** Every point of draw k, in the plan's order. */
    static List<Point> drawPoints(Plan plan, int k) {
        return points(plan, k, 0, plan.cells().size());
    }

    /**
     * Points {@code from} to {@code to - 1} of draw k (1-based), in the plan's order: the draw is made once per
     * feeder, and the market without a DSO policy once per feeder too. The numbers are those of each cell on its own.
     */
    public static List<Point> points(Plan plan, int k, int from, int to) {
        Map<String, EuniversalStudy.Draw> draws = new HashMap<>();
        Map<String, Map<String, org.peermarket.market.Cleared>> plain = new HashMap<>();
        List<Point> pts = new ArrayList<>();
        for (SweepCell c : plan.cells().subList(from, to)) {
            EuniversalStudy.Draw d = draws.computeIfAbsent(c.feeder(), f -> redraw(plan, f, k));
            pts.add(point(k, EuniversalStudy.scenario(d, c, plan.balanceNeutral(),
                    plain.computeIfAbsent(c.feeder(), f -> new HashMap<>()))));
        }
        return pts;
    }

    /** One cell on its own: draw k (1-based) of point c, the same numbers as in {@link #drawPoints}. */
    public static Point point(Plan plan, int k, int c) {
        SweepCell cell = plan.cells().get(c);
        EuniversalStudy.Draw d = redraw(plan, cell.feeder(), k);
        return point(k, EuniversalStudy.scenario(d, cell, plan.balanceNeutral(), new HashMap<>()));
    }

    public static EuniversalStudy.Draw redraw(Plan plan, String feeder, int k) {
        EuniversalStudy.Draw base = BASE.computeIfAbsent(plan.spec() + "@" + feeder,
                key -> EuniversalStudy.draw(plan.spec(), plan.spec().seed(), feeder));
        return EuniversalStudy.redraw(base, plan.spec().peers(), drawSeed(plan.seed(), k - 1));
    }

    private static Point point(int k, StudyResults.ScenarioOutcome o) {
        return new Point(k, o.name(), o.kpis().congestedLines(), o.kpis().overflowSumMw(),
                o.kpis().overflowWeightedAverageMw(), o.lfm().optimal() ? o.lfm().cost() : Double.POSITIVE_INFINITY,
                o.p2pVolumeMw());
    }

    /** The sweep's result from every cell's point, draw by draw in the plan's order (as {@link #run} makes them). */
    public static Result result(Plan plan, List<Point> points) {
        List<String> names = plan.cells().stream().map(SweepCell::name).toList();
        int n = names.size();
        if (points.size() != plan.cellCount()) {
            throw new IllegalArgumentException(points.size() + " points for " + plan.cellCount() + " cells");
        }
        List<List<Point>> byDraw = new ArrayList<>();
        for (int k = 0; k < plan.draws(); k++) {
            byDraw.add(points.subList(k * n, (k + 1) * n));
        }
        return new Result(plan.name(), plan.draws(), plan.seed(), names, points, stats(points, names),
                wins(byDraw, plan), histograms(points, names));
    }

    /** SplitMix64 of (seed, k): independent, reproducible seeds per draw. */
    static long drawSeed(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static List<Stats> stats(List<Point> points, List<String> scenarios) {
        List<Stats> out = new ArrayList<>();
        for (String sc : scenarios) {
            for (String kpi : KPIS) {
                out.add(stats(sc, kpi, values(points, sc, kpi)));
            }
        }
        return out;
    }

    /** One KPI of one scenario over the draws; lfm_cost over the feasible draws only. */
    static double[] values(List<Point> points, String scenario, String kpi) {
        var ps = points.stream().filter(p -> p.scenario().equals(scenario));
        return switch (kpi) {
            case "congested_lines" -> ps.mapToDouble(Point::congestedLines).toArray();
            case "overflow_sum" -> ps.mapToDouble(Point::overflowSum).toArray();
            case "overflow_weighted_avg" -> ps.mapToDouble(Point::overflowWeightedAvg).toArray();
            case "lfm_cost" -> ps.filter(Point::feasible).mapToDouble(Point::lfmCost).toArray();
            default -> ps.mapToDouble(Point::p2pVolume).toArray();
        };
    }

    static Stats stats(String scenario, String kpi, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double mean = s.length == 0 ? Double.NaN : Arrays.stream(s).sum() / s.length;
        return new Stats(scenario, kpi, s.length, mean, quantile(s, 0.05), quantile(s, 0.25), quantile(s, 0.5),
                quantile(s, 0.75), quantile(s, 0.95));
    }

    /** Linear interpolation between order statistics (R's type 7); NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static List<Bin> histograms(List<Point> points, List<String> scenarios) {
        List<Bin> out = new ArrayList<>();
        for (String sc : scenarios) {
            for (String kpi : KPIS) {
                out.addAll(histogram(sc, kpi, values(points, sc, kpi)));
            }
        }
        return out;
    }

    /** BINS equal bins from the least to the greatest value (one bin when all are equal; none when empty). */
    static List<Bin> histogram(String scenario, String kpi, double[] v) {
        if (v.length == 0) {
            return List.of();
        }
        double min = Arrays.stream(v).min().getAsDouble();
        double max = Arrays.stream(v).max().getAsDouble();
        int bins = max > min ? BINS : 1;
        int[] count = new int[bins];
        for (double x : v) {
            count[bins == 1 ? 0 : Math.min(bins - 1, (int) ((x - min) / (max - min) * bins))]++;
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double lo = min + (max - min) * b / bins;
            double hi = b == bins - 1 ? max : min + (max - min) * (b + 1) / bins;
            out.add(new Bin(scenario, kpi, b + 1, lo, hi, count[b]));
        }
        return out;
    }

    /** s0 and s1 are the named scenarios, or on a grid the same feeder's lfm-only and none points. */
    static List<Wins> wins(List<List<Point>> byDraw, Plan plan) {
        List<Wins> out = new ArrayList<>();
        int n = byDraw.size();
        for (SweepCell c : plan.cells()) {
            String sc = c.name();
            String ref0 = plan.grid() ? c.feeder() + "/lfm-only" : "s0";
            String ref1 = plan.grid() ? c.feeder() + "/none" : "s1";
            int infeasible = 0;
            int[] beats = new int[4];
            for (List<Point> draw : byDraw) {
                Point p = find(draw, sc);
                infeasible += p.feasible() ? 0 : 1;
                Point s0 = find(draw, ref0);
                Point s1 = find(draw, ref1);
                beats[0] += s0 != null && p.lfmCost() < s0.lfmCost() ? 1 : 0;
                beats[1] += s1 != null && p.lfmCost() < s1.lfmCost() ? 1 : 0;
                beats[2] += s0 != null && p.overflowSum() < s0.overflowSum() - 1e-12 ? 1 : 0;
                beats[3] += s1 != null && p.overflowSum() < s1.overflowSum() - 1e-12 ? 1 : 0;
            }
            out.add(new Wins(sc, (double) infeasible / n, (double) beats[0] / n, (double) beats[1] / n,
                    (double) beats[2] / n, (double) beats[3] / n));
        }
        return out;
    }

    private static Point find(List<Point> draw, String scenario) {
        for (Point p : draw) {
            if (p.scenario().equals(scenario)) {
                return p;
            }
        }
        return null;
    }
}
