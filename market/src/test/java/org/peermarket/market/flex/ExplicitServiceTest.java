package org.peermarket.market.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;

/** CM5 explicit service, solved by hand. */
class ExplicitServiceTest {
    static TradeGraph all(int n) {
        TradeGraph.Builder b = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                b.addPair(i, j, 0, 0);
            }
        }
        return b.build();
    }

    @Test
    void cheapestPeersProvideTheVolumeAndTheMarginalOneSetsThePrice() {
        // V = 6 MW shared 2, 2, 2; capacities 5, 3, 5 at 10, 20, 30 per MW. Least cost: peer 1 provides 5 (its
        // capacity), peer 2 the remaining 1 (interior, so the price is its cost 20), peer 3 none: 5*10 + 1*20 = 70.
        // Peer 1 takes 3 MW of others' obligations, peers 2 and 3 hand over 1 and 2.
        double[] cap = {5, 3, 5};
        ExplicitService.Result r = ExplicitService.clear(new double[] {2, 2, 2}, cap, new double[] {10, 20, 30}, all(3));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.providedMw()).containsExactly(new double[] {5, 1, 0}, within(1e-9));
        assertThat(r.cost()).isCloseTo(70, within(1e-9));
        assertThat(r.price()).containsExactly(new double[] {20, 20, 20}, within(1e-9));
        double sold1 = r.trades().stream().filter(t -> t.seller() == 0).mapToDouble(Trade::quantity).sum();
        assertThat(sold1).isCloseTo(3, within(1e-9));
    }

    @Test
    void tradeCostsSeparatePricesAndProRataObligations() {
        // obligations pro rata: V = 4 on capacities 5 and 5 gives 2 and 2. Peer 1 costs 10, peer 2 costs 15, a
        // trade costs 3 per MW: peer 1 takes peer 2's 2 MW (10 + 3 < 15) and stays inside its capacity, so its
        // price is its cost 10 and peer 2's is 10 + 3. Cost 4*10 + 2*3 = 46.
        double[] o = ExplicitService.proRata(4, new double[] {5, 5});
        assertThat(o).containsExactly(2, 2);
        TradeGraph g = TradeGraph.builder(2).addPair(0, 1, 1.5, 1.5).build();
        ExplicitService.Result r = ExplicitService.clear(o, new double[] {5, 5}, new double[] {10, 15}, g);
        assertThat(r.providedMw()).containsExactly(new double[] {4, 0}, within(1e-9));
        assertThat(r.cost()).isCloseTo(46, within(1e-9));
        assertThat(r.price()).containsExactly(new double[] {10, 13}, within(1e-9));
    }

    @Test
    void moreThanTheAreaCanGiveIsInfeasible() {
        ExplicitService.Result r = ExplicitService.clear(ExplicitService.proRata(20, new double[] {5, 5}),
                new double[] {5, 5}, new double[] {1, 2}, all(2));
        assertThat(r.status()).isEqualTo(Status.INFEASIBLE);
    }
}
