package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.ClearingProgress;
import org.peermarket.market.MarketProgram;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.Trade;
import org.peermarket.model.Scenario;

/**
 * Settlement of random runs of every market type (seeded property test): every account's net
 * equals the money computed independently from the trades (to the rounding of its lines), the
 * accounts sum to zero cents, and the charge collector receives exactly the charges.
 */
class MarketSettlementTest {

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String market : RandomRuns.MARKETS) {
            for (long seed = 1; seed <= 8; seed++) {
                out.add(Arguments.of(market, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void everyAccountBalancesToTheCent(String market, long seed) {
        Scenario s = RandomRuns.scenario(seed, market, 4 + (int) (seed % 5), false);
        boolean auction = s.market().isAuction();
        List<ClearingResult> periods = clear(s, seed);
        Settlement st = MarketSettlement.settle(s, periods, auction);

        assertThat(st.systemTotal()).isZero();
        int n = s.peers().size();
        double[] exact = new double[n];
        double charges = 0;
        int[] lines = new int[n];
        for (ClearingResult r : periods) {
            for (Trade t : r.trades()) {
                exact[t.seller()] += t.quantity() * t.price();
                exact[t.buyer()] -= t.quantity() * (t.price() + t.charge());
                charges += t.quantity() * t.charge();
                lines[t.seller()]++;
                lines[t.buyer()] += t.charge() != 0 ? 2 : 1;
            }
        }
        for (int i = 0; i < n; i++) {
            Actor a = Actor.peer(s.peers().get(i).id());
            assertThat(st.exactNet(a)).as("exact net of " + a.id()).isCloseTo(exact[i], org.assertj.core.data.Offset.offset(1e-9));
            // each line is rounded by at most half a cent
            assertThat(Math.abs(st.net(a) / 100.0 - exact[i])).as("billed net of " + a.id())
                    .isLessThanOrEqualTo(0.005 * lines[i] + 1e-9);
            assertThat(st.roundingResidual(a)).isCloseTo(exact[i] - st.net(a) / 100.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        Actor collector = auction ? Actor.AUCTIONEER : Actor.DSO;
        assertThat(st.exactNet(collector)).isCloseTo(charges, org.assertj.core.data.Offset.offset(1e-9));
        long sum = 0;
        for (Actor a : st.actors()) {
            sum += st.bill(a).stream().mapToLong(Settlement.BillLine::net).sum();
        }
        assertThat(sum).isZero();
    }

    /** P2P runs get random DSO charges g_ij (possibly negative, c_ij + c_ji >= 0 kept) so grid charges appear. */
    private static List<ClearingResult> clear(Scenario s, long seed) {
        List<ClearingResult> out = new ArrayList<>();
        if (s.market().isAuction()) {
            return Mechanisms.lookup(s.market()).orElseThrow().clear(s).periods();
        }
        TradeGraph g = MarketInputs.graph(s);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] charge = new double[g.edges()];
        for (int e = 0; e < charge.length; e++) {
            charge[e] = rnd.nextDouble(-0.002, 0.02); // |negative| below the positive of the reverse? kept tiny
        }
        for (int e = 0; e < charge.length; e++) {
            for (int f = 0; f < charge.length; f++) {
                if (g.seller(f) == g.buyer(e) && g.buyer(f) == g.seller(e) && g.cost(e) + charge[e] + g.cost(f) + charge[f] < 0) {
                    charge[e] = 0;
                    charge[f] = 0;
                }
            }
        }
        TradeGraph charged = g.withCharges(charge);
        var program = new MarketProgram(s, () -> charged, () -> MatchFilter.ACCEPT_ALL, ClearingProgress.NONE);
        for (ClearingResult r : Mechanisms.lookup(s.market()).orElseThrow().clear(program).periods()) {
            assertThat(r.hasResult()).as(r.cause()).isTrue();
            out.add(r);
        }
        return out;
    }

    @Test
    void roundingIsHalfEvenAndShown() {
        Actor a = Actor.peer("a");
        Actor b = Actor.peer("b");
        // 0.125 and 0.375 are exact in binary: half-even gives 12 and 38 cents; 1/3 gives 33
        Settlement st = new Settlement(List.of(a, b), List.of(
                Transaction.of(0, TransactionType.ENERGY_TRADE, a, b, 1, 0.125),
                Transaction.of(0, TransactionType.ENERGY_TRADE, a, b, 3, 0.125),
                Transaction.of(0, TransactionType.ENERGY_TRADE, a, b, 1, 1.0 / 3))).check();
        assertThat(st.transactions()).extracting(Transaction::cents).containsExactly(12L, 38L, 33L);
        assertThat(st.net(b)).isEqualTo(83);
        assertThat(st.net(a)).isEqualTo(-83);
        double exact = 0.125 + 0.375 + 1.0 / 3;
        assertThat(st.roundingResidual(b)).isCloseTo(exact - 0.83, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(st.roundingResidual(a)).isCloseTo(-(exact - 0.83), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Money.format(-1234)).isEqualTo("-12.34");
        assertThat(Money.format(5)).isEqualTo("0.05");
    }
}
