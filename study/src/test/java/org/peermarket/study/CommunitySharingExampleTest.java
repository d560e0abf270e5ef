package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.settlement.Baseline;
import org.peermarket.settlement.Sharing;

/** The community-sharing example against the game solved by hand in its comments. */
class CommunitySharingExampleTest {
    @Test
    void shapleyOfTheCommunityGameByHand() {
        Scenario s = Examples.load("community-sharing").orElseThrow();
        Sharing.Result r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
        assertThat(r.game()).isEqualTo("community");
        assertThat(r.gain()).isCloseTo(0.72, within(1e-7)); // 4 pool kWh x (0.25 - 0.05 - 2 x 0.01)
        Sharing.Allocation shapley = r.allocations().stream().filter(a -> a.rule().equals("shapley")).findFirst().orElseThrow();
        assertThat(shapley.shares()).containsExactly(new double[] {0.39, 0.21, 0.12}, within(1e-7));
        assertThat(shapley.inCore()).isTrue();
    }
}
