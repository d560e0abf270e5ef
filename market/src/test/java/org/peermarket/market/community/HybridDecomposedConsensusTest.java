package org.peermarket.market.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peermarket.market.community.CommunityMarketTest.assertBooksBalance;
import static org.peermarket.market.community.CommunityMarketTest.community;
import static org.peermarket.market.community.CommunityMarketTest.parse;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/**
 * Decomposed clearing on the trees where nested cuts alone were slow or did not converge
 * (docs/hybrid-market.md, "Limits"): quadratic members next to kinks (binding caps, linear
 * members, contracts) and storage under a two-level quadratic tree over 3 periods. The
 * coordination hands over to consensus ADMM; the result must match the joint program, an
 * independent solve of the whole tree (objective within 1e-7 relative, dispatch and net
 * positions within 1e-5 kWh), and every manager's books balance.
 */
class HybridDecomposedConsensusTest {

    static Stream<String> trees() {
        return Stream.of("""
                name: quadratic-siblings-with-caps
                periods: 2
                market: {type: hybrid}
                outside: {import_price: 0.3, export_price: 0.01}
                communities:
                  - {id: X, members: [x1, x2], manager: {fee: 0.01, export_cap: 3}, prefs: {Y: 0.002, z: 0.02}}
                  - {id: Y, members: [y1, W], manager: {fee: 0.005}, prefs: {X: 0.002}}
                  - {id: W, members: [w1, w2], manager: {fee: 0.004, import_cap: [2, 4]}}
                peers:
                  - {id: x1, cost: {a: 0.01, b: 0.05}, pmin: 0, pmax: 10}
                  - {id: x2, cost: {a: 0.04, b: 0.30}, pmin: -2, pmax: 0}
                  - {id: y1, cost: {a: 0.03, b: 0.25}, pmin: -8, pmax: [-1, 0]}
                  - {id: w1, pmin: -3, pmax: -3}
                  - {id: w2, cost: {a: 0.02, b: 0.12}, pmin: 0, pmax: 1.5}
                  - {id: z, cost: {b: 0.08}, pmin: 0, pmax: 10}
                """, """
                name: quadratic-storage-tree
                periods: 3
                market: {type: hybrid}
                outside: {import_price: [0.10, 0.30, 0.25], export_price: 0.02}
                communities:
                  - {id: home, members: [battery, load], manager: {fee: 0.005}}
                  - {id: town, members: [home, shop], manager: {fee: 0.002}, prefs: {outside: 0.001}}
                peers:
                  - {id: battery, pmin: 0, pmax: 0, storage: {capacity: 3, charge_max: 2, discharge_max: 2, eta_charge: 0.9, eta_discharge: 0.9, soc_initial: 0, soc_final: 0}}
                  - {id: load, cost: {a: 0.05, b: 0.40}, pmin: -3, pmax: -0.5}
                  - {id: shop, cost: {a: 0.04, b: 0.35}, pmin: [-3, -4, -3], pmax: 0}
                """);
    }

    @ParameterizedTest
    @MethodSource("trees")
    void decomposedAgreesWithJoint(String yaml) {
        Scenario s = parse(yaml);
        HorizonResult joint = new HybridJoint().clear(s);
        HorizonResult dec = new HybridDecomposed().clear(s);
        HybridDecomposedTest.assertMatches(s, joint, dec);
        assertThat(dec.periods().get(0).solver().name()).isEqualTo("benders+admm");
    }

    /** The consensus alone (no cuts first) on the same trees and on a depth-3 quadratic tree. */
    @ParameterizedTest
    @MethodSource("allTrees")
    void consensusFromTheStartAgreesWithJoint(String yaml) {
        Scenario s = parse(yaml);
        HorizonResult joint = new HybridJoint().clear(s);
        HorizonResult dec = new HybridDecomposed(0).clear(s);
        HybridDecomposedTest.assertMatches(s, joint, dec);
        assertThat(dec.periods().get(0).solver().name()).isEqualTo("benders+admm");
    }

    /**
     * The hand-solved two-level tree of {@link HybridDecomposedQuadraticTest} cleared by consensus
     * alone: G's marginal cost plus both fees equals L's marginal value, 0.02 x + 0.065 = 0.30 -
     * 0.04 x, so x = 0.235 / 0.06; C's pool price is G's marginal cost, D's that plus C's fee.
     */
    @Test
    void consensusReachesTheClosedFormPrices() {
        Scenario s = parse(HybridDecomposedQuadraticTest.HAND_TREE);
        HorizonResult h = new HybridDecomposed(0).clear(s);
        ClearingResult r = h.periods().get(0);
        double x = 0.235 / 0.06;
        double price = 0.02 * x + 0.05;
        assertThat(r.optimal()).as(r.cause()).isTrue();
        assertThat(r.p()).containsExactly(new double[] {x, -x}, within(1e-6));
        assertThat(r.mu()).containsExactly(new double[] {price, 0.30 - 0.04 * x}, within(1e-6));
        assertThat(r.objective()).isCloseTo(-0.235 * 0.235 / 0.12, within(1e-9));
        assertThat(community(h, 0, "C").price()).isCloseTo(price, within(1e-6));
        assertThat(community(h, 0, "D").price()).isCloseTo(price + 0.01, within(1e-6));
        assertThat(community(h, 0, "D").net()).isCloseTo(-x, within(1e-6));
        assertBooksBalance(h);
    }

    static Stream<String> allTrees() {
        return Stream.concat(trees(), HybridDecomposedQuadraticTest.trees());
    }
}
