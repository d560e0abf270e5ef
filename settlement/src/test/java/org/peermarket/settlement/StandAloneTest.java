package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;

/** The stand-alone dispatch against hand-solved cases and a brute-force search, and c({i}) against it. */
class StandAloneTest {

    @Test
    void handSolvedPeers() {
        // producer: a p + b = f  ->  p = (0.08 - 0.03) / 0.02 = 2.5
        assertThat(StandAlone.dispatch(0.02, 0.03, 0, 6, 0.25, 0.08)).isCloseTo(2.5, within(1e-12));
        // producer capped: (0.08 - 0.03) / 0.005 = 10 > 6
        assertThat(StandAlone.dispatch(0.005, 0.03, 0, 6, 0.25, 0.08)).isCloseTo(6, within(1e-12));
        // consumer: b - a x = r  ->  x = (0.30 - 0.25) / 0.04 = 1.25
        assertThat(StandAlone.dispatch(0.04, 0.30, -4, 0, 0.25, 0.08)).isCloseTo(-1.25, within(1e-12));
        // fixed load of 3
        assertThat(StandAlone.dispatch(0, 0.5, -3, -3, 0.25, 0.08)).isCloseTo(-3, within(1e-12));
        // prosumer whose marginal cost at 0 (0.15) lies between f and r: neither buys nor sells
        assertThat(StandAlone.dispatch(0.1, 0.15, -2, 3, 0.25, 0.05)).isCloseTo(0, within(1e-12));
        // prosumer valuing energy at 0.30 > r: buys until 0.30 - 0.1 x = 0.25, x = 0.5
        assertThat(StandAlone.dispatch(0.1, 0.30, -2, 3, 0.25, 0.05)).isCloseTo(-0.5, within(1e-12));
        // linear producer cheaper than feed-in: all out
        assertThat(StandAlone.dispatch(0, 0.01, 0, 4, 0.25, 0.05)).isCloseTo(4, within(1e-12));
        // bill of the consumer: 1.25 kWh at 0.25 plus minus utility 0.30*1.25 - 0.02*1.5625
        assertThat(StandAlone.cost(0.04, 0.30, 0, -1.25, 0.25, 0.08))
                .isCloseTo(0.5 * 0.04 * 1.5625 - 0.375 + 0.3125, within(1e-12));
    }

    @Test
    void closedFormBeatsEveryPointOfAFineGrid() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < 300; k++) {
            double a = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(0, 0.2);
            double b = rnd.nextDouble(-0.1, 0.5);
            double lo = -rnd.nextDouble(0, 5) * (rnd.nextInt(4) == 0 ? 0 : 1);
            double hi = rnd.nextDouble(0, 5) * (rnd.nextInt(4) == 0 ? 0 : 1);
            double f = rnd.nextDouble(0, 0.2);
            double r = f + rnd.nextDouble(0, 0.3);
            double p = StandAlone.dispatch(a, b, lo, hi, r, f);
            assertThat(p).isBetween(lo, hi);
            double best = StandAlone.cost(a, b, 0, p, r, f);
            for (int i = 0; i <= 2000; i++) {
                double q = lo + (hi - lo) * i / 2000.0;
                assertThat(best).isLessThanOrEqualTo(StandAlone.cost(a, b, 0, q, r, f) + 1e-12);
            }
        }
    }

    @Test
    void singletonCoalitionCostIsTheStandAloneCostBothWays() {
        for (long seed = 1; seed <= 5; seed++) {
            Scenario s = RandomRuns.scenario(seed, "{type: p2p, solver: central}", 5, false);
            Baseline base = Baseline.of(s);
            P2PCoalitionCost c = new P2PCoalitionCost(s);
            for (int i = 0; i < s.peers().size(); i++) {
                BitSet one = new BitSet();
                one.set(i);
                double alone = c.cost(one);
                double closed = 0;
                for (int t = 0; t < s.periods(); t++) {
                    double r = s.tariff().get().retail().at(t);
                    double f = s.tariff().get().feedIn().at(t);
                    var p = s.peers().get(i);
                    closed += StandAlone.cost(p.cost().a().at(t), p.cost().b().at(t), p.cost().d(), base.p()[i][t], r, f);
                }
                assertThat(alone).as("seed " + seed + " peer " + i).isCloseTo(closed, within(1e-6));
                assertThat(base.cost(i)).isCloseTo(closed, within(0.005 * s.periods() + 1e-9)); // bills in cents
            }
        }
    }

    @Test
    void closedFormPoolMatchesTheSolver() {
        for (long seed = 1; seed <= 12; seed++) {
            Scenario s = RandomRuns.scenario(seed, "{type: p2p, solver: central}", 6, false);
            P2PCoalitionCost c = new P2PCoalitionCost(s);
            int n = s.peers().size();
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int k = 0; k < 6; k++) {
                long mask = 1 + rnd.nextInt((1 << n) - 1); // a random non-empty coalition
                int[] members = CharacteristicFunction.coalition(mask).stream().toArray();
                for (int t = 0; t < s.periods(); t++) {
                    double pool = c.poolCost(members, t);
                    double program = c.programCostWithoutPreferences(members, t);
                    assertThat(pool).as("seed " + seed + " coalition " + java.util.Arrays.toString(members))
                            .isCloseTo(program, within(1e-6 * Math.max(1, Math.abs(program))));
                }
            }
        }
    }
}
