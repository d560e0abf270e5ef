package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;
import org.peermarket.study.pipeline.RunResult;

/**
 * Seed 004's examples against the paper (Moreno et al. 2021, Tables 2 and 3) and a hand
 * computation of the costs; see docs/examples.md for the data choices.
 */
class MorenoExamplesTest {

    private static double p(RunResult r, String peer) {
        return r.periods().get(0).p()[r.scenario().peerIndex(peer)];
    }

    @Test
    void fivePeerCasesReproduceTables2And3() {
        Map<String, Scenario> cases = Examples.loadCases("moreno-5peer");
        assertThat(cases.keySet()).containsExactly("case-1", "case-2");
        RunResult one = Runner.run(cases.get("case-1"));
        RunResult two = Runner.run(cases.get("case-2"));
        assertThat(one.status().hasResult()).isTrue();
        assertThat(two.status().hasResult()).isTrue();
        // Table 2 (Case I): P3 generates 250 (its limit; exports 200), P5 60 (exports 40), grid idle
        assertThat(p(one, "P3") + 50).isCloseTo(250, within(1e-9));
        assertThat(p(one, "P5") + 20).isCloseTo(60, within(1e-9));
        assertThat(p(one, "grid")).isCloseTo(0, within(1e-9));
        // Table 3 (Case II): P3 110 (exports 60), P5 200 (exports 180), grid idle
        assertThat(p(two, "P3") + 50).isCloseTo(110, within(1e-9));
        assertThat(p(two, "P5")).isCloseTo(180, within(1e-9));
        assertThat(p(two, "grid")).isCloseTo(0, within(1e-9));
        // costs by hand: generation + 0.0216 per kWh traded between root agents + 0.0024 per kWh
        // bought or sold in the community's pool
        double caseOne = 0.048 * 250 + 0.050 * 60 + 0.0216 * 240;
        double caseTwo = 0.048 * 110 + 0.050 * 200 + 0.0216 * 60 + 0.0024 * (180 + 140 + 100);
        assertThat(one.objective()).isCloseTo(caseOne, within(1e-9));
        assertThat(two.objective()).isCloseTo(caseTwo, within(1e-9));
        assertThat(two.objective()).isLessThan(one.objective());
        HorizonResult h = two.horizon().orElseThrow();
        assertThat(h.communities()).singleElement().satisfies(c -> assertThat(c.net()).isCloseTo(-60, within(1e-9)));
    }

    /** Case II cleared level by level: the community's manager and the root market coordinate to the same optimum. */
    @Test
    void caseTwoDecomposedAgreesWithTable3() {
        Scenario s = Examples.loadCases("moreno-5peer").get("case-2");
        Scenario dec = new Scenario(s.name(), s.description(), s.periods(), s.periodHours(), s.units(),
                new org.peermarket.model.MarketSpec("hybrid", "decomposed"), s.peers(), s.orders(), s.grid(),
                s.communities(), s.storage());
        RunResult r = Runner.run(dec);
        assertThat(r.mechanism()).isEqualTo("hybrid/decomposed");
        assertThat(r.status().hasResult()).isTrue();
        assertThat(p(r, "P3") + 50).isCloseTo(110, within(1e-6));
        assertThat(p(r, "P5")).isCloseTo(180, within(1e-6));
        assertThat(r.objective()).isCloseTo(Runner.run(s).objective(), within(1e-7));
        assertThat(r.horizon().orElseThrow().coordination()).isPositive();
    }

    @Test
    void seventeenPeersOverADayWithStorage() {
        RunResult r = Runner.run(Examples.load("moreno-17peer").orElseThrow());
        assertThat(r.status().hasResult()).isTrue();
        Scenario s = r.scenario();
        assertThat(s.peers()).hasSize(17);
        assertThat(s.communities().list()).hasSize(4);
        assertThat(s.periods()).isEqualTo(24);
        HorizonResult h = r.horizon().orElseThrow();
        for (String peer : new String[] {"P3", "P6"}) {
            var steps = h.storage().stream().filter(st -> st.peer().equals(peer)).toList();
            double capacity = s.storage().get(peer).capacity();
            assertThat(steps).hasSize(24).allSatisfy(st -> assertThat(st.soc()).isBetween(-1e-9, capacity + 1e-9));
            // cyclic: the day ends at the starting SOC
            assertThat(steps.get(23).soc()).isCloseTo(s.storage().get(peer).socInitial(), within(1e-6));
        }
        // every period balances: peers' net injections plus storage equal what the outside supplies (none here)
        for (int t = 0; t < 24; t++) {
            ClearingResult c = r.periods().get(t);
            double net = java.util.Arrays.stream(c.p()).sum();
            final int period = t;
            double storage = h.storage().stream().filter(st -> st.period() == period)
                    .mapToDouble(st -> st.discharge() - st.charge()).sum();
            assertThat(net + storage).as("period " + (t + 1)).isCloseTo(0, within(1e-6));
        }
    }
}
