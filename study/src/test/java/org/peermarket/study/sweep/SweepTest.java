package org.peermarket.study.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.Examples;
import org.peermarket.study.pipeline.EuniversalStudy;
import org.peermarket.study.pipeline.SweepCell;

/** Monte Carlo: determinism for a seed, statistics against hand calculations, and wins counted per draw. */
class SweepTest {
    static Scenario small() {
        String text = Examples.text("euniversal-case69").orElseThrow()
                .replace("scenarios: [s0, s1, s2, s3-100, s3-80, s0-heavy, s1-heavy]", "scenarios: [s0, s1, s2]");
        return ScenarioParser.parse(text, "small.yaml", false);
    }

    @Test
    void sameSeedSameSweepWhateverTheOrderOfDraws() {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Sweep.Result a = Sweep.run(small(), 6, 42, seen::add);
        Sweep.Result b = Sweep.run(small(), 6, 42, k -> { });
        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(a.points()).isEqualTo(b.points());
        assertThat(a.points()).hasSize(18);
        Sweep.Result c = Sweep.run(small(), 6, 43, k -> { });
        assertThat(c.points()).isNotEqualTo(a.points());
        // the sweep's draw k is its own: the first 3 draws of a 6-draw sweep are those of a 3-draw sweep
        assertThat(Sweep.run(small(), 3, 42, k -> { }).points()).isEqualTo(a.points().subList(0, 9));
    }

    @Test
    void winsAndStatisticsAreCountedFromTheDraws() {
        Sweep.Result r = Sweep.run(small(), 4, 7, k -> { });
        List<Double> s1costs = new ArrayList<>();
        int beats = 0;
        for (int d = 1; d <= 4; d++) {
            int draw = d;
            Sweep.Point s0 = r.points().stream().filter(p -> p.draw() == draw && p.scenario().equals("s0")).findFirst().orElseThrow();
            Sweep.Point s2 = r.points().stream().filter(p -> p.draw() == draw && p.scenario().equals("s2")).findFirst().orElseThrow();
            beats += s2.lfmCost() < s0.lfmCost() ? 1 : 0;
            r.points().stream().filter(p -> p.draw() == draw && p.scenario().equals("s1") && p.feasible())
                    .forEach(p -> s1costs.add(p.lfmCost()));
        }
        Sweep.Wins w = r.wins().stream().filter(x -> x.scenario().equals("s2")).findFirst().orElseThrow();
        assertThat(w.beatsS0Cost()).isEqualTo(beats / 4.0);
        Sweep.Stats cost = r.stats().stream().filter(s -> s.scenario().equals("s1") && s.kpi().equals("lfm_cost"))
                .findFirst().orElseThrow();
        assertThat(cost.n()).isEqualTo(s1costs.size());
        if (!s1costs.isEmpty()) {
            assertThat(cost.mean()).isCloseTo(s1costs.stream().mapToDouble(x -> x).average().orElseThrow(), within(1e-12));
        }
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {1, 2, 3, 4, 5};
        assertThat(Sweep.quantile(v, 0.5)).isEqualTo(3);
        assertThat(Sweep.quantile(v, 0.25)).isEqualTo(2);
        assertThat(Sweep.quantile(v, 0.05)).isCloseTo(1.2, within(1e-12));
        assertThat(Sweep.quantile(new double[] {7}, 0.95)).isEqualTo(7);
        assertThat(Sweep.quantile(new double[0], 0.5)).isNaN();
    }

    /** The progress hook of a study run: one step per scenario, in order, after each is done. */
    @Test
    void aStudyStepsItsProgressOncePerScenario() {
        var spec = small().study().orElseThrow();
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        var outcomes = EuniversalStudy.scenarios(EuniversalStudy.draw(spec.draw().orElseThrow()),
                spec.draw().orElseThrow().scenarios(), spec.balanceNeutral(), steps::incrementAndGet);
        assertThat(steps.get()).isEqualTo(3).isEqualTo(outcomes.size());
    }

