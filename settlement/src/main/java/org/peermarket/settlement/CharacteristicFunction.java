package org.peermarket.settlement;

import java.util.BitSet;

/**
 * A cooperative game in worth form: {@code value(S)} is what coalition S gains by cooperating
 * (markets.md §8), v(empty) = 0. Players are 0 .. players()-1. A community's savings game comes
 * from its coalitions' optimal costs through {@link CostGame}; another market (a community
 * market, a hybrid tree) plugs in by giving its own {@link CostGame.CoalitionCost}.
 * Implementations must be pure: the same coalition always has the same value (callers cache).
 */
public interface CharacteristicFunction {
    int players();

    double value(BitSet coalition);

    /** The coalition of the players whose bits are set in {@code mask} (at most 63 players). */
    static BitSet coalition(long mask) {
        return BitSet.valueOf(new long[] {mask});
    }
}
