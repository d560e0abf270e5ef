package org.peermarket.market.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.AuctionSpec.Pricing;
import org.peermarket.model.AuctionSpec.Ties;
import org.peermarket.model.OrderEntry.Side;

/** Textbook clearings computed by hand (in the comments), one rule at a time. */
public class PeriodicAuctionTest {

    public static AuctionSpec rules(Pricing pricing, double k, Ties ties, long seed) {
        return new AuctionSpec(pricing, k, ties, seed, 10, false, AuctionSpec.DEFAULT.gate());
    }

    /** Builds an order stream; each order's peer is its own index unless given. */
    static final class Stream {
        final List<OrderEvent> events = new ArrayList<>();
        final List<String> ids = new ArrayList<>();

        Stream buy(double q, double price) {
            return add(Side.BUY, q, price, events.size());
        }

        Stream sell(double q, double price) {
            return add(Side.SELL, q, price, events.size());
        }

        Stream add(Side side, double q, double price, double time) {
            int id = events.size();
            ids.add("p" + id);
            events.add(OrderEvent.limit(time, id, id, side, q, price));
            return this;
        }

        AuctionResult clear(Pricing pricing, double k, Ties ties) {
            return new PeriodicAuction(pricing).clear(new AuctionInput(ids, events, rules(pricing, k, ties, 7)));
        }
    }

    static void assertTrade(Trade t, int seller, int buyer, double q, double price, double charge) {
        assertThat(t.seller()).as("seller").isEqualTo(seller);
        assertThat(t.buyer()).as("buyer").isEqualTo(buyer);
        assertThat(t.quantity()).as("quantity").isCloseTo(q, within(1e-12));
        assertThat(t.price()).as("price").isCloseTo(price, within(1e-12));
        assertThat(t.charge()).as("charge").isCloseTo(charge, within(1e-12));
    }

    // Bids p0 5@10, p1 3@8, p2 4@6; asks p3 4@3, p4 3@5, p5 5@9.
    // Walk: p0-p3 4, p0-p4 1, p1-p4 2; then p1 (1 left @8) vs p5 @9 does not cross: Q = 7.
    // p1 is only partly filled, so any price below 8 leaves it wanting more: the clearing
    // interval is [max(5, 8), min(8, 9)] = [8, 8], and the k-rule's 5 + 3k is moved to 8
    // whatever k is.
    static Stream partlyFilledMarginalBid() {
        return new Stream().buy(5, 10).buy(3, 8).buy(4, 6).sell(4, 3).sell(3, 5).sell(5, 9);
    }

    @Test
    void uniformPriceIsThePartlyFilledBidsLimit() {
        for (double k : new double[] {0, 0.5, 1}) {
            AuctionResult r = partlyFilledMarginalBid().clear(Pricing.UNIFORM, k, Ties.TIME);
            assertThat(r.clearingPrice()).isEqualTo(8.0);
            List<Trade> t = r.result().trades();
            assertThat(t).hasSize(3);
            assertTrade(t.get(0), 3, 0, 4, 8, 0);
            assertTrade(t.get(1), 4, 0, 1, 8, 0);
            assertTrade(t.get(2), 4, 1, 2, 8, 0);
            assertThat(r.result().p()).containsExactly(-5, -2, 0, 4, 3, 0);
            // gains at the limits: 4 (10 - 3) + 1 (10 - 5) + 2 (8 - 5) = 39
            assertThat(r.result().objective()).isCloseTo(-39, within(1e-12));
        }
    }

    // Bids p0 3@10, p1 2@6; asks p2 3@4, p3 2@9. Q = 3, both marginal orders filled.
    // k b_m + (1 - k) s_m = 4 + 6k, kept inside the clearing interval [max(4, 6), min(10, 9)]
    // = [6, 9] (below 6 the 6-bid would buy, above 9 the 9-ask would sell):
    // k = 0 -> 4 -> 6; k = 0.5 -> 7; k = 1 -> 10 -> 9.
    @Test
    void kRuleMovesThePriceAcrossTheClearingInterval() {
        Stream s = new Stream().buy(3, 10).buy(2, 6).sell(3, 4).sell(2, 9);
        assertThat(s.clear(Pricing.UNIFORM, 0, Ties.TIME).clearingPrice()).isEqualTo(6.0);
        assertThat(s.clear(Pricing.UNIFORM, 0.5, Ties.TIME).clearingPrice()).isEqualTo(7.0);
        assertThat(s.clear(Pricing.UNIFORM, 1, Ties.TIME).clearingPrice()).isEqualTo(9.0);
        AuctionResult r = s.clear(Pricing.UNIFORM, 0.5, Ties.TIME);
        assertThat(r.result().trades()).hasSize(1);
        assertTrade(r.result().trades().get(0), 2, 0, 3, 7, 0);
        // non-traders see the uniform price; traders the price they traded at
        assertThat(r.result().mu()).containsExactly(7.0, 7.0, 7.0, 7.0);
    }