    static Scenario grid(String sweep) {
        String text = Examples.text("euniversal-case69").orElseThrow() + "  sweep: " + sweep + "\n";
        return ScenarioParser.parse(text, "grid.yaml", false);
    }

    /** The grid's points: theta for block and incentive, w for incentive only, named by feeder/policy/parameters. */
    @Test
    void aGridExpandsIntoPolicyPointsPerFeeder() {
        Sweep.Plan plan = Sweep.plan(grid("{policy: [lfm-only, none, block, incentive], theta: [0.8, 1.0], w: [0.2]}"),
                2, 5);
        assertThat(plan.cells()).extracting(SweepCell::name).containsExactly("case69/lfm-only", "case69/none",
                "case69/block/theta=0.8", "case69/block/theta=1", "case69/incentive/theta=0.8/w=0.2",
                "case69/incentive/theta=1/w=0.2");
        assertThat(plan.cellCount()).isEqualTo(12);
        assertThatThrownBy(() -> Sweep.plan(grid("{policy: [none], case: [case69, case7]}"), 2, 5))
                .isInstanceOf(org.peermarket.model.ValidationException.class)
                .hasMessageContaining("study.sweep.case[1] = \"case7\": must be a built-in case");
    }

    /**
     * A grid point with the named scenario's parameters gives the named scenario's numbers (s2 = block 0.8, s3-80 =
     * incentive 0.8 / 0.2), and the grid's wins compare with the same feeder's lfm-only and none points.
     */
    @Test
    void gridPointsMatchTheNamedScenariosWithTheirParameters() {
        Sweep.Result named = Sweep.run(ScenarioParser.parse(Examples.text("euniversal-case69").orElseThrow()
                .replace("scenarios: [s0, s1, s2, s3-100, s3-80, s0-heavy, s1-heavy]", "scenarios: [s0, s1, s2, s3-80]"),
                "n.yaml", false), 2, 9, k -> { });
        Sweep.Result g = Sweep.run(grid("{policy: [lfm-only, none, block, incentive], theta: [0.8], w: [0.2]}"), 2, 9,
                k -> { });
        assertThat(g.points()).hasSize(8);
        for (int i = 0; i < 8; i++) {
            Sweep.Point a = named.points().get(i);
            Sweep.Point b = g.points().get(i);
            assertThat(b).isEqualTo(new Sweep.Point(a.draw(), b.scenario(), a.congestedLines(), a.overflowSum(),
                    a.overflowWeightedAvg(), a.lfmCost(), a.p2pVolume()));
        }
        // the printed table's columns line up with long point names: header and rows of one length
        List<String> lines = SweepFiles.table(g).lines().toList();
        assertThat(lines.subList(1, lines.size() - 1)).hasSize(5).extracting(String::length).containsOnly(
                lines.get(1).length());
        assertThat(lines.get(2)).startsWith("  case69/lfm-only ");
        for (int i = 0; i < 4; i++) {
            Sweep.Wins a = named.wins().get(i);
            Sweep.Wins b = g.wins().get(i);
            assertThat(List.of(b.infeasibleShare(), b.beatsS0Cost(), b.beatsS1Cost(), b.beatsS0Overflow(),
                    b.beatsS1Overflow())).isEqualTo(List.of(a.infeasibleShare(), a.beatsS0Cost(), a.beatsS1Cost(),
                    a.beatsS0Overflow(), a.beatsS1Overflow()));
        }
    }

