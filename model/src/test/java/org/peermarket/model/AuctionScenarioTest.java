package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peermarket.model.ScenarioParserTest.problems;
import static org.peermarket.model.ScenarioParserTest.yaml;

import org.junit.jupiter.api.Test;

/** Auction scenarios: market options and the order list, every problem named by path and value. */
class AuctionScenarioTest {

    private static final String ORDERS = """
            name: t
            periods: 2
            units: {energy: MWh}
            market: {type: auction, pricing: mcafee, k: 0.25, ties: random, seed: 9}
            peers:
              - id: a
              - id: b
                bus: 4
            orders:
              - {peer: a, side: sell, quantity: 2, price: 40, time: 1, period: 2}
              - {id: x, peer: b, side: buy, quantity: 1.5, price: 55, period: 1}
              - {action: modify, ref: x, quantity: 1, price: 60, time: 3}
              - {action: cancel, ref: "0", time: 4}
            """;

    @Test
    void readsOrdersInKwhAndOnlyIdsForPeers() {
        Scenario s = yaml(ORDERS);
        assertThat(s.market().type()).isEqualTo("auction");
        assertThat(s.market().solver()).isEqualTo("mcafee");
        AuctionSpec a = s.market().auction();
        assertThat(a.pricing()).isEqualTo(AuctionSpec.Pricing.MCAFEE);
        assertThat(a.k()).isEqualTo(0.25);
        assertThat(a.ties()).isEqualTo(AuctionSpec.Ties.RANDOM);
        assertThat(a.seed()).isEqualTo(9);
        assertThat(s.orders()).hasSize(4);
        OrderEntry first = s.orders().get(0);
        assertThat(first.id()).isEqualTo("0");
        assertThat(first.side()).isEqualTo(OrderEntry.Side.SELL);
        assertThat(first.quantity()).isEqualTo(2000.0);     // 2 MWh
        assertThat(first.price()).isEqualTo(0.04);          // 40 per MWh
        assertThat(first.period()).isEqualTo(2);
        OrderEntry modify = s.orders().get(2);
        assertThat(modify.peer()).isEqualTo("b");
        assertThat(modify.period()).isEqualTo(1);
        assertThat(modify.quantity()).isEqualTo(1000.0);
        assertThat(s.orders().get(3).action()).isEqualTo(OrderEntry.Action.CANCEL);
        assertThat(s.peers().get(1).bus()).hasValue(4);
    }

    @Test
    void defaultsForAGeneratedAuction() {
        Scenario s = yaml("""
                name: t
                market: {type: cda}
                peers: [{id: a, pmin: 0, pmax: 1}]
                """);
        assertThat(s.market().solver()).isEqualTo("book");
        assertThat(s.market().auction()).isEqualTo(AuctionSpec.DEFAULT);
        assertThat(s.orders()).isEmpty();
    }

    @Test
    void everyOrderProblemIsNamedByPath() {
        String text = """
                name: t
                periods: 2
                market: {type: auction}
                peers: [{id: a}, {id: b}]
                orders:
                  - {peer: a, side: hold, quantity: 1, price: 1, period: 1}
                  - {peer: c, side: buy, quantity: 0, price: .nan, period: 3}
                  - {peer: a, side: buy, quantity: 1, price: 1, time: -1}
                  - {peer: a, side: sell, kind: fok, quantity: 1, price: 1, period: 1}
                  - {action: cancel, ref: nope, period: 1}
                """;
        assertThat(problems(text)).containsExactlyInAnyOrder(
                "orders[0].side = \"hold\": must be buy or sell",
                "orders[1].peer = \"c\": names unknown peer 'c'",
                "orders[1].quantity = 0: must be > 0",
                "orders[1].price = NaN: must be a finite number",
                "orders[1].period = 3: must be a period number in 1..2",
                "orders[2].time = -1: must be >= 0",
                "orders[2].period: is required: the scenario has 2 periods",
                "orders[3].kind = \"fok\": fok and fak orders apply only to market.type cda",
                "orders[4].ref = \"nope\": names no order submitted earlier in the list");
    }

    @Test
    void marketOptionsAreChecked() {
        assertThat(problems("""
                name: t
                market: {type: auction, pricing: vickrey, k: 1.5, ties: coin, steps: 0, compare: yes}
                peers: [{id: a, pmin: 0, pmax: 1}]
                """)).containsExactlyInAnyOrder(
                "market.pricing = \"vickrey\": must be one of [uniform, pay-as-bid, mcafee]",
                "market.k = 1.5: must be between 0 and 1",
                "market.ties = \"coin\": must be one of [time, pro-rata, random]",
                "market.steps = 0: must be a whole number >= 1",
                "market.compare = \"yes\": must be true or false");
        assertThat(problems("""
                name: t
                market: {type: p2p, k: 0.5}
                peers: [{id: a, pmin: 0, pmax: 1}]
                """)).containsExactly("market.k = 0.5: applies only to market.type auction or cda");
        assertThat(problems("""
                name: t
                market: {type: cda, pricing: uniform, solver: central}
                peers: [{id: a, pmin: 0, pmax: 1}]
                """)).containsExactlyInAnyOrder(
                "market.pricing = \"uniform\": applies only to market.type auction (a CDA trades at the resting order's price)",
                "market.solver = \"central\": must be absent or 'book' for market.type cda");
    }

    @Test
    void listedOrdersNeedAnAuctionAndRuleOutComparison() {
        assertThat(problems("""
                name: t
                market: {type: auction, compare: true}
                peers: [{id: a}]
                orders: [{peer: a, side: buy, quantity: 1, price: 1}]
                """)).containsExactly(
                "market.compare = true: needs orders generated from the peers' costs: remove the orders list or set compare: false");
        assertThat(problems("""
                name: t
                peers: [{id: a, pmin: 0, pmax: 1}]
                orders: [{peer: a, side: buy, quantity: 1, price: 1}]
                """)).containsExactly("orders: applies only to market.type auction or cda (market.type is p2p)");
    }
}
