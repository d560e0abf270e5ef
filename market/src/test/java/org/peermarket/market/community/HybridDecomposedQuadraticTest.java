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
 * Decomposed clearing with quadratic costs (docs/hybrid-market.md, proximal bundle
 * coordination) against the joint program, an independent solve of the whole tree: two
 * levels; depth 3 with fixed (linear) loads, the outside grid and caps over 2 periods; storage
 * with quadratic members over 2 periods. Objectives agree within 1e-7 relative, dispatch and net
 * positions within 1e-5 (kWh), every manager's books balance. Plus a hand-solved tree with a
 * closed-form price. (Storage under quadratic members goes to consensus ADMM, see
 * {@link HybridDecomposedConsensusTest}.)
 */
class HybridDecomposedQuadraticTest {

    static Stream<String> trees() {
        return Stream.of("""
                name: two-level
                market: {type: hybrid}
                outside: {import_price: 0.30, export_price: 0.02}
                communities:
                  - {id: C, members: [L1, D], manager: {fee: 0.01}}
                  - {id: D, members: [P, L2], manager: {fee: 0.005}}
                peers:
                  - {id: G, cost: {a: 0.02, b: 0.05}, pmin: 0, pmax: 10}
                  - {id: L1, cost: {a: 0.04, b: 0.30}, pmin: -8, pmax: 0}
                  - {id: P, cost: {a: 0.03, b: 0.04}, pmin: 0, pmax: 5}
                  - {id: L2, cost: {a: 0.05, b: 0.25}, pmin: -6, pmax: 0}
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
                  - {id: c1, cost: {a: 0.01, b: 0.01}, pmin: 0, pmax: [9, 12]}
                  - {id: c2, cost: {a: 0.05, b: 0.35}, pmin: -3, pmax: 0}
                  - {id: b1, pmin: -2, pmax: -2}
                  - {id: a1, cost: {a: 0.03, b: 0.2}, pmin: [-2, -6], pmax: 0}
                  - {id: g, cost: {a: 0.02, b: 0.07}, pmin: 0, pmax: 4}
                """, """
                name: storage-two-periods
                periods: 2
                market: {type: hybrid}
                outside: {import_price: [0.10, 0.35], export_price: 0.02}
                communities:
                  - {id: home, members: [battery, load, pv], manager: {fee: 0.005}}
                peers:
                  - {id: battery, pmin: 0, pmax: 0, storage: {capacity: 4, charge_max: 3, discharge_max: 3, eta_charge: 0.95, eta_discharge: 0.95, soc_initial: 0, soc_final: 0}}
                  - {id: load, cost: {a: 0.05, b: 0.40}, pmin: -4, pmax: -0.5}
                  - {id: pv, cost: {a: 0.02}, pmin: 0, pmax: [0.5, 2]}
                """);
    }

    @ParameterizedTest
    @MethodSource("trees")
    void decomposedAgreesWithJoint(String yaml) {
        Scenario s = parse(yaml);
        HorizonResult joint = new HybridJoint().clear(s);
        HorizonResult dec = new HybridDecomposed().clear(s);
        HybridDecomposedTest.assertMatches(s, joint, dec);
    }

    /** The hand-solved two-level tree below (also cleared by consensus alone in HybridDecomposedConsensusTest). */
    static final String HAND_TREE = """
            name: hand
            market: {type: hybrid, solver: decomposed}
            communities:
              - {id: C, members: [D], manager: {fee: 0.01}}
              - {id: D, members: [L], manager: {fee: 0.005}}
            peers:
              - {id: G, cost: {a: 0.02, b: 0.05}, pmin: 0, pmax: 10}
              - {id: L, cost: {a: 0.04, b: 0.30}, pmin: -10, pmax: 0}
            """;

    /**
     * Hand-solved, two community levels: root = {G, C}, C = {D}, D = {L}; G costs
     * 0.5*0.02 g^2 + 0.05 g, L values x kWh at 0.30 x - 0.5*0.04 x^2, fees 0.01 in C and 0.005
     * in D (each paid once: D buys in C's pool, L in D's). At the optimum G's marginal cost plus
     * the fees equals L's marginal value: 0.02 x + 0.05 + 0.015 = 0.30 - 0.04 x, so
     * x = 0.235 / 0.06. Prices: G's (= C's pool) 0.02 x + 0.05, D's pool that plus 0.01, L's
     * 0.30 - 0.04 x. Objective 0.03 x^2 - 0.235 x = -0.235^2 / 0.12.
     */
    @Test
    void twoLevelQuadraticTreeHasClosedFormPrices() {
        Scenario s = parse(HAND_TREE);
        HorizonResult h = new HybridDecomposed().clear(s);
        ClearingResult r = h.periods().get(0);
        double x = 0.235 / 0.06;
        double price = 0.02 * x + 0.05;
        assertThat(r.optimal()).as(r.cause()).isTrue();
        assertThat(r.p()).containsExactly(new double[] {x, -x}, within(1e-6));
        assertThat(r.mu()).containsExactly(new double[] {price, 0.30 - 0.04 * x}, within(1e-6));
        assertThat(r.objective()).isCloseTo(-0.235 * 0.235 / 0.12, within(1e-9));
        assertThat(community(h, 0, "C").price()).isCloseTo(price, within(1e-6));
        assertThat(community(h, 0, "C").net()).isCloseTo(-x, within(1e-6));
        assertThat(community(h, 0, "D").price()).isCloseTo(price + 0.01, within(1e-6));
        assertThat(community(h, 0, "D").net()).isCloseTo(-x, within(1e-6));
        assertThat(h.coordination()).isPositive();
        assertBooksBalance(h);
    }
}