    // Same book as the first case, pay-as-bid: each match at the buyer's limit.
    @Test
    void payAsBidTradesAtTheBuyersLimit() {
        AuctionResult r = partlyFilledMarginalBid().clear(Pricing.PAY_AS_BID, 0.5, Ties.TIME);
        List<Trade> t = r.result().trades();
        assertTrade(t.get(0), 3, 0, 4, 10, 0);
        assertTrade(t.get(1), 4, 0, 1, 10, 0);
        assertTrade(t.get(2), 4, 1, 2, 8, 0);
        assertThat(r.clearingPrice()).isNaN();
        // p4 sold 1 at 10 and 2 at 8: average 26/3; p2 did not trade and has no price
        assertThat(r.result().mu()[4]).isCloseTo(26.0 / 3, within(1e-12));
        assertThat(r.result().mu()[2]).isNaN();
    }

    // Unit bids 10, 8, 6, 3 (p0..p3); unit asks 2, 4, 7, 9 (p4..p7). Efficient k = 2
    // (8 >= 4, 6 < 7). p0 = (b3 + s3) / 2 = (6 + 7) / 2 = 6.5 lies in [s2, b2] = [4, 8]:
    // both efficient trades happen at 6.5.
    @Test
    void mcafeeTradesAllAtP0WhenItFits() {
        Stream s = new Stream().buy(1, 10).buy(1, 8).buy(1, 6).buy(1, 3).sell(1, 2).sell(1, 4).sell(1, 7).sell(1, 9);
        AuctionResult r = s.clear(Pricing.MCAFEE, 0.5, Ties.TIME);
        assertThat(r.clearingPrice()).isEqualTo(6.5);
        assertThat(r.result().trades()).hasSize(2);
        assertTrade(r.result().trades().get(0), 4, 0, 1, 6.5, 0);
        assertTrade(r.result().trades().get(1), 5, 1, 1, 6.5, 0);
        assertThat(r.auctioneerSurplus()).isZero();
    }

    // Unit bids 10, 8, 1; unit asks 2, 7.5, 20. k = 2; p0 = (1 + 20) / 2 = 10.5 > b2 = 8:
    // trade reduction. Only the first pair trades: the buyer pays b2 = 8, the seller receives
    // s2 = 7.5, and the auctioneer keeps 0.5.
    @Test
    void mcafeeReducesTradeAndKeepsTheSpread() {
        Stream s = new Stream().buy(1, 10).buy(1, 8).buy(1, 1).sell(1, 2).sell(1, 7.5).sell(1, 20);
        AuctionResult r = s.clear(Pricing.MCAFEE, 0.5, Ties.TIME);
        assertThat(r.result().trades()).hasSize(1);
        assertTrade(r.result().trades().get(0), 3, 0, 1, 7.5, 0.5);
        assertThat(r.auctioneerSurplus()).isCloseTo(0.5, within(1e-12));
        assertThat(r.clearingPrice()).isNaN();
        assertThat(r.result().mu()[0]).isEqualTo(8.0);
        assertThat(r.result().mu()[3]).isEqualTo(7.5);
    }

