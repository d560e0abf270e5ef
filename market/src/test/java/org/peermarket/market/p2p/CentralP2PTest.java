package org.peermarket.market.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.Mechanism;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.registry.Mechanisms;

public class CentralP2PTest {

    private final CentralP2P market = new CentralP2P();

    public static MarketInput input(double[] a, double[] b, double[] lo, double[] hi, TradeGraph g) {
        List<String> ids = IntStream.range(0, a.length).mapToObj(i -> "n" + i).toList();
        return new MarketInput(ids, a, b, new double[a.length], lo, hi, g);
    }

    /** Hand-solved: MC_g = p, WTP_c = 10 - x, c = 2 + g; optimum where 10 - p - p = c. */
    @Test
    void twoPeersWithPreferencesAndChargeMatchTheHandSolution() {
        TradeGraph g = TradeGraph.builder(2).add(0, 1, 0.5, 1.5, 1.0).add(1, 0, 1.5, 0.5, 0.0).build();
        ClearingResult r = market.clear(input(new double[] {1, 1}, new double[] {0, 10},
                new double[] {0, -10}, new double[] {10, 0}, g));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        // c_01 = 0.5 + 1.5 + 1 = 3: 10 - 2p = 3, p = 3.5, mu_g = 3.5, mu_c = 6.5
        assertThat(r.p()[0]).isCloseTo(3.5, offset(1e-9));
        assertThat(r.p()[1]).isCloseTo(-3.5, offset(1e-9));
        assertThat(r.mu()[0]).isCloseTo(3.5, offset(1e-9));
        assertThat(r.mu()[1]).isCloseTo(6.5, offset(1e-9));
        Trade t = r.trades().get(0);
        assertThat(r.trades()).hasSize(1);
        assertThat(t.quantity()).isCloseTo(3.5, offset(1e-9));
        assertThat(t.price()).as("lambda = mu_seller + pref[s][b]").isCloseTo(4.0, offset(1e-9));
        assertThat(t.price() + t.charge()).as("buyer pays mu_buyer - pref[b][s]").isCloseTo(5.0, offset(1e-9));
        // objective = 0.5 p^2 + (0.5 x^2 - 10 x) + 3 x at p = x = 3.5
        assertThat(r.objective()).isCloseTo(0.5 * 3.5 * 3.5 + 0.5 * 3.5 * 3.5 - 35 + 10.5, offset(1e-9));
        assertThat(r.solver().polished()).isTrue();
    }

