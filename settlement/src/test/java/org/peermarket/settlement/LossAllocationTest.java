package org.peermarket.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.dso.DsoPolicies;

/** Loss shares against hand-worked cases (docs/metering.md#losses). */
class LossAllocationTest {
    private static final List<LossAllocation.TradeRef> PRO_RATA = List.of(
            new LossAllocation.TradeRef(0, "a", "b", 4, 1), new LossAllocation.TradeRef(0, "a", "c", 6, 1));

    @Test
    void proRataSharesFollowTradedEnergy() {
        // 5 % of 10 kWh = 0.5 kWh: 0.2 and 0.3, at 0.20 = 4 and 6 cents
        List<LossAllocation.Share> s = LossAllocation.shares(PRO_RATA, 0.05, new double[] {0.20});
        assertEquals(0.2, s.get(0).losses(), 1e-12);
        assertEquals(0.3, s.get(1).losses(), 1e-12);
        assertEquals(4, s.get(0).cents());
        assertEquals(6, s.get(1).cents());
    }

    @Test
    void ptdfSharesWeightEnergyByElectricalDistance() {
        List<LossAllocation.TradeRef> trades = List.of(
                new LossAllocation.TradeRef(0, "a", "b", 4, 1), new LossAllocation.TradeRef(0, "a", "c", 6, 3));
        // weights 4 x 1 = 4 and 6 x 3 = 18 of 22: 0.5 x 4/22 and 0.5 x 18/22
        List<LossAllocation.Share> s = LossAllocation.shares(trades, 0.05, new double[] {0.20});
        assertEquals(0.5 * 4 / 22, s.get(0).losses(), 1e-12);
        assertEquals(0.5 * 18 / 22, s.get(1).losses(), 1e-12);
        assertEquals(0.5, s.get(0).losses() + s.get(1).losses(), 1e-12);
    }

    @Test
    void ptdfDistanceSumsTheFlowOfOneUnitOverEveryLine() {
        // a 3-bus line 1-2-3 with bus 1 the slack: a transfer 2 -> 3 loads line 2-3 only; 1 -> 3 loads both lines
        double[][] ptdf = {{0, -1, -1}, {0, 0, -1}};
        assertEquals(1, DsoPolicies.ptdfDistance(ptdf, 1, 2), 1e-12);
        assertEquals(2, DsoPolicies.ptdfDistance(ptdf, 0, 2), 1e-12);
        assertEquals(0, DsoPolicies.ptdfDistance(ptdf, 2, 2), 1e-12);
    }

    @Test
    void theBuyerPaysTheDsoAndTheBillsStillSumToZero() {
        Settlement base = new Settlement(List.of(Actor.peer("a"), Actor.peer("b"), Actor.peer("c")), List.of(
                Transaction.of(0, TransactionType.ENERGY_TRADE, Actor.peer("b"), Actor.peer("a"), 4, 0.1),
                Transaction.of(0, TransactionType.ENERGY_TRADE, Actor.peer("c"), Actor.peer("a"), 6, 0.1)));
        Settlement st = LossAllocation.add(base, LossAllocation.shares(PRO_RATA, 0.05, new double[] {0.20}));
        assertEquals(10, st.net(Actor.DSO));
        assertEquals(-40 - 4, st.net(Actor.peer("b")));
        assertEquals(0, st.systemTotal());
    }
}