    /** A cell computed on its own (as a remote task does) equals the same cell of a whole local sweep. */
    @Test
    void aCellOnItsOwnEqualsTheSameCellOfTheSweep() {
        Scenario s = grid("{policy: [none, block], theta: [0.8], case: [case69, case33bw]}");
        Sweep.Result r = Sweep.run(s, 2, 11, k -> { });
        Sweep.Plan plan = Sweep.plan(s, 2, 11);
        assertThat(plan.cells()).hasSize(4);
        List<Sweep.Point> alone = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            for (int c = 0; c < 4; c++) {
                alone.add(Sweep.point(plan, k, c));
            }
        }
        assertThat(alone).isEqualTo(r.points());
        // case33bw is a feeder of its own: its two most loaded branches start congested
        assertThat(r.points().get(2).scenario()).isEqualTo("case33bw/none");
        assertThat(r.points().get(2)).isNotEqualTo(r.points().get(0));
    }

    /** Histogram bins by hand: 0, 1, 2, ..., 9, 10 in ten bins of width 1, the greatest value in the last bin. */
    @Test
    void histogramsCountEqualBinsFromTheLeastToTheGreatestValue() {
        double[] v = new double[11];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        List<Sweep.Bin> bins = Sweep.histogram("s", "k", v);
        assertThat(bins).hasSize(10);
        assertThat(bins).extracting(Sweep.Bin::count).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 2);
        assertThat(bins.get(3).lo()).isEqualTo(3);
        assertThat(bins.get(3).hi()).isEqualTo(4);
        assertThat(bins.get(9).hi()).isEqualTo(10);
        assertThat(Sweep.histogram("s", "k", new double[] {2, 2, 2})).containsExactly(new Sweep.Bin("s", "k", 1, 2, 2, 3));
        assertThat(Sweep.histogram("s", "k", new double[0])).isEmpty();
        Sweep.Result r = Sweep.run(small(), 3, 4, k -> { });
        int s0Congested = r.histograms().stream().filter(b -> b.scenario().equals("s0")
                && b.kpi().equals("congested_lines")).mapToInt(Sweep.Bin::count).sum();
        assertThat(s0Congested).isEqualTo(3);
        assertThat(SweepFiles.histogramsCsv(r)).startsWith("scenario,kpi,bin,lo,hi,count\ns0,congested_lines,1,");
    }

    /**
     * Another feeder's congested pair: its two most loaded branches among those carrying at most half the largest
     * flow (the head branches carry the whole load, which a balance-neutral LFM cannot lower), rated 4% below
     * their flow, and the LFM alone relieves them on the built-in draw.
     */
    @Test
    void onAnotherFeederTheTwoMostLoadedLateralBranchesStartCongested() {
        var spec = small().study().orElseThrow().draw().orElseThrow();
        EuniversalStudy.Draw d = EuniversalStudy.draw(spec, spec.seed(), "case33bw");
        double[] f = EuniversalStudy.flows(d.ptdf(), d.baseInjectionMw());
        double head = java.util.Arrays.stream(f).map(Math::abs).max().orElseThrow();
        List<Integer> over = new ArrayList<>();
        for (int l = 0; l < f.length; l++) {
            if (Math.abs(f[l]) > d.ratingMw()[l] + 1e-12) {
                over.add(l);
                assertThat(Math.abs(f[l]) / d.ratingMw()[l]).isCloseTo(1.04, within(1e-9));
                assertThat(Math.abs(f[l])).isLessThanOrEqualTo(head / 2);
            }
        }
        assertThat(over).hasSize(2);
        double least = Math.min(Math.abs(f[over.get(0)]), Math.abs(f[over.get(1)]));
        for (int l = 0; l < f.length; l++) {
            if (!over.contains(l) && Math.abs(f[l]) <= head / 2) {
                assertThat(Math.abs(f[l])).isLessThanOrEqualTo(least);
            }
        }
        var s0 = EuniversalStudy.scenario(d, new SweepCell("case33bw/lfm-only", "case33bw", "lfm-only", Double.NaN,
                Double.NaN, false), true, new java.util.HashMap<>());
        assertThat(s0.kpis().congestedLines()).isEqualTo(2);
        assertThat(s0.lfm().optimal()).isTrue();
    }
}
