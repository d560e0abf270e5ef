package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The merit-order clearing of balancing bids against clearings worked by hand (docs/vpp.md#balancing-bids). */
class BalancingTest {
    // aggregator 0 (A): up 2 @ 0.20 and 3 @ 0.30; aggregator 1 (B): up 1 @ 0.25 and 2 @ 0.30
    private static final List<Balancing.Offer> UP = List.of(new Balancing.Offer(0, 2, 0.20), new Balancing.Offer(0, 3, 0.30),
            new Balancing.Offer(1, 1, 0.25), new Balancing.Offer(1, 2, 0.30));
    // A: down 2 @ 0.10; B: down 3 @ 0.15 and 1 @ 0.05
    private static final List<Balancing.Offer> DOWN = List.of(new Balancing.Offer(0, 2, 0.10),
            new Balancing.Offer(1, 3, 0.15), new Balancing.Offer(1, 1, 0.05));

    @Test
    void upIsClearedCheapestFirstAtTheMarginalStepsPrice() {
        // 5 kWh: A's 2 @ 0.20, B's 1 @ 0.25, then 2 left for the 5 kWh tied at 0.30: 3/5 x 2 = 1.2 to A, 0.8 to B
        Balancing.Clearing c = Balancing.clear(UP, 5, true, null);
        assertThat(c.accepted()).containsExactly(new double[] {2, 1.2, 1, 0.8}, within(1e-12));
        assertThat(c.price()).isEqualTo(0.30);
        // 2.5 kWh: A's 2, then half of B's step at 0.25, which sets the price for both
        c = Balancing.clear(UP, 2.5, true, null);
        assertThat(c.accepted()).containsExactly(new double[] {2, 0, 0.5, 0}, within(1e-12));
        assertThat(c.price()).isEqualTo(0.25);
    }

    @Test
    void anActivationPriceTakesOnlyTheStepsWithinItAndIsThePricePaid() {
        // up at 0.26: the steps at or below it (3 kWh) although 10 are asked for, paid 0.26
        Balancing.Clearing c = Balancing.clear(UP, 10, true, 0.26);
        assertThat(c.accepted()).containsExactly(new double[] {2, 0, 1, 0}, within(1e-12));
        assertThat(c.price()).isEqualTo(0.26);
        // down at 0.12: only B's 3 @ 0.15 bids at or above it
        c = Balancing.clear(DOWN, 4, false, 0.12);
        assertThat(c.accepted()).containsExactly(new double[] {0, 3, 0}, within(1e-12));
        assertThat(c.price()).isEqualTo(0.12);
    }

    @Test
    void downIsClearedDearestFirst() {
        // 4 kWh down: B's 3 @ 0.15, then 1 of A's 2 @ 0.10, which is the price
        Balancing.Clearing c = Balancing.clear(DOWN, 4, false, null);
        assertThat(c.accepted()).containsExactly(new double[] {1, 3, 0}, within(1e-12));
        assertThat(c.price()).isEqualTo(0.10);
    }

    @Test
    void nothingAskedNothingActivatedAndNoPrice() {
        Balancing.Clearing c = Balancing.clear(UP, 0, true, null);
        assertThat(c.accepted()).containsOnly(0);
        assertThat(c.price()).isNaN();
        assertThat(Balancing.clear(UP, 3, true, 0.10).price()).isNaN(); // no step within the price
    }
}
