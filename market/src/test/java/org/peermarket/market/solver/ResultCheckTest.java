package org.peermarket.market.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.auction.AuctionInput;
import org.peermarket.market.auction.OrderEvent;
import org.peermarket.market.auction.PeriodicAuction;
import org.peermarket.market.auction.PeriodicAuctionTest;
import org.peermarket.market.p2p.AdmmP2P;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.market.p2p.CentralP2PTest;
import org.peermarket.model.AuctionSpec.Pricing;
import org.peermarket.model.AuctionSpec.Ties;
import org.peermarket.model.OrderEntry.Side;

/**
 * Huge inputs fed straight to the mechanisms (validation bypassed): no result may be called
 * optimal or cleared when its checks cannot certify it or a reported number is not finite.
 */
class ResultCheckTest {

    /** A seller C = 0.005 p² + 0.12 p and a buyer willing to pay 0.3 - 0.04 x, one pair. */
    private static MarketInput pair(double sellerMax, double sellerB) {
        TradeGraph g = TradeGraph.builder(2).addPair(0, 1, 0, 0).build();
        return CentralP2PTest.input(new double[] {0.01, 0.04}, new double[] {sellerB, 0.3},
                new double[] {0, -4}, new double[] {sellerMax, 0}, g);
    }

    // 0.01 p + 0.12 = 0.3 - 0.04 p: p = 0.18 / 0.05 = 3.6 kWh at 0.156 per kWh
    @Test
    void theHandCaseClearsAtItsOptimumUpToTheLimit() {
        for (double pmax : new double[] {5, 1e6}) {
            ClearingResult r = new CentralP2P().clear(pair(pmax, 0.12));
            assertThat(r.status()).as("pmax %s", pmax).isEqualTo(Status.OPTIMAL);
            assertThat(r.tradedVolume()).isCloseTo(3.6, offset(1e-9));
            assertThat(r.mu()[0]).isCloseTo(0.156, offset(1e-9));
        }
    }

    @Test
    void aHugeBoundIsANumericalFailureNotAnOptimumWithoutTrades() {
        ClearingResult r = new CentralP2P().clear(pair(1e300, 0.12));
        assertThat(r.status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(r.cause()).startsWith("numerical failure: the market's scales (bounds up to 1.00e+300 kWh");
        assertThat(r.trades()).isEmpty();
        ClearingResult admm = new AdmmP2P().clear(pair(1e300, 0.12));
        assertThat(admm.status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(admm.cause()).startsWith("numerical failure");
    }

    @Test
    void aHugeCostIsANumericalFailure() {
        // a second seller asking 1e300 per kWh: the optimum is still 3.6 kWh from the first one,
        // but a check relative to 1e300 per kWh would pass any prices
        TradeGraph g = TradeGraph.builder(3).addPair(0, 1, 0, 0).addPair(2, 1, 0, 0).build();
        MarketInput in = CentralP2PTest.input(new double[] {0.01, 0.04, 0.01}, new double[] {0.12, 0.3, 1e300},
                new double[] {0, -4, 0}, new double[] {5, 0, 5}, g);
        ClearingResult r = new CentralP2P().clear(in);
        assertThat(r.status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(r.cause()).contains("marginal costs up to 1.00e+300 per kWh");
    }

    @Test
    void resultsWithNonFiniteNumbersAreRefused() {
        SolverInfo info = new SolverInfo("test", 0, 0, false);
        Checks ok = new Checks(0, 0, 0, 0, 0, 0);
        ClearingResult nanPrice = new ClearingResult(Status.OPTIMAL, "", 1, new double[] {1, -1},
                new double[] {0.2, Double.NaN}, List.of(new Trade(0, 1, 1, 0.2, 0)), info, ok);
        assertThat(ResultCheck.vetted(nanPrice).status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(ResultCheck.vetted(nanPrice).cause()).isEqualTo("numerical failure: peer 1: price mu = NaN");
        ClearingResult infiniteTrade = new ClearingResult(Status.CLEARED, "", 1, new double[] {1, -1},
                new double[] {Double.NaN, Double.NaN}, List.of(new Trade(0, 1, Double.POSITIVE_INFINITY, 0.2, 0)),
                info, ok);
        assertThat(ResultCheck.vetted(infiniteTrade).status()).isEqualTo(Status.NOT_SOLVED);
        ClearingResult untradedAuctionPeer = new ClearingResult(Status.CLEARED, "", 0, new double[] {0},
                new double[] {Double.NaN}, List.of(), info, Checks.NONE);
        assertThat(ResultCheck.vetted(untradedAuctionPeer).status()).as("no trade, no price").isEqualTo(Status.CLEARED);
    }

    private static AuctionResult auction(OrderEvent... events) {
        return new PeriodicAuction(Pricing.UNIFORM).clear(new AuctionInput(List.of("s", "b"), List.of(events),
                PeriodicAuctionTest.rules(Pricing.UNIFORM, 0.5, Ties.TIME, 0)));
    }

    // bid 2 at 10, ask 2 at 4: Q = 2 at (10 + 4) / 2 = 7; declared welfare 2 (10 - 4) = 12
    @Test
    void anAuctionsWelfareMatchesItsTrades() {
        AuctionResult r = auction(OrderEvent.limit(0, 0, 0, Side.SELL, 2, 4), OrderEvent.limit(0, 1, 1, Side.BUY, 2, 10));
        assertThat(r.result().status()).isEqualTo(Status.CLEARED);
        assertThat(r.result().tradedVolume()).isEqualTo(2.0);
        assertThat(r.clearingPrice()).isEqualTo(7.0);
        assertThat(-r.result().objective()).isEqualTo(12.0);
    }

    @Test
    void anAuctionWithoutTradesHasNoPriceAndNoWelfare() {
        AuctionResult r = auction(OrderEvent.limit(0, 0, 0, Side.SELL, 2, 10), OrderEvent.limit(0, 1, 1, Side.BUY, 2, 4));
        assertThat(r.result().status()).isEqualTo(Status.CLEARED);
        assertThat(r.result().trades()).isEmpty();
        assertThat(r.clearingPrice()).isNaN();
        assertThat(r.result().objective()).isEqualTo(0.0);
    }

    // 1e300 kWh bid at 1e300 per kWh against an ask at 1: the declared gains overflow to infinity
    @Test
    void anAuctionWhoseWelfareOverflowsIsNotCleared() {
        AuctionResult r = auction(OrderEvent.limit(0, 0, 0, Side.SELL, 1e300, 1),
                OrderEvent.limit(0, 1, 1, Side.BUY, 1e300, 1e300));
        assertThat(r.result().status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(r.result().cause()).isEqualTo("numerical failure: objective = -Infinity");
        assertThat(r.clearingPrice()).isNaN();
    }
}
