package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/**
 * A hand-solved community: a PV peer (4 kWh at no cost) and two fixed loads of 4 kWh (worth 0.30
 * per kWh), retail 0.25, feed-in 0.05. Alone: PV sells 4 at 0.05 (cost -0.2), each load buys 4
 * at 0.25 (cost 1.0 - 1.2 = -0.2). PV with one load saves the spread 4 x 0.20 = 0.8; the loads
 * together save nothing; all three save 0.8. That is a glove game scaled by 0.8: Shapley
 * (8/15, 2/15, 2/15), the core the single point (0.8, 0, 0).
 */
class SharingTest {

    private static Scenario community(boolean partnerLists) {
        String pv = partnerLists ? "    partners: [load-a, load-b]\n" : "";
        String a = partnerLists ? "    partners: [pv, load-b]\n" : "";
        String b = partnerLists ? "    partners: [pv, load-a]\n" : "";
        return ScenarioParser.parse("""
                name: glove
                tariff: {retail: 0.25, feed_in: 0.05}
                sharing: {rule: shapley, renewable: [pv]}
                peers:
                  - id: pv
                    cost: {a: 0, b: 0}
                    pmin: 0
                    pmax: 4
                %s  - id: load-a
                    cost: {a: 0, b: 0.3}
                    pmin: -4
                    pmax: -4
                %s  - id: load-b
                    cost: {a: 0, b: 0.3}
                    pmin: -4
                    pmax: -4
                %s""".formatted(pv, a, b), "glove.yaml", false);
    }

    @Test
    void everyRuleOnTheHandSolvedCommunity() {
        for (boolean solver : new boolean[] {false, true}) {
            Scenario s = community(solver);
            Sharing.Result r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
            assertThat(r.closedForm()).isEqualTo(!solver);
            assertThat(r.gain()).isCloseTo(0.8, within(1e-7));
            assertThat(r.alone()).containsExactly(new double[] {-0.2, -0.2, -0.2}, within(1e-7));
            assertThat(r.coreEmpty()).isFalse();
            assertShares(r, "equal", 0.8 / 3, 0.8 / 3, 0.8 / 3);
            assertShares(r, "shapley", 0.8 * 2 / 3, 0.8 / 6, 0.8 / 6);
            assertShares(r, "contribution", 0.8, 0, 0); // the loads add nothing to the other two
            assertShares(r, "needs", 0, 0.4, 0.4); // stand-alone consumption 0, 4, 4
            assertShares(r, "renewable", 0.8, 0, 0);
            assertThat(allocation(r, "contribution").inCore()).isTrue();
            assertThat(allocation(r, "shapley").inCore()).isFalse();
            assertThat(allocation(r, "equal").inCore()).isFalse();
            assertThat(allocation(r, "equal").jain()).isCloseTo(1, within(1e-9));
            assertThat(allocation(r, "renewable").jain()).isCloseTo(1.0 / 3, within(1e-9));
            for (Sharing.Allocation a : r.allocations()) {
                assertThat(Arrays.stream(a.shares()).sum()).as(a.rule()).isCloseTo(r.gain(), within(1e-9));
            }
        }
    }

    private static void assertShares(Sharing.Result r, String rule, double... want) {
        assertThat(allocation(r, rule).shares()).as(rule).containsExactly(want, within(1e-7));
    }

    private static Sharing.Allocation allocation(Sharing.Result r, String rule) {
        return r.allocations().stream().filter(a -> a.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void largeCommunitiesAreSampledWithAStatedError() {
        Scenario s = RandomRuns.scenario(3, "{type: p2p, solver: central}", 24, true, true);
        Sharing.Result r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
        assertThat(r.closedForm()).isTrue();
        assertThat(r.method()).isEqualTo("sampled");
        assertThat(r.coreEmpty()).isNull();
        Sharing.Allocation shapley = allocation(r, "shapley");
        assertThat(Arrays.stream(shapley.shares()).sum()).isCloseTo(r.gain(), within(1e-8 * Math.max(1, r.gain())));
        assertThat(Arrays.stream(shapley.standardErrors()).max().orElseThrow()).isGreaterThan(0);
    }
}
