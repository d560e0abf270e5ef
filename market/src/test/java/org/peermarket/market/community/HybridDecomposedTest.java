package org.peermarket.market.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peermarket.market.community.CommunityMarketTest.assertBooksBalance;
import static org.peermarket.market.community.CommunityMarketTest.parse;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/**
 * Decomposed clearing (each manager solves only its own community, levels coordinate) against
 * the joint program on several trees: one level, depth 3 with the outside grid, storage over
 * several periods, siblings with caps and contracts between communities. Objectives and
 * dispatch must agree; every level's books balance. (Linear costs: see docs/hybrid-market.md
 * on quadratic ones.)
 */
class HybridDecomposedTest {

    static Stream<String> trees() {
        return Stream.of("""
                name: one-level
                market: {type: hybrid}
                outside: {import_price: 0.30, export_price: 0.02}
                communities:
                  - {id: C, members: [L1, P], manager: {fee: 0.01}, prefs: {G: 0.01}}
                peers:
                  - {id: G, cost: {b: 0.05}, pmin: 0, pmax: 10}
                  - {id: L1, pmin: -4, pmax: -4}
                  - {id: P, pmin: 0, pmax: 2}
                """, """
                name: depth-three
                periods: 2
                market: {type: hybrid}
                outside: {import_price: 0.5, export_price: 0.04, export_cap: 3}
                communities:
                  - {id: A, members: [B, a1], manager: {fee: 0.001}}
                  - {id: B, members: [C, b1], manager: {fee: 0.002, export_cap: 4}}
                  - {id: C, members: [c1, c2], manager: {fee: 0.003}}
                peers:
                  - {id: c1, cost: {b: 0.01}, pmin: 0, pmax: [5, 9]}
                  - {id: c2, pmin: -1, pmax: -1}
                  - {id: b1, pmin: -2, pmax: -2}
                  - {id: a1, cost: {b: 0.2}, pmin: [-2, -6], pmax: 0}
                  - {id: g, cost: {b: 0.07}, pmin: 0, pmax: 4}
                """, """
                name: storage-tree
                periods: 3
                market: {type: hybrid}
                outside: {import_price: [0.10, 0.30, 0.25], export_price: 0.02}
                communities:
                  - {id: home, members: [battery, load], manager: {fee: 0.005}}
                  - {id: town, members: [home, shop], manager: {fee: 0.002}, prefs: {outside: 0.001}}
                peers:
                  - {id: battery, pmin: 0, pmax: 0, storage: {capacity: 3, charge_max: 2, discharge_max: 2, eta_charge: 0.9, eta_discharge: 0.9, soc_initial: 0, soc_final: 0}}
                  - {id: load, pmin: -1, pmax: -1}
                  - {id: shop, pmin: [-1, -2, -1], pmax: [-1, -2, -1]}
                """, """
                name: siblings-with-caps
                periods: 2
                market: {type: hybrid}
                outside: {import_price: 0.3, export_price: 0.01}
                communities:
                  - {id: X, members: [x1, x2], manager: {fee: 0.01, export_cap: 3}, prefs: {Y: 0.002, z: 0.02}}
                  - {id: Y, members: [y1, W], manager: {fee: 0.005}, prefs: {X: 0.002}}
                  - {id: W, members: [w1, w2], manager: {fee: 0.004, import_cap: [2, 4]}}
                peers:
                  - {id: x1, cost: {b: 0.05}, pmin: 0, pmax: 10}
                  - {id: x2, cost: {b: 0.30}, pmin: -2, pmax: 0}
                  - {id: y1, cost: {b: 0.25}, pmin: -8, pmax: [-1, 0]}
                  - {id: w1, pmin: -3, pmax: -3}
                  - {id: w2, cost: {b: 0.12}, pmin: 0, pmax: 1.5}
                  - {id: z, cost: {b: 0.08}, pmin: 0, pmax: 10}
                """);
    }

    @ParameterizedTest
    @MethodSource("trees")
    void decomposedAgreesWithJoint(String yaml) {
        Scenario s = parse(yaml);
        HorizonResult joint = new HybridJoint().clear(s);
        HorizonResult dec = new HybridDecomposed().clear(s);
        assertMatches(s, joint, dec);
    }

    /**
     * Decomposed clearing agrees with joint clearing: objective within 1e-7 relative, dispatch and
     * community positions within 1e-5, every period balanced, every manager's books balanced.
     */
    static void assertMatches(Scenario s, HorizonResult joint, HorizonResult dec) {
        assertThat(joint.periods()).allMatch(ClearingResult::optimal);
        assertThat(dec.periods()).as(s.name() + " " + dec.periods().get(0).cause()).allMatch(ClearingResult::optimal);
        double jo = joint.periods().stream().mapToDouble(ClearingResult::objective).sum();
        double de = dec.periods().stream().mapToDouble(ClearingResult::objective).sum();
        System.out.printf("%s: %s, %d rounds, %d level solves, objective %.12f vs joint %.12f%n", s.name(),
                dec.periods().get(0).solver().name(), dec.coordination(), dec.periods().get(0).solver().iterations(),
                de, jo);
        assertThat(de).as(s.name() + " objective").isCloseTo(jo, within(1e-7 * (1 + Math.abs(jo))));
        assertThat(dec.coordination()).isPositive();
        for (int t = 0; t < s.periods(); t++) {
            assertThat(dec.periods().get(t).p()).as(s.name() + " period " + (t + 1))
                    .containsExactly(joint.periods().get(t).p(), within(1e-5));
            assertThat(dec.periods().get(t).checks().balance()).isLessThan(1e-6);
        }
        for (int k = 0; k < joint.communities().size(); k++) {
            assertThat(dec.communities().get(k).net()).as(s.name() + " " + joint.communities().get(k).community())
                    .isCloseTo(joint.communities().get(k).net(), within(1e-5));
        }
        assertBooksBalance(dec);
    }
}
