package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;

/** Shapley values, the core and Jain's index on games whose answers are known by hand. */
class ShapleyTest {

    private static CharacteristicFunction game(int n, ToDoubleFunction<BitSet> v) {
        return new CharacteristicFunction() {
            @Override
            public int players() {
                return n;
            }

            @Override
            public double value(BitSet s) {
                return s.isEmpty() ? 0 : v.applyAsDouble(s);
            }
        };
    }

    @Test
    void additiveGameGivesEachItsOwnWorth() {
        double[] w = {1.5, -2, 4, 0.25, 7};
        var g = game(5, s -> s.stream().mapToDouble(i -> w[i]).sum());
        assertThat(Shapley.exact(g).values()).containsExactly(w, within(1e-12));
    }

    @Test
    void symmetricGameSplitsEqually() {
        var g = game(6, s -> Math.pow(s.cardinality(), 2)); // v depends on |S| only
        for (double phi : Shapley.exact(g).values()) {
            assertThat(phi).isCloseTo(36.0 / 6, within(1e-12));
        }
    }

    @Test
    void gloveGame() {
        // player 0 holds a left glove, players 1 and 2 right gloves; a pair is worth 1
        var g = game(3, s -> Math.min(s.get(0) ? 1 : 0, (s.get(1) ? 1 : 0) + (s.get(2) ? 1 : 0)));
        assertThat(Shapley.exact(g).values()).containsExactly(new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6}, within(1e-12));
        double[] v = Shapley.values(g);
        assertThat(Core.isEmpty(v, 3)).isFalse(); // the core is the single point (1, 0, 0)
        assertThat(Core.contains(v, new double[] {1, 0, 0})).isTrue();
        assertThat(Core.contains(v, Shapley.exact(g).values())).isFalse();
        assertThat(Core.violation(v, Shapley.exact(g).values())).isCloseTo(1 - 2.0 / 3 - 1.0 / 6, within(1e-12));
    }

    @Test
    void threePlayerGameSolvedByHand() {
        // v(01) = 4, v(02) = 2, v(12) = 0, v(N) = 6, singletons 0:
        // phi_0 = 4/6 + 2/6 + 6/3 = 3, phi_1 = 4/6 + 4/3 = 2, phi_2 = 2/6 + 2/3 = 1
        double[] v = {0, 0, 0, 4, 0, 2, 0, 6};
        var g = game(3, s -> v[(int) s.toLongArray()[0]]);
        double[] phi = Shapley.exact(g).values();
        assertThat(phi).containsExactly(new double[] {3, 2, 1}, within(1e-12));
        assertThat(Core.isEmpty(v, 3)).isFalse();
        assertThat(Core.contains(v, phi)).isTrue();
        assertThat(Core.contains(v, new double[] {1, 1, 4})).isFalse(); // x0 + x1 = 2 < 4
    }

    @Test
    void majorityGameHasAnEmptyCore() {
        // any two of three win 1: x0+x1, x0+x2, x1+x2 >= 1 needs x(N) >= 1.5 > 1
        var g = game(3, s -> s.cardinality() >= 2 ? 1 : 0);
        double[] v = Shapley.values(g);
        assertThat(Core.isEmpty(v, 3)).isTrue();
        assertThat(Shapley.exact(g).values()).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-12));
    }

    @Test
    void efficiencyOnRandomCommunities() {
        for (long seed = 1; seed <= 6; seed++) {
            Scenario s = RandomRuns.scenario(seed, "{type: p2p, solver: central}", 7, false);
            CostGame g = new CostGame(7, new P2PCoalitionCost(s));
            BitSet all = new BitSet();
            all.set(0, 7);
            double sum = java.util.Arrays.stream(Shapley.exact(g).values()).sum();
            assertThat(sum).isCloseTo(g.value(all), within(1e-9 * Math.max(1, Math.abs(sum))));
            // pooling never costs more than standing alone (the retailer is open to the pool too)
            assertThat(g.value(all)).isGreaterThanOrEqualTo(-1e-9);
        }
    }

    @Test
    void sampledShapleyIsWithinItsStatedErrorOfTheExactOne() {
        Scenario s = RandomRuns.scenario(11, "{type: p2p, solver: central}", 12, false, true);
        CostGame g = new CostGame(12, new P2PCoalitionCost(s));
        double[] exact = Shapley.exact(g).values();
        Shapley.Estimate est = Shapley.sampled(g, 3000, 5);
        double total = 0;
        for (int i = 0; i < exact.length; i++) {
            // 4 standard errors: a false alarm about once in 16,000 players
            assertThat(Math.abs(est.values()[i] - exact[i])).as("player " + i)
                    .isLessThanOrEqualTo(4 * est.standardErrors()[i] + 1e-12);
            total += est.values()[i];
        }
        BitSet all = new BitSet();
        all.set(0, 12);
        assertThat(total).isCloseTo(g.value(all), within(1e-9)); // efficient in every sample
        assertThat(java.util.Arrays.stream(est.standardErrors()).allMatch(se -> se > 0)).isTrue();
    }

    @Test
    void jainsIndex() {
        assertThat(Fairness.jain(new double[] {2, 2, 2, 2})).isCloseTo(1, within(1e-12));
        assertThat(Fairness.jain(new double[] {4, 0, 0, 0})).isCloseTo(0.25, within(1e-12));
        assertThat(Fairness.jain(new double[] {1, 2, 3})).isCloseTo(36.0 / (3 * 14), within(1e-12));
        assertThat(Fairness.jain(new double[] {1, -1})).isNaN();
    }
}
