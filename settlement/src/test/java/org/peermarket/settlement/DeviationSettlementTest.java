package org.peermarket.settlement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/** Imbalance settlement against hand-worked cases (docs/metering.md#deviation-settlement). */
class DeviationSettlementTest {

    private static Scenario scenario(String imbalance, String communities) {
        String yaml = """
                name: t
                periods: 1
                %s
                peers:
                  - {id: a, cost: {b: 0.05}, pmin: 0, pmax: 5}
                  - {id: b, cost: {b: 0.30}, pmin: -5, pmax: 0}
                  - {id: c, cost: {b: 0.30}, pmin: -5, pmax: 0}
                metering:
                  readings:
                    - {peer: a, period: 1, injection: 2, withdrawal: 0}
                    - {peer: b, period: 1, injection: 0, withdrawal: 2.6}
                    - {peer: c, period: 1, injection: 0, withdrawal: 0}
                  imbalance: %s
                """.formatted(communities, imbalance);
        return ScenarioParser.parse(yaml, "t.yaml", false);
    }

    /** a sold 3 kWh to b; a delivered 2 (short 1), b took 2.6 (long 0.4). */
    private static Settlement trade() {
        List<Actor> actors = List.of(Actor.peer("a"), Actor.peer("b"), Actor.peer("c"), Actor.DSO);
        return new Settlement(actors, List.of(Transaction.of(0, TransactionType.ENERGY_TRADE, Actor.peer("b"),
                Actor.peer("a"), 3, 0.10)));
    }

    private static DeviationSettlement.Result settle(Scenario s) {
        double[][] traded = DeviationSettlement.positions(s, trade());
        return DeviationSettlement.add(s, trade(), traded, DeviationSettlement.metered(s, s.metering().orElseThrow()),
                s.metering().get().imbalance().orElseThrow());
    }

    @Test
    void singlePriceChargesTheShortAndPaysTheLongAtOnePrice() {
        DeviationSettlement.Result r = settle(scenario("{pricing: single, price: 0.20}", ""));
        Settlement st = r.settlement();
        // a: -1 kWh x 0.20 = pays 0.20; b: +0.4 x 0.20 = gets 0.08; BRP: +0.12
        assertEquals(30 - 20, st.net(Actor.peer("a")));
        assertEquals(-30 + 8, st.net(Actor.peer("b")));
        assertEquals(12, st.net(DeviationSettlement.BRP));
        assertEquals(0, st.systemTotal());
        assertEquals(-1, r.rows().get(0).imbalance(), 1e-12);
        assertEquals(0.4, r.rows().get(1).imbalance(), 1e-12);
    }

    @Test
    void dualPriceChargesShortAtShortAndPaysLongAtLong() {
        DeviationSettlement.Result r = settle(scenario("{pricing: dual, short_price: 0.30, long_price: 0.05}", ""));
        Settlement st = r.settlement();
        // a: -1 x 0.30 = pays 0.30; b: +0.4 x 0.05 = gets 0.02; BRP keeps 0.28
        assertEquals(30 - 30, st.net(Actor.peer("a")));
        assertEquals(-30 + 2, st.net(Actor.peer("b")));
        assertEquals(28, st.net(DeviationSettlement.BRP));
        assertEquals(0, st.systemTotal());
    }

    private static final String COMMUNITY = """
            communities:
              - {id: street, members: [a, b, c], manager: {fee: 0, import_price: 0.25, export_price: 0.05}}
            market: {type: community}""";

    @Test
    void communityNetsItsMembersAndSharesTheCostProRataToDeviation() {
        DeviationSettlement.Result r = settle(scenario("{pricing: dual, short_price: 0.30, long_price: 0.05}", COMMUNITY));
        Settlement st = r.settlement();
        Actor manager = new Actor("street", ActorKind.COMMUNITY_MANAGER);
        // net -1 + 0.4 = -0.6 short: the manager pays 0.18; a (|-1|) and b (|0.4|) share it 1 : 0.4
        assertEquals(18, st.net(DeviationSettlement.BRP));
        assertEquals(0, st.net(manager));
        assertEquals(30 - 13, st.net(Actor.peer("a"))); // 18 x 1/1.4 = 12.86 -> 13
        assertEquals(-30 - 5, st.net(Actor.peer("b"))); // 18 x 0.4/1.4 = 5.14 -> 5
        assertEquals(0, st.net(Actor.peer("c")));
        assertEquals(0, st.systemTotal());
    }

    @Test
    void causerRuleChargesOnlyTheMembersWhoseDeviationHasTheCommunitysSign() {
        DeviationSettlement.Result r = settle(scenario(
                "{pricing: dual, short_price: 0.30, long_price: 0.05, allocation: causer}", COMMUNITY));
        Settlement st = r.settlement();
        assertEquals(30 - 18, st.net(Actor.peer("a")));
        assertEquals(-30, st.net(Actor.peer("b")));
    }

    @Test
    void centsAreSplitByLargestRemainderAndSumExactly() {
        assertArrayEquals(new long[] {34, 33, 33}, DeviationSettlement.allocate(100, new double[] {1, 1, 1}));
        assertArrayEquals(new long[] {-34, -33, -33}, DeviationSettlement.allocate(-100, new double[] {1, 1, 1}));
        assertArrayEquals(new long[] {1, 2}, DeviationSettlement.allocate(3, new double[] {1, 1.4}));
        assertArrayEquals(new long[] {0, 0}, DeviationSettlement.allocate(0, new double[] {0, 0}));
    }
}
