package org.peermarket.market.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peermarket.market.community.CommunityMarketTest.assertBooksBalance;
import static org.peermarket.market.community.CommunityMarketTest.community;
import static org.peermarket.market.community.CommunityMarketTest.parse;

import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/** The hybrid market of markets.md §3 cleared jointly, on trees solved by hand. */
class HybridJointTest {

    /**
     * Root: producer G (0.05/kWh) and community C; C = {L1 (fixed 4 kWh), P (free, 2 kWh)}, fee
     * 0.01, C pays 0.01 per kWh traded with G; the outside sells at 0.30. P sells 2 in the pool,
     * C imports 2 from G. Prices: mu_G = 0.05, C's price at the root 0.06 = lambda_C, L1 values
     * 0.07, P 0.05. Objective 0.10 + 0.02 (C's pref) + 0.06 (fees on 2 + 4 kWh) = 0.18.
     */
    @Test
    void oneCommunityUnderTheRoot() {
        Scenario s = parse("""
                name: h
                market: {type: hybrid}
                outside: {import_price: 0.30, export_price: 0.02}
                communities:
                  - {id: C, members: [L1, P], manager: {fee: 0.01}, prefs: {G: 0.01}}
                peers:
                  - {id: G, cost: {b: 0.05}, pmin: 0, pmax: 10}
                  - {id: L1, pmin: -4, pmax: -4}
                  - {id: P, pmin: 0, pmax: 2}
                """);
        HorizonResult h = new HybridJoint().clear(s);
        ClearingResult r = h.periods().get(0);
        assertThat(r.optimal()).isTrue();
        assertThat(r.p()).containsExactly(new double[] {2, -4, 2}, within(1e-9));
        assertThat(r.mu()).containsExactly(new double[] {0.05, 0.07, 0.05}, within(1e-9));
        assertThat(r.objective()).isCloseTo(0.18, within(1e-9));
        HorizonResult.CommunityPeriod c = community(h, 0, "C");
        assertThat(c.price()).isCloseTo(0.06, within(1e-9));
        assertThat(c.importPrice()).isCloseTo(0.06, within(1e-9));
        assertThat(c.net()).isCloseTo(-2, within(1e-9));
        assertThat(r.trades()).singleElement().satisfies(t -> {
            assertThat(h.agents().get(t.seller())).isEqualTo("G");
            assertThat(h.agents().get(t.buyer())).isEqualTo("C");
            assertThat(t.quantity()).isCloseTo(2, within(1e-9));
        });
        assertBooksBalance(h);
    }

    /**
     * Depth 3 and the outside grid: A = {B, a1}, B = {C, b1}, C = {c1}; c1 produces up to 5 at
     * 0.01, b1 and a1 each consume 2, the outside buys at 0.04 and sells at 0.5; fees 0.001
     * per level. c1 runs flat out: 2 to b1 through C and B, 2 to a1 through C, B and A, and 1
     * exported to the outside from A's pool. Every kWh pays the fee at each pool it crosses, as
     * seller and buyer: objective = 0.05 + fees - 0.04 = 0.01 + fees.
     */
    @Test
    void depthThreeTreeWithOutsideExport() {
        Scenario s = parse("""
                name: deep
                market: {type: hybrid}
                outside: {import_price: 0.5, export_price: 0.04}
                communities:
                  - {id: A, members: [B, a1], manager: {fee: 0.001}}
                  - {id: B, members: [C, b1], manager: {fee: 0.001}}
                  - {id: C, members: [c1], manager: {fee: 0.001}}
                peers:
                  - {id: c1, cost: {b: 0.01}, pmin: 0, pmax: 5}
                  - {id: b1, pmin: -2, pmax: -2}
                  - {id: a1, pmin: -2, pmax: -2}
                """);
        HorizonResult h = new HybridJoint().clear(s);
        ClearingResult r = h.periods().get(0);
        assertThat(r.optimal()).isTrue();
        assertThat(r.p()[0]).isCloseTo(5, within(1e-9));
        // pool C: c1 sells 5 (5 kWh fee); pool B: C sells 5, b1 buys 2 (7); pool A: B sells 3, a1 buys 2 (5)
        double fees = 0.001 * (5 + 7 + 5);
        assertThat(r.objective()).isCloseTo(0.05 + fees - 0.04, within(1e-9));
        assertThat(community(h, 0, "A").exports()).isCloseTo(1, within(1e-9));
        assertThat(community(h, 0, "B").net()).isCloseTo(3, within(1e-9));
        assertThat(community(h, 0, "C").net()).isCloseTo(5, within(1e-9));
        assertThat(community(h, 0, "C").level()).isEqualTo(3);
        // A sells at the outside's 0.04; down the tree each pool's price is its parent's less one fee
        assertThat(community(h, 0, "A").price()).isCloseTo(0.04, within(1e-9));
        assertThat(community(h, 0, "B").price()).isCloseTo(0.04 - 0.001, within(1e-9));
        assertThat(community(h, 0, "C").price()).isCloseTo(0.04 - 0.002, within(1e-9));
        assertThat(r.mu()[0]).isCloseTo(0.04 - 0.003, within(1e-9));
        assertBooksBalance(h);
    }
}