    /** Zero preferences on a connected graph: one pool price, found independently by bisection. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void zeroPreferencesGiveThePoolPrice(long seed) {
        Random rnd = new Random(seed);
        int n = 6 + rnd.nextInt(30);
        double[][] data = randomPeers(rnd, n);
        TradeGraph.Builder gb = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (j == i + 1 || rnd.nextDouble() < 0.3) {
                    gb.addPair(i, j, 0, 0);
                }
            }
        }
        MarketInput in = input(data[0], data[1], data[2], data[3], gb.build());
        ClearingResult r = market.clear(in);
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);

        double price = poolPrice(data);
        double scale = IntStream.range(0, n).mapToDouble(i -> Math.abs(data[2][i]) + data[3][i]).max().orElse(1);
        for (int i = 0; i < n; i++) {
            assertThat(r.p()[i]).as("p of peer %d", i).isCloseTo(supply(data, i, price), offset(1e-7 * scale));
            if (r.p()[i] > data[2][i] + 1e-6 && r.p()[i] < data[3][i] - 1e-6) {
                assertThat(r.mu()[i]).as("mu of interior peer %d", i).isCloseTo(price, offset(1e-7));
            }
        }
        double poolObjective = 0;
        for (int i = 0; i < n; i++) {
            double p = supply(data, i, price);
            poolObjective += 0.5 * data[0][i] * p * p + data[1][i] * p;
        }
        assertThat(r.objective()).isCloseTo(poolObjective, offset(1e-7 * Math.max(1, Math.abs(poolObjective))));
    }

    /** KKT conditions and the price identities of markets.md section 1, recomputed here. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomMarketsSatisfyKktAndPriceIdentities(long seed) {
        Random rnd = new Random(seed);
        int n = 5 + rnd.nextInt(40);
        double[][] data = randomPeers(rnd, n);
        TradeGraph.Builder gb = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (rnd.nextDouble() < 0.25) {
                    double pij = 0.01 * rnd.nextDouble();
                    double pji = 0.01 * rnd.nextDouble();
                    gb.add(i, j, pij, pji, 0.005 * rnd.nextDouble()).add(j, i, pji, pij, 0.005 * rnd.nextDouble());
                }
            }
        }
        MarketInput in = input(data[0], data[1], data[2], data[3], gb.build());
        ClearingResult r = market.clear(in);
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        double[] p = r.p();
        double[] mu = r.mu();
        TradeGraph g = in.graph();
        double[] net = new double[n];
        for (Trade t : r.trades()) {
            assertThat(t.quantity()).isPositive();
            net[t.seller()] += t.quantity();
            net[t.buyer()] -= t.quantity();
            int e = edge(g, t.seller(), t.buyer());
            assertThat(mu[t.buyer()] - mu[t.seller()]).as("mu_j - mu_i = c_ij on a trade").isCloseTo(g.cost(e), offset(1e-8));
            assertThat(t.price()).isCloseTo(mu[t.seller()] + g.prefSeller(e), offset(1e-12));
            assertThat(t.price() + t.charge()).isCloseTo(mu[t.buyer()] - g.prefBuyer(e), offset(1e-8));
        }
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).isCloseTo(net[i], offset(1e-7)).isBetween(data[2][i] - 1e-9, data[3][i] + 1e-9);
            double mc = data[0][i] * p[i] + data[1][i];
            if (p[i] < data[3][i] - 1e-7) {
                assertThat(mu[i]).as("below pmax: mu <= C'").isLessThanOrEqualTo(mc + 1e-8);
            }
            if (p[i] > data[2][i] + 1e-7) {
                assertThat(mu[i]).as("above pmin: mu >= C'").isGreaterThanOrEqualTo(mc - 1e-8);
            }
        }
        for (int e = 0; e < g.edges(); e++) {
            assertThat(mu[g.buyer(e)] - mu[g.seller(e)]).as("no trade can gain").isLessThanOrEqualTo(g.cost(e) + 1e-8);
        }
    }

    @Test
    void producersThatMustSellToNobodyMakeTheMarketInfeasible() {
        TradeGraph g = TradeGraph.builder(3).addPair(0, 1, 0, 0).build();
        ClearingResult r = market.clear(input(new double[] {1, 1, 1}, new double[] {1, 1, 1},
                new double[] {2, 3, -5}, new double[] {4, 5, 0}, g));
        assertThat(r.status()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.cause()).contains("peers n0, n1").contains("at least 5");
    }

    @Test
    void isolatedConsumerWithFixedLoadIsInfeasible() {
        TradeGraph g = TradeGraph.builder(3).addPair(0, 1, 0, 0).build();
        ClearingResult r = market.clear(input(new double[] {1, 1, 0}, new double[] {1, 1, 0},
                new double[] {0, -5, -2}, new double[] {4, 0, -2}, g));
        assertThat(r.status()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.cause()).contains("peer n2 has no trading partner").contains("consume at least 2");
    }

    @Test
    void negativeCostCycleIsUnbounded() {
        TradeGraph g = TradeGraph.builder(3)
                .add(0, 1, 0, 0, -1).add(1, 2, 0, 0, -1).add(2, 0, 0, 0, 1.5).add(1, 0, 0, 0, 2).build();
        ClearingResult r = market.clear(input(new double[] {1, 1, 1}, new double[] {1, 1, 1},
                new double[] {-1, -1, -1}, new double[] {1, 1, 1}, g));
        assertThat(r.status()).isEqualTo(Status.UNBOUNDED);
        assertThat(r.cause()).contains("n0 -> n1 -> n2 -> n0").contains("-0.5");
    }

    @Test
    void noTradingPartnersMeansEveryoneStaysAtZero() {
        TradeGraph g = TradeGraph.builder(2).build();
        ClearingResult r = market.clear(input(new double[] {1, 1}, new double[] {1, 5},
                new double[] {0, -5}, new double[] {4, 0}, g));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.p()).containsExactly(0, 0);
        assertThat(r.trades()).isEmpty();
    }

    @Test
    void tiedCostsGiveTheLeastTradedVolume() {
        // two producers, two consumers, everyone may trade with everyone at zero cost:
        // any relaying would add volume; the least volume equals total production
        TradeGraph.Builder gb = TradeGraph.builder(4);
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                gb.addPair(i, j, 0, 0);
            }
        }
        ClearingResult r = market.clear(input(new double[] {1, 1, 1, 1}, new double[] {1, 2, 9, 8},
                new double[] {0, 0, -10, -10}, new double[] {10, 10, 0, 0}, gb.build()));
        double production = r.p()[0] + r.p()[1];
        assertThat(r.tradedVolume()).isCloseTo(production, offset(1e-9));
        // pool: 2 pi - 3 = 17 - 2 pi -> pi = 5
        for (double m : r.mu()) {
            assertThat(m).isCloseTo(5.0, offset(1e-9));
        }
    }

    /**
     * A consumer whose willingness to pay (1) is below the market (pool of producer MC = p and
     * consumer WTP 10 - x: price 5) buys nothing; its price is the cheapest offer it had,
     * mu_seller + c = 5 + 0.5. A producer whose cost (8) is above the market sells nothing; its
     * price is the best it could have sold at, mu_buyer - c = 5 - 0.25.
     */
    @Test
    void pricedOutPeersGetTheOfferTheyTurnedDown() {
        TradeGraph g = TradeGraph.builder(4)
                .addPair(0, 1, 0, 0)
                .addPair(0, 2, 0.25, 0.25)
                .addPair(3, 1, 0.125, 0.125)
                .build();
        ClearingResult r = market.clear(input(new double[] {1, 1, 1, 1}, new double[] {0, 10, 1, 8},
                new double[] {0, -10, -10, 0}, new double[] {10, 0, 0, 10}, g));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.p()).containsExactly(new double[] {5, -5, 0, 0}, offset(1e-9));
        assertThat(r.mu()[0]).isCloseTo(5, offset(1e-9));
        assertThat(r.mu()[2]).as("consumer priced out").isCloseTo(5.5, offset(1e-9));
        assertThat(r.mu()[3]).as("producer priced out").isCloseTo(5 - 0.25, offset(1e-9));
    }

    @Test
    void causesSpeakTheScenarioUnit() {
        TradeGraph g = TradeGraph.builder(2).build();
        MarketInput in = input(new double[] {0, 0}, new double[] {0, 0}, new double[] {1500, -1}, new double[] {2000, 0}, g)
                .withMessageUnit("MWh", 1000);
        assertThat(market.clear(in).cause()).contains("must inject at least 1.5 MWh");
    }

    private static int edge(TradeGraph g, int s, int b) {
        for (int e = 0; e < g.edges(); e++) {
            if (g.seller(e) == s && g.buyer(e) == b) {
                return e;
            }
        }
        throw new AssertionError("no edge " + s + " -> " + b);
    }

    /** a, b, pmin, pmax: half producers, half consumers, strictly convex costs. */
    static double[][] randomPeers(Random rnd, int n) {
        double[][] d = new double[4][n];
        for (int i = 0; i < n; i++) {
            boolean producer = i % 2 == 0;
            d[0][i] = 0.01 + 0.1 * rnd.nextDouble();
            d[1][i] = producer ? 0.02 + 0.1 * rnd.nextDouble() : 0.1 + 0.3 * rnd.nextDouble();
            d[2][i] = producer ? 0 : -(1 + 9 * rnd.nextDouble());
            d[3][i] = producer ? 1 + 9 * rnd.nextDouble() : 0;
        }
        return d;
    }

    private static double supply(double[][] d, int i, double price) {
        return Math.max(d[2][i], Math.min(d[3][i], (price - d[1][i]) / d[0][i]));
    }

    /** Bisection on aggregate net supply, which is non-decreasing in the price. */
    private static double poolPrice(double[][] d) {
        double lo = -100;
        double hi = 100;
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            double total = 0;
            for (int i = 0; i < d[0].length; i++) {
                total += supply(d, i, mid);
            }
            if (total > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void registryKnowsTheCentralP2PMarket() {
        assertThat(Mechanisms.lookup("p2p", "central")).get().extracting(Mechanism::name).isEqualTo("p2p/central");
        assertThat(Mechanisms.lookup("p2p", "nope")).isEmpty();
        List<String> names = new ArrayList<>(Mechanisms.names());
        assertThat(names).contains("p2p/central");
    }
}
