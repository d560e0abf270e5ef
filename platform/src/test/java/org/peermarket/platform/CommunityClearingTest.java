package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One community period cleared and settled without the server (markets.md section 2). */
class CommunityClearingTest {
    private static final MarketCommunity CAPPED = new MarketCommunity("cm", List.of("s1", "s2", "b1"), List.of(0.25), List.of(0.05),
            List.of(0.01), List.of(1.0), null);
    private static final MarketDef MARKET = new MarketDef("m", "community/central", Instant.parse("2026-01-01T10:00:00Z"), 60, 0, 1,
            null, CAPPED);

    /**
     * CommunityGateTest's period 0 with an import cap of 1 kWh: b1 (12 kWh at 0.30) gets the
     * pool's 10 and imports only 1, so it is served 11 of 12 and its own bid sets the price:
     * lambda_c + phi = 0.30, lambda_c = 0.29 (the cap's shadow price is 0.30 - 0.25). Bills:
     * s1 4 x 0.29 - 0.04 = 1.12, s2 6 x 0.29 - 0.06 = 1.68, b1 pays 2.90 + 0.10 + 0.25 = 3.25, the
     * outside receives 0.25, cm keeps the fees 0.20.
     */
    @Test
    void aBindingImportCapLetsTheMarginalBuyerSetThePrice() {
        List<Order> live = List.of(order(1, "s1", "sell", 4, 0.08), order(2, "s2", "sell", 6, 0.12), order(3, "b1", "buy", 12, 0.30));
        CommunityClearing.Outcome o = CommunityClearing.clear(MARKET, 0, live);
        assertThat(o.status()).isEqualTo("optimal");
        assertThat(o.price()).isCloseTo(0.29, within(1e-9));
        assertThat(o.imports()).isCloseTo(1, within(1e-9));
        assertThat(o.exports()).isCloseTo(0, within(1e-9));
        assertThat(o.filled().get(3L)).isCloseTo(11, within(1e-9));
        assertThat(o.volume()).isCloseTo(10, within(1e-9));

        BillCalculator.Settled s = new SettlementBills().settleCommunity("m", 0, o);
        Map<String, Double> net = s.bills().stream().collect(Collectors.toMap(Bill::participant, Bill::net));
        assertThat(net).hasSize(5);
        assertThat(net.get("s1")).isCloseTo(1.12, within(1e-9));
        assertThat(net.get("s2")).isCloseTo(1.68, within(1e-9));
        assertThat(net.get("b1")).isCloseTo(-3.25, within(1e-9));
        assertThat(net.get("retailer")).isCloseTo(0.25, within(1e-9));
        assertThat(net.get("cm")).isCloseTo(0.20, within(1e-9));
    }

    @Test
    void aResultThatBreaksSection2IsNotRecorded() {
        List<Order> live = List.of(order(1, "s1", "sell", 4, 0.08), order(3, "b1", "buy", 12, 0.30));
        CommunityClearing.Outcome o = CommunityClearing.clear(MARKET, 0, live);
        CommunityClearing.check(o);
        List<CommunityClearing.Flow> f = o.flows();
        // the pool no longer balances
        var unbalanced = withFlows(o, List.of(new CommunityClearing.Flow(f.get(0).member(), 3, 3, 0, 0), f.get(1)), o.imports());
        assertThatThrownBy(() -> CommunityClearing.check(unbalanced)).hasMessageContaining("the pool does not balance");
        // a seller beyond its offer
        var beyond = withFlows(o, List.of(new CommunityClearing.Flow(f.get(0).member(), 5, 5, 0, 0), new CommunityClearing.Flow(
                f.get(1).member(), -5, -5, 0, 0)), 0);
        assertThatThrownBy(() -> CommunityClearing.check(beyond)).hasMessageContaining("outside [0.0, 4.0]");
        // imports above the cap
        var over = withFlows(o, List.of(f.get(0), new CommunityClearing.Flow(f.get(1).member(), -6, -4, 2, 0)), 2);
        assertThatThrownBy(() -> CommunityClearing.check(over)).hasMessageContaining("above the cap");
    }

    private static CommunityClearing.Outcome withFlows(CommunityClearing.Outcome o, List<CommunityClearing.Flow> flows, double imports) {
        return new CommunityClearing.Outcome(o.status(), o.cause(), o.community(), o.period(), o.price(), imports, o.exports(), flows,
                o.scenario(), o.horizon());
    }

    private static Order order(long id, String who, String side, double quantity, double price) {
        return new Order(id, who, "c" + id, "m", 0, side, "limit", "none", List.of(new Order.Point(quantity, price)), quantity, 0, 0,
                OrderStatus.ACTIVE, 0, id);
    }
}
