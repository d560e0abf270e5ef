package org.peermarket.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.model.ValidationException;

/**
 * Monte Carlo over a study (docs/euniversal-study.md#monte-carlo): N draws of the bid prices and of which bids act
 * as peers (the network, ratings, bid buses and quantities stay those of the built-in draw), every scenario run on
 * each. Draw k uses its own seed, derived from the sweep's seed and k alone, so the draws can run in parallel in
 * any order and the result is the same for a given seed.
 */
public final class Sweep {
    /** The KPIs of one scenario in one draw; lfmCost is +infinity when the LFM is infeasible. */
    public record Point(int draw, String scenario, int congestedLines, double overflowSum, double overflowWeightedAvg,
                        double lfmCost, double p2pVolume) {
        public boolean feasible() {
            return Double.isFinite(lfmCost);
        }
    }

    /** Mean and quantiles of one KPI of one scenario; for lfm_cost over feasible draws only. */
    public record Stats(String scenario, String kpi, int n, double mean, double p05, double p25, double p50, double p75,
                        double p95) {}

    /** How often a scenario beats s0 and s1 on LFM cost (infeasible = worst) and on overflow sum before the LFM. */
    public record Wins(String scenario, double infeasibleShare, double beatsS0Cost, double beatsS1Cost,
                       double beatsS0Overflow, double beatsS1Overflow) {}

    public record Result(String name, int draws, long seed, List<String> scenarios, List<Point> points, List<Stats> stats,
                         List<Wins> wins) {}

    private Sweep() {}

    public static Result run(Scenario s, int draws, long seed, IntConsumer progress) {
        StudySpec.Draw spec = s.study().flatMap(StudySpec::draw).orElseThrow(() -> new ValidationException(
                new Problem("SCENARIO", s.name(), "a sweep needs a study with a draw (such as euniversal-case69)")));
        if (draws < 1) {
            throw new ValidationException(new Problem("--draws", String.valueOf(draws), "must be >= 1"));
        }
        boolean balance = s.study().get().balanceNeutral();
        EuniversalStudy.Draw base = EuniversalStudy.draw(spec);
        AtomicInteger done = new AtomicInteger();
        List<List<Point>> byDraw = IntStream.range(0, draws).parallel().mapToObj(k -> {
            EuniversalStudy.Draw d = EuniversalStudy.redraw(base, spec.peers(), drawSeed(seed, k));
            List<Point> pts = new ArrayList<>();
            for (StudyResults.ScenarioOutcome o : EuniversalStudy.scenarios(d, spec.scenarios(), balance)) {
                pts.add(new Point(k + 1, o.name(), o.kpis().congestedLines(), o.kpis().overflowSumMw(),
                        o.kpis().overflowWeightedAverageMw(), o.lfm().optimal() ? o.lfm().cost()
                        : Double.POSITIVE_INFINITY, o.p2pVolumeMw()));
            }
            progress.accept(done.incrementAndGet());
            return pts;
        }).toList();
        List<Point> points = byDraw.stream().flatMap(List::stream).toList();
        return new Result(s.name(), draws, seed, spec.scenarios(), points, stats(points, spec.scenarios()),
                wins(byDraw, spec.scenarios()));
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
            List<Point> ps = points.stream().filter(p -> p.scenario().equals(sc)).toList();
            out.add(stats(sc, "congested_lines", ps.stream().mapToDouble(Point::congestedLines).toArray()));
            out.add(stats(sc, "overflow_sum", ps.stream().mapToDouble(Point::overflowSum).toArray()));
            out.add(stats(sc, "overflow_weighted_avg", ps.stream().mapToDouble(Point::overflowWeightedAvg).toArray()));
            out.add(stats(sc, "lfm_cost", ps.stream().filter(Point::feasible).mapToDouble(Point::lfmCost).toArray()));
            out.add(stats(sc, "p2p_volume", ps.stream().mapToDouble(Point::p2pVolume).toArray()));
        }
        return out;
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

    static List<Wins> wins(List<List<Point>> byDraw, List<String> scenarios) {
        List<Wins> out = new ArrayList<>();
        int n = byDraw.size();
        for (String sc : scenarios) {
            int infeasible = 0;
            int[] beats = new int[4];
            for (List<Point> draw : byDraw) {
                Point p = find(draw, sc);
                infeasible += p.feasible() ? 0 : 1;
                Point s0 = find(draw, "s0");
                Point s1 = find(draw, "s1");
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
