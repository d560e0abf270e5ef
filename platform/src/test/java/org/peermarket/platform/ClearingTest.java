package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gate-closure clearing of live orders with each registered mechanism, against hand-solved markets. */
class ClearingTest {
    private static Order order(long id, String who, String side, double q, double price, double min) {
        return new Order(id, who, "c" + id, "m", 0, side, "limit", "none", List.of(new Order.Point(q, price)), q, min, 0,
                OrderStatus.ACTIVE, 0, 0);
    }

    /** One seller 4 @ 0.10, buyers 3 @ 0.20 and 2 @ 0.05: only 3 kWh are worth trading. */
    private static final List<Order> MARKET = List.of(order(1, "alice", "sell", 4, 0.10, 0), order(2, "bob", "buy", 3, 0.20, 0),
            order(3, "dave", "buy", 2, 0.05, 0));

    private static double volume(Clearing.Outcome o) {
        return o.fills().stream().mapToDouble(Clearing.Fill::quantity).sum();
    }

    @Test
    void everyMechanismTradesTheEfficientThreeKwhFromAliceToBob() {
        for (String m : List.of("auction/uniform", "auction/pay-as-bid", "auction/mcafee", "p2p/central", "p2p/admm")) {
            Clearing.Outcome o = Clearing.clear(m, MARKET);
            if (m.equals("auction/mcafee")) {
                // McAfee's trade reduction leaves out the marginal pair when p0 = (b+ + s+)/2 falls
                // outside [s_m, b_m]: here b+ = 0.05 (dave), s+ = 0.10 (alice's rest): p0 = 0.075 < 0.10
                assertThat(volume(o)).as(m).isZero();
                continue;
            }
            assertThat(volume(o)).as(m).isCloseTo(3.0, within(1e-4));
            assertThat(o.fills()).as(m).allMatch(f -> f.sellerOrder() == 1 && f.buyerOrder() == 2);
        }
        // pay-as-bid: bob pays his limit 0.20
        assertThat(Clearing.clear("auction/pay-as-bid", MARKET).fills().get(0).price()).isCloseTo(0.20, within(1e-12));
        // uniform k = 0.5: marginal bid 0.20 fully filled, so b+ = 0.05 (dave); marginal ask 0.10 partly
        // filled, so s+ = 0.10: interval [max(0.10, 0.05), min(0.20, 0.10)] = {0.10}
        assertThat(Clearing.clear("auction/uniform", MARKET).fills().get(0).price()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void aParticipantNeverTradesWithItselfAndMinimumQuantityIsHonoured() {
        List<Order> self = List.of(order(1, "alice", "sell", 2, 0.10, 0), order(2, "alice", "buy", 2, 0.20, 0));
        for (String m : List.of("auction/uniform", "p2p/central")) {
            assertThat(Clearing.clear(m, self).fills()).as(m).isEmpty();
        }
        // bob wants at least 3 in one match; alice offers only 2
        List<Order> min = List.of(order(1, "alice", "sell", 2, 0.10, 0), order(2, "bob", "buy", 4, 0.20, 3));
        assertThat(Clearing.clear("auction/uniform", min).fills()).isEmpty();
        List<Order> enough = List.of(order(1, "alice", "sell", 3, 0.10, 0), order(2, "bob", "buy", 4, 0.20, 3));
        assertThat(volume(Clearing.clear("auction/uniform", enough))).isCloseTo(3.0, within(1e-12));
    }
}
