package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

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
}
