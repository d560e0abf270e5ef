package org.peermarket.settlement;

import java.util.BitSet;

/**
 * The savings game of a cost function: v(S) = sum over i in S of c({i}) - c(S), what S saves by
 * pooling against its members standing alone. v({i}) = 0 for everyone, so a share below zero
 * means a member would do better alone (individual rationality violated).
 */
public final class CostGame implements CharacteristicFunction {
    /** c(S): the optimal cost of coalition S on its own (the market of S's members plus outside options). */
    @FunctionalInterface
    public interface CoalitionCost {
        double cost(BitSet coalition);
    }

    private final int players;
    private final CoalitionCost cost;
    private final double[] alone;

    public CostGame(int players, CoalitionCost cost) {
        this.players = players;
        this.cost = cost;
        this.alone = new double[players];
        for (int i = 0; i < players; i++) {
            BitSet single = new BitSet();
            single.set(i);
            alone[i] = cost.cost(single);
        }
    }

    @Override
    public int players() {
        return players;
    }

    /** c({i}): player i's stand-alone cost. */
    public double alone(int i) {
        return alone[i];
    }

    public double cost(BitSet coalition) {
        return coalition.isEmpty() ? 0 : cost.cost(coalition);
    }

    @Override
    public double value(BitSet coalition) {
        if (coalition.cardinality() <= 1) {
            return 0;
        }
        double sum = 0;
        for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
            sum += alone[i];
        }
        return sum - cost.cost(coalition);
    }
}
