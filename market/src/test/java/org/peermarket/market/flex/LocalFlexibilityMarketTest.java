package org.peermarket.market.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.Status;
import org.peermarket.market.flex.FlexBid.Direction;

/**
 * Hand-solved LFMs on a 4-bus radial feeder 1 - 2 - 3 - 4 (slack at bus 1, branches 1->2, 2->3, 3->4). On a tree
 * a MW injected at bus k reaches the slack through every branch between them, against the branch direction, so
 * PTDF[l][k] = -1 when bus k lies beyond branch l, else 0. Loads of 2 MW at bus 3 and 4 MW at bus 4 give flows
 * 6, 6 and 4 MW.
 */
public class LocalFlexibilityMarketTest {
    public static final double[][] PTDF = {
        {0, -1, -1, -1},
        {0, 0, -1, -1},
        {0, 0, 0, -1},
    };
    static final double[] FLOWS = {6, 6, 4};

    @Test
    void cheapestReliefWithBalancingDownBidAndPrices() {
        // line 2 rated 5: 1 MW over. Up at bus 3 (40) beats up at bus 4 (50); the down bid at the slack (5) balances
        // it without touching any flow. Cost 40 + 5 = 45. Duals: D interior gives y_bal = -5, B interior gives
        // 40 = y_bal - y_2, so y_2 = -45: LFP = -5 at buses 1, 2 and 40 at buses 3, 4.
        List<FlexBid> bids = List.of(
                new FlexBid("A", 3, Direction.UP, 3, 50),
                new FlexBid("B", 2, Direction.UP, 3, 40),
                new FlexBid("C", 1, Direction.DOWN, 5, 10),
                new FlexBid("D", 0, Direction.DOWN, 5, 5));
        LfmResult r = LocalFlexibilityMarket.clear(new LfmInput(PTDF, FLOWS, new double[] {10, 5, 10}, bids));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.acceptedMw()).containsExactly(new double[] {0, 1, 0, 1}, within(1e-9));
        assertThat(r.cost()).isCloseTo(45, within(1e-9));
        assertThat(r.flowsAfterMw()).containsExactly(new double[] {5, 5, 4}, within(1e-9));
        assertThat(r.locationalPrices()).containsExactly(new double[] {-5, -5, 40, 40}, within(1e-7));
        assertThat(r.congestedBefore()).containsExactly(1);
        assertThat(r.congestedAfter()).isEmpty();
        assertThat(r.netMw(bids)).isCloseTo(0, within(1e-12));
    }

    @Test
    void withoutBalanceTheSlackTakesTheDifference() {
        List<FlexBid> bids = List.of(
                new FlexBid("B", 2, Direction.UP, 3, 40),
                new FlexBid("D", 0, Direction.DOWN, 5, 5));
        LfmInput in = new LfmInput(PTDF, FLOWS, new double[] {10, 5, 10}, LfmInput.all(3), bids, false);
        LfmResult r = LocalFlexibilityMarket.clear(in);
        assertThat(r.acceptedMw()).containsExactly(new double[] {1, 0}, within(1e-9));
        assertThat(r.cost()).isCloseTo(40, within(1e-9));
        assertThat(r.locationalPrices()[2]).isCloseTo(40, within(1e-7));
    }

    @Test
    void noCongestionBuysNothing() {
        List<FlexBid> bids = List.of(new FlexBid("B", 2, Direction.UP, 3, 40), new FlexBid("D", 0, Direction.DOWN, 5, 5));
        LfmResult r = LocalFlexibilityMarket.clear(new LfmInput(PTDF, FLOWS, new double[] {10, 10, 10}, bids));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.cost()).isZero();
        assertThat(r.congestedBefore()).isEmpty();
    }

    @Test
    void infeasibleReportsLeastOverflowAndCheapestWayToIt() {
        // line 2 rated 3: 3 MW over, but the up bids relieve at most 1 + 1 MW: least overflow 1 MW on line 2,
        // reached by both up bids (40 + 50) and 2 MW of the slack's down bid (10): cost 100.
        List<FlexBid> bids = List.of(
                new FlexBid("A", 3, Direction.UP, 1, 50),
                new FlexBid("B", 2, Direction.UP, 1, 40),
                new FlexBid("D", 0, Direction.DOWN, 5, 5));
        LfmResult r = LocalFlexibilityMarket.clear(new LfmInput(PTDF, FLOWS, new double[] {10, 3, 10}, bids));
        assertThat(r.status()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.leastOverflowMw()).isCloseTo(1, within(1e-9));
        assertThat(r.congestedAfter()).containsExactly(1);
        assertThat(r.acceptedMw()).containsExactly(new double[] {1, 1, 2}, within(1e-9));
        assertThat(r.cost()).isCloseTo(100, within(1e-9));
        assertThat(r.flowsAfterMw()[1]).isCloseTo(4, within(1e-9));
    }

    @Test
    void indivisibleBidIsTakenWholeOrNotAtAll() {
        // 1 MW over on line 2. B (40, 3 MW) all-or-nothing would cost 3 * 40 + 3 * 5 = 135; 1 MW of A (50) plus
        // 1 MW of D costs 55, the optimum; the divisible version would take 1 MW of B for 45.
        List<FlexBid> bids = List.of(
                new FlexBid("A", 3, Direction.UP, 2, 50),
                new FlexBid("B", 2, Direction.UP, 3, 40, true),
                new FlexBid("D", 0, Direction.DOWN, 5, 5));
        LfmResult r = LocalFlexibilityMarket.clear(new LfmInput(PTDF, FLOWS, new double[] {10, 5, 10}, bids));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.acceptedMw()).containsExactly(new double[] {1, 0, 1}, within(1e-9));
        assertThat(r.cost()).isCloseTo(55, within(1e-9));
        assertThat(r.solver()).contains("+glop");
    }

    @Test
    void indivisibleBidCheaperWholeIsTaken() {
        // the same with B at 10 per MWh: whole B costs 3 * 10 + 3 * 5 = 45 < 55.
        List<FlexBid> bids = List.of(
                new FlexBid("A", 3, Direction.UP, 2, 50),
                new FlexBid("B", 2, Direction.UP, 3, 10, true),
                new FlexBid("D", 0, Direction.DOWN, 5, 5));
        LfmResult r = LocalFlexibilityMarket.clear(new LfmInput(PTDF, FLOWS, new double[] {10, 5, 10}, bids));
        assertThat(r.acceptedMw()).containsExactly(new double[] {0, 3, 3}, within(1e-9));
        assertThat(r.cost()).isCloseTo(45, within(1e-9));
    }
}
