package org.peermarket.market.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Convergence;
import org.peermarket.market.MarketInput;
import org.peermarket.market.Mechanism;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.market.solver.Kkt;
import org.peermarket.model.AdmmOptions;

/** The negotiated result against the exact, KKT-verified central clearing of the same market. */
class AdmmP2PTest {

    private final AdmmP2P admm = new AdmmP2P();
    private final CentralP2P central = new CentralP2P();

    static AdmmOptions options(double rho, int maxIterations) {
        return new AdmmOptions(rho > 0 ? OptionalDouble.of(rho) : OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), maxIterations > 0 ? OptionalInt.of(maxIterations) : OptionalInt.empty(),
                Optional.empty(), OptionalDouble.empty());
    }

    static AdmmOptions relaxed(double relaxation) {
        return new AdmmOptions(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalDouble.of(relaxation));
    }

    static Stream<Arguments> randomCases() {
        return IntStream.rangeClosed(1, 6).boxed().flatMap(seed -> Stream.of(
                Arguments.of(seed, 1.0, false), Arguments.of(seed, 1.0, true),
                Arguments.of(seed, 0.15, false), Arguments.of(seed, 0.15, true)));
    }

    /** Random markets, dense (everyone trades with everyone) and sparse, with and without preferences. */
    @ParameterizedTest(name = "seed {0}, density {1}, preferences {2}")
    @MethodSource("randomCases")
    void randomMarketsReachTheCentralOptimum(long seed, double density, boolean preferences) {
        Random rnd = new Random(seed * 31 + (preferences ? 7 : 0) + (density < 1 ? 3 : 0));
        int n = 6 + rnd.nextInt(35);
        double[][] d = CentralP2PTest.randomPeers(rnd, n);
        TradeGraph.Builder gb = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (j == i + 1 || rnd.nextDouble() < density) {
                    gb.addPair(i, j, preferences ? 0.01 * rnd.nextDouble() : 0, preferences ? 0.01 * rnd.nextDouble() : 0);
                }
            }
        }
        MarketInput in = CentralP2PTest.input(d[0], d[1], d[2], d[3], gb.build());
        ClearingResult exact = central.clear(in);
        assertMatchesCentral(in, admm.clear(in), exact);
        assertMatchesCentral(in, new AdmmP2P(relaxed(1.6)).clear(in), exact);
    }

    /**
     * Network charges and a negative preference (a liking) that makes the own-cost split of a pair
     * non-convex, so that pair splits its cost evenly: still the central optimum.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {41, 42, 43, 44})
    void chargesAndLikingsReachTheCentralOptimum(long seed) {
        Random rnd = new Random(seed);
        int n = 8 + rnd.nextInt(20);
        double[][] d = CentralP2PTest.randomPeers(rnd, n);
        TradeGraph.Builder gb = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (j == i + 1 || rnd.nextDouble() < 0.3) {
                    double pij = 0.01 * rnd.nextDouble() - (j == i + 1 ? 0.004 : 0);
                    double pji = 0.01 * rnd.nextDouble() + 0.004;
                    gb.add(i, j, pij, pji, 0.005 * rnd.nextDouble()).add(j, i, pji, pij, 0.005 * rnd.nextDouble());
                }
            }
        }
        MarketInput in = CentralP2PTest.input(d[0], d[1], d[2], d[3], gb.build());
        assertMatchesCentral(in, admm.clear(in), central.clear(in));
    }

    /** Above 16,384 trades the agents run in parallel; the answer must not depend on scheduling. */
    @Test
    void parallelAgentsAreDeterministicAndReachTheCentralOptimum() {
        Random rnd = new Random(5);
        int n = 840;
        double[][] d = CentralP2PTest.randomPeers(rnd, n);
        TradeGraph.Builder gb = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int s = 1; s <= 10; s++) {
                gb.addPair(i, (i + s) % n, 0.005 * rnd.nextDouble(), 0.005 * rnd.nextDouble());
            }
        }
        MarketInput in = CentralP2PTest.input(d[0], d[1], d[2], d[3], gb.build());
        assertThat(in.graph().edges()).isGreaterThan(16_384);
        ClearingResult a = admm.clear(in);
        ClearingResult again = admm.clear(in);
        assertThat(again.solver().iterations()).isEqualTo(a.solver().iterations());
        assertThat(again.p()).containsExactly(a.p());
        assertThat(again.mu()).containsExactly(a.mu());
        assertMatchesCentral(in, a, central.clear(in));
    }

    /**
     * Objective within the accuracy the tolerances buy (Boyd et al. 2011, section 3.3: the gap is
     * bounded by the prices times the primal residual plus the trades times the dual residual),
     * reciprocity and bounds within the tolerances, injections and (unique) prices close to central's.
     */
    private static void assertMatchesCentral(MarketInput in, ClearingResult a, ClearingResult c) {
        assertThat(c.status()).isEqualTo(Status.OPTIMAL);
        assertThat(a.status()).as(a.cause()).isEqualTo(Status.OPTIMAL);
        AdmmSettings s = AdmmSettings.resolve(AdmmOptions.DEFAULTS, in);
        Convergence cv = a.solver().convergence();
        assertThat(cv.primalResidual()).isLessThanOrEqualTo(s.primalTolerance());
        assertThat(cv.primalMax()).isLessThanOrEqualTo(cv.primalResidual());
        assertThat(cv.dualResidual()).isLessThanOrEqualTo(s.dualTolerance());
        assertThat(cv.messages()).isEqualTo(a.solver().iterations() * in.graph().edges());
        double q = Kkt.quantityScale(in);
        double pr = Kkt.priceScale(in);
        double root = Math.sqrt(in.graph().edges());
        double objectiveTolerance = root * (pr * cv.primalResidual() + q * cv.dualResidual());
        assertThat(a.objective()).isCloseTo(c.objective(), offset(objectiveTolerance));
        double[] p = a.p();
        double[] net = new double[in.size()];
        for (Trade t : a.trades()) {
            assertThat(t.quantity()).isPositive();
            net[t.seller()] += t.quantity();
            net[t.buyer()] -= t.quantity();
        }
        for (int i = 0; i < in.size(); i++) {
            assertThat(p[i]).as("bounds of peer %d", i).isBetween(in.pmin(i) - 1e-9 * q, in.pmax(i) + 1e-9 * q);
            assertThat(p[i]).as("p of peer %d against central", i).isCloseTo(c.p()[i], offset(1e-3 * q));
            boolean interior = c.p()[i] > in.pmin(i) + 1e-3 * q && c.p()[i] < in.pmax(i) - 1e-3 * q;
            if (interior) {
                // at a bound a price is not unique; inside, mu = C'(p) is
                assertThat(a.mu()[i]).as("mu of peer %d against central", i).isCloseTo(c.mu()[i], offset(1e-3 * pr));
            }
            assertThat(net[i]).as("trades of peer %d add up to p", i).isCloseTo(p[i], offset(root * s.primalTolerance()));
        }
    }

    /** The hand-solved pair of CentralP2PTest: MC_g = p, WTP_c = 10 - x, c = 3. */
    @Test
    void twoPeersNegotiateTheHandSolution() {
        TradeGraph g = TradeGraph.builder(2).add(0, 1, 0.5, 1.5, 1.0).add(1, 0, 1.5, 0.5, 0.0).build();
        ClearingResult r = admm.clear(CentralP2PTest.input(new double[] {1, 1}, new double[] {0, 10},
                new double[] {0, -10}, new double[] {10, 0}, g));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.p()[0]).isCloseTo(3.5, offset(1e-4));
        assertThat(r.p()[1]).isCloseTo(-3.5, offset(1e-4));
        assertThat(r.mu()[0]).isCloseTo(3.5, offset(1e-4));
        assertThat(r.mu()[1]).isCloseTo(6.5, offset(1e-4));
        assertThat(r.trades()).singleElement().satisfies(t -> {
            assertThat(t.seller()).isZero();
            assertThat(t.quantity()).isCloseTo(3.5, offset(1e-4));
            assertThat(t.price()).as("lambda = mu_seller + pref[s][b]").isCloseTo(4.0, offset(1e-4));
            assertThat(t.price() + t.charge()).as("buyer pays mu_buyer - pref[b][s]").isCloseTo(5.0, offset(1e-4));
        });
        assertThat(r.solver().name()).isEqualTo("admm");
        assertThat(r.solver().polished()).isFalse();
    }

    /** Too few iterations: reported as not converged with the residuals reached, never as optimal. */
    @Test
    void runningOutOfIterationsIsNotConverged() {
        Random rnd = new Random(3);
        double[][] d = CentralP2PTest.randomPeers(rnd, 12);
        TradeGraph.Builder gb = TradeGraph.builder(12);
        for (int i = 0; i < 12; i++) {
            for (int j = i + 1; j < 12; j++) {
                gb.addPair(i, j, 0.01 * rnd.nextDouble(), 0);
            }
        }
        MarketInput in = CentralP2PTest.input(d[0], d[1], d[2], d[3], gb.build());
        ClearingResult r = new AdmmP2P(options(0, 3)).clear(in);
        assertThat(r.status()).isEqualTo(Status.NOT_CONVERGED);
        assertThat(Status.NOT_CONVERGED.label()).isEqualTo("not_converged");
        assertThat(r.cause()).startsWith("no agreement within 3 iterations: primal residual ")
                .contains("dual residual").contains("tolerance");
        assertThat(r.objective()).isNaN();
        assertThat(r.p()).isEmpty();
        assertThat(r.trades()).isEmpty();
        assertThat(r.solver().iterations()).isEqualTo(3);
        Convergence c = r.solver().convergence();
        assertThat(c.traceLength()).isEqualTo(3);
        assertThat(c.primalResidual()).isEqualTo(c.primalAt(2)).isPositive();
        assertThat(c.messages()).isEqualTo(3L * in.graph().edges());
    }

    @Test
    void fixedRhoWithoutBalancingKeepsRho() {
        Random rnd = new Random(9);
        double[][] d = CentralP2PTest.randomPeers(rnd, 6);
        TradeGraph.Builder gb = TradeGraph.builder(6);
        for (int i = 0; i < 6; i++) {
            gb.addPair(i, (i + 1) % 6, 0.002, 0.001);
        }
        MarketInput in = CentralP2PTest.input(d[0], d[1], d[2], d[3], gb.build());
        AdmmOptions fixed = new AdmmOptions(OptionalDouble.of(0.05), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), Optional.of(false), OptionalDouble.empty());
        ClearingResult r = new AdmmP2P(fixed).clear(in);
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        Convergence c = r.solver().convergence();
        for (int k = 0; k < c.traceLength(); k++) {
            assertThat(c.rhoAt(k)).isEqualTo(0.05);
        }
        assertThat(r.objective()).isCloseTo(central.clear(in).objective(), offset(1e-4));
    }

    @Test
    void infeasibleAndUnboundedAreDiagnosedAsCentrally() {
        TradeGraph g = TradeGraph.builder(3).addPair(0, 1, 0, 0).build();
        ClearingResult r = admm.clear(CentralP2PTest.input(new double[] {1, 1, 0}, new double[] {1, 1, 0},
                new double[] {0, -5, -2}, new double[] {4, 0, -2}, g));
        assertThat(r.status()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.cause()).contains("peer n2 has no trading partner");
        TradeGraph cycle = TradeGraph.builder(2).add(0, 1, 0, 0, -1).add(1, 0, 0, 0, 0.5).build();
        ClearingResult u = admm.clear(CentralP2PTest.input(new double[] {1, 1}, new double[] {1, 1},
                new double[] {-1, -1}, new double[] {1, 1}, cycle));
        assertThat(u.status()).isEqualTo(Status.UNBOUNDED);
        assertThat(u.solver().convergence().traceLength()).isZero();
    }

    /**
     * A pair that may trade one way only (the DSO's block): n2 (value 8 - x per kWh bought) would buy from n1 but
     * may only sell to it, and at its cost (8 + x) it sells nothing. By hand n0 alone sells to n1:
     * y + 1 = 5 - y gives y = 2 at a price of 3; the central clearing agrees.
     */
    @Test
    void aTradeThatMayFlowOneWayOnlyStaysOnItsOpenSide() {
        TradeGraph g = TradeGraph.builder(3).addPair(0, 1, 0, 0).add(2, 1, 0, 0, 0).build();
        MarketInput in = CentralP2PTest.input(new double[] {1, 1, 1}, new double[] {1, 5, 8},
                new double[] {0, -5, -4}, new double[] {4, 0, 4}, g);
        ClearingResult r = admm.clear(in);
        assertThat(r.status()).as(r.cause()).isEqualTo(Status.OPTIMAL);
        assertThat(r.p()[0]).isCloseTo(2, offset(1e-3));
        assertThat(r.p()[1]).isCloseTo(-2, offset(1e-3));
        assertThat(r.p()[2]).isCloseTo(0, offset(1e-3));
        assertThat(r.mu()[0]).isCloseTo(3, offset(1e-3));
        assertThat(r.trades()).allSatisfy(t -> assertThat(t.seller()).as("n1 sells nothing").isNotEqualTo(1));
        ClearingResult central = new CentralP2P().clear(in);
        assertThat(r.p()).containsExactly(central.p(), offset(1e-3));
    }

    @Test
    void peersWithoutPartnersStayAtZero() {
        ClearingResult r = admm.clear(CentralP2PTest.input(new double[] {1, 1}, new double[] {1, 5},
                new double[] {0, -5}, new double[] {4, 0}, TradeGraph.builder(2).build()));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.p()).containsExactly(0, 0);
        assertThat(r.mu()).containsExactly(1, 5);
    }

    /** Linear costs (a = 0): each agent's injection jumps at its price b; the search must handle the step. */
    @Test
    void linearCostsReachTheCentralOptimum() {
        TradeGraph.Builder gb = TradeGraph.builder(4);
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                gb.addPair(i, j, 0.001 * (i + 1), 0.002 * j);
            }
        }
        MarketInput in = CentralP2PTest.input(new double[] {0, 0.02, 0, 0.05}, new double[] {0.1, 0.05, 0.3, 0.35},
                new double[] {0, 0, -3, -4}, new double[] {5, 6, -1, 0}, gb.build());
        ClearingResult a = admm.clear(in);
        ClearingResult c = central.clear(in);
        assertThat(a.status()).as(a.cause()).isEqualTo(Status.OPTIMAL);
        assertThat(a.objective()).isCloseTo(c.objective(), offset(1e-4));
        for (int i = 0; i < 4; i++) {
            assertThat(a.p()[i]).isCloseTo(c.p()[i], offset(1e-3));
        }
    }

    @Test
    void registryKnowsTheNegotiatedMarket() {
        assertThat(Mechanisms.lookup("p2p", "admm")).get().extracting(Mechanism::name).isEqualTo("p2p/admm");
        assertThat(List.copyOf(Mechanisms.names())).startsWith("p2p/central", "p2p/admm");
    }
}