    // Bids p0 2@10 (time 0) and p1 2@10 (time 1); ask p2 2@5. Q = 2; the margin is the
    // whole bid level. Time: p0 gets 2. Pro-rata: 1 each. Random: one of them, by the seed.
    @Test
    void tieRulesShareTheMarginalLevel() {
        Stream s = new Stream().buy(2, 10).buy(2, 10).sell(2, 5);
        assertThat(s.clear(Pricing.UNIFORM, 0.5, Ties.TIME).result().p()).containsExactly(-2, 0, 2);
        assertThat(s.clear(Pricing.UNIFORM, 0.5, Ties.PRO_RATA).result().p()).containsExactly(-1, -1, 2);
        double[] random = s.clear(Pricing.UNIFORM, 0.5, Ties.RANDOM).result().p();
        assertThat(random[0] + random[1]).isEqualTo(-2);
        assertThat(random[0] * random[1]).isZero();
        assertThat(s.clear(Pricing.UNIFORM, 0.5, Ties.RANDOM).result().p()).containsExactly(random);
        // over many seeds both buyers win sometimes
        boolean[] won = new boolean[2];
        for (long seed = 0; seed < 40; seed++) {
            double[] p = new PeriodicAuction(Pricing.UNIFORM).clear(new AuctionInput(s.ids, s.events,
                    rules(Pricing.UNIFORM, 0.5, Ties.RANDOM, seed))).result().p();
            won[p[0] < 0 ? 0 : 1] = true;
        }
        assertThat(won).containsExactly(true, true);
    }

    // Stream: p0 buys 2@10 at t0; p1 sells 2@4 at t1; p0's order is cut to 1 at t2 (same price:
    // keeps priority); p2's buy 1@12 at t3 is cancelled at t4; p3 buys 1@11 at t9, after the
    // gate at 5. Left: bid 1@10 vs ask 2@4: Q = 1; the ask is only partly filled, so at any
    // price above 4 supply exceeds demand: the clearing interval is [4, min(10, 4)] = [4, 4],
    // and the k-rule's (10 + 4) / 2 = 7 is moved to 4.
    @Test
    void streamIsAppliedUpToGateClosure() {
        List<OrderEvent> events = List.of(
                OrderEvent.limit(0, 0, 0, Side.BUY, 2, 10),
                OrderEvent.limit(1, 1, 1, Side.SELL, 2, 4),
                OrderEvent.modify(2, 0, 1, 10),
                OrderEvent.limit(3, 2, 2, Side.BUY, 1, 12),
                OrderEvent.cancel(4, 2),
                OrderEvent.limit(9, 3, 3, Side.BUY, 1, 11));
        AuctionInput in = new AuctionInput(List.of("a", "b", "c", "d"), events, rules(Pricing.UNIFORM, 0.5, Ties.TIME, 0), 5,
                MatchFilter.ACCEPT_ALL);
        AuctionResult r = new PeriodicAuction(Pricing.UNIFORM).clear(in);
        assertThat(r.result().trades()).hasSize(1);
        assertTrade(r.result().trades().get(0), 1, 0, 1, 4, 0);
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.buyer()).isEqualTo(3);
            assertThat(x.reason()).contains("gate closure");
        });
    }

    // A fake grid rule refuses every sale from p3 to p0. First case's matches: p3-p0 (4) is
    // refused and reported; the others stand.
    @Test
    void refusedMatchesAreReportedNotMade() {
        Stream s = partlyFilledMarginalBid();
        MatchFilter rule = (seller, buyer, q) -> seller == 3 && buyer == 0 ? "line 7 at risk" : null;
        AuctionResult r = new PeriodicAuction(Pricing.UNIFORM).clear(new AuctionInput(s.ids, s.events,
                rules(Pricing.UNIFORM, 0.5, Ties.TIME, 0), Double.POSITIVE_INFINITY, rule));
        assertThat(r.result().trades()).extracting(Trade::seller, Trade::buyer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, 0), org.assertj.core.groups.Tuple.tuple(4, 1));
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.seller()).isEqualTo(3);
            assertThat(x.buyer()).isEqualTo(0);
            assertThat(x.quantity()).isEqualTo(4.0);
            assertThat(x.reason()).isEqualTo("line 7 at risk");
        });
    }

    @Test
    void noCrossingNoTrade() {
        AuctionResult r = new Stream().buy(1, 3).sell(1, 4).clear(Pricing.UNIFORM, 0.5, Ties.TIME);
        assertThat(r.result().trades()).isEmpty();
        assertThat(r.clearingPrice()).isNaN();
        assertThat(r.result().status()).isEqualTo(Status.CLEARED);
    }
}
