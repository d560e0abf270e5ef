package org.peermarket.market.auction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Rejection;

/**
 * The CDA book: hand-computed sequences, and long random streams replayed through the book and
 * through a naive reference (a plain list searched for the best price, then the earliest
 * arrival) that must produce the very same trades, with the book never crossed and every unit
 * of quantity accounted for.
 */
class OrderBookTest {

    record Fill(int seller, int buyer, double quantity, double price) {}

    static final class Log {
        final List<Fill> fills = new ArrayList<>();
        final List<Rejection> refused = new ArrayList<>();

        OrderBook book(MatchFilter filter) {
            return new OrderBook(filter, (s, b, q, p, bl, sl) -> fills.add(new Fill(s, b, q, p)), refused::add);
        }
    }

    @Test
    void tradesAtTheRestingPriceInPriceTimeOrder() {
        Log log = new Log();
        OrderBook book = log.book(MatchFilter.ACCEPT_ALL);
        book.limit(1, 1, false, 2, 11);   // ask 2@11 from peer 1
        book.limit(2, 2, false, 2, 10);   // ask 2@10 from peer 2
        book.limit(3, 3, false, 2, 10);   // ask 2@10 from peer 3, behind peer 2
        // buy 5 @ 11 from peer 0: 2 from peer 2 @10, 2 from peer 3 @10, 1 from peer 1 @11
        assertThat(book.limit(4, 0, true, 5, 11)).isEqualTo(5);
        assertThat(log.fills).containsExactly(new Fill(2, 0, 2, 10), new Fill(3, 0, 2, 10), new Fill(1, 0, 1, 11));
        assertThat(book.bestAsk()).isEqualTo(11);
        assertThat(book.restingQuantity(1)).isEqualTo(1);
        assertThat(book.bestBid()).isNaN();
    }

    @Test
    void quantityDecreaseKeepsPriorityPriceChangeLosesIt() {
        Log log = new Log();
        OrderBook book = log.book(MatchFilter.ACCEPT_ALL);
        book.limit(1, 1, true, 3, 10);
        book.limit(2, 2, true, 3, 10);
        book.modify(1, 2, 10);            // smaller: still first
        book.limit(3, 5, false, 1, 9);    // sells 1 to peer 1 at 10
        assertThat(log.fills).containsExactly(new Fill(5, 1, 1, 10));
        book.modify(1, 1, 10.5);          // price change: new order, not crossing, now best bid
        book.modify(1, 1, 10);            // back to 10: behind peer 2 now
        book.limit(4, 5, false, 1, 10);
        assertThat(log.fills.get(1)).isEqualTo(new Fill(5, 2, 1, 10));
    }

    @Test
    void fillOrKillChecksBeforeAnyFillFillAndKillDropsTheRest() {
        Log log = new Log();
        OrderBook book = log.book(MatchFilter.ACCEPT_ALL);
        book.limit(1, 1, false, 2, 10);
        book.limit(2, 2, false, 2, 12);
        assertThat(book.fillOrKill(0, true, 3, 11)).isZero();   // only 2 at or below 11
        assertThat(log.fills).isEmpty();
        assertThat(log.refused).singleElement().satisfies(r -> assertThat(r.reason()).contains("fill-or-kill"));
        assertThat(book.fillOrKill(0, true, 3, 12)).isEqualTo(3);
        assertThat(book.fillAndKill(3, true, 5, 12)).isEqualTo(1);  // 1 left @12, the rest dropped
        assertThat(book.orders()).isZero();
        assertThat(book.bestBid()).isNaN();
    }

    @Test
    void refusedMatchIsSkippedAndAReminderWouldNotRestCrossed() {
        Log log = new Log();
        MatchFilter rule = (seller, buyer, q) -> seller == 1 && buyer == 0 ? "harmful" : null;
        OrderBook book = log.book(rule);
        book.limit(1, 1, false, 2, 10);   // peer 1's ask, best
        book.limit(2, 2, false, 2, 11);
        // peer 0 buys 3 @ 11: refused with peer 1, takes 2 from peer 2; the last 1 would rest
        // at 11 above peer 1's ask at 10, so it is not placed
        assertThat(book.limit(3, 0, true, 3, 11)).isEqualTo(2);
        assertThat(log.fills).containsExactly(new Fill(2, 0, 2, 11));
        assertThat(log.refused).extracting(Rejection::reason).containsExactly("harmful",
                "rest not placed: it would cross an order it may not trade with");
        assertThat(book.bestAsk()).isEqualTo(10);
        assertThat(book.bestBid()).isNaN();
    }

    /** Naive reference: resting orders in a list; best price, then earliest arrival. */
    static final class Reference {
        static final class R {
            final int id;
            final int peer;
            final boolean buy;
            final double price;
            final long seq;
            double q;

            R(int id, int peer, boolean buy, double price, double q, long seq) {
                this.id = id;
                this.peer = peer;
                this.buy = buy;
                this.price = price;
                this.q = q;
                this.seq = seq;
            }
        }

        final List<R> resting = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        long seq;

        Optional<R> best(boolean buySide, double limit, boolean incomingBuy) {
            return resting.stream().filter(r -> r.buy == buySide)
                    .filter(r -> incomingBuy ? r.price <= limit : r.price >= limit)
                    .min(Comparator.<R>comparingDouble(r -> buySide ? -r.price : r.price).thenComparingLong(r -> r.seq));
        }

        double match(int peer, boolean buy, double q, double limit) {
            double left = q;
            while (left > 0) {
                Optional<R> o = best(!buy, limit, buy);
                if (o.isEmpty()) {
                    break;
                }
                R r = o.get();
                double x = Math.min(left, r.q);
                fills.add(new Fill(buy ? r.peer : peer, buy ? peer : r.peer, x, r.price));
                left -= x;
                r.q -= x;
                if (r.q == 0) {
                    resting.remove(r);
                }
            }
            return left;
        }

        void limit(int id, int peer, boolean buy, double q, double price) {
            double left = match(peer, buy, q, price);
            if (left > 0) {
                resting.add(new R(id, peer, buy, price, left, seq++));
            }
        }

        double crossing(boolean buy, double limit) {
            return resting.stream().filter(r -> r.buy != buy).filter(r -> buy ? r.price <= limit : r.price >= limit)
                    .mapToDouble(r -> r.q).sum();
        }

        Optional<R> find(int id) {
            return resting.stream().filter(r -> r.id == id).findFirst();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void randomStreamsMatchTheReferenceAndKeepTheInvariants(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Log log = new Log();
        OrderBook book = log.book(MatchFilter.ACCEPT_ALL);
        Reference ref = new Reference();
        double in = 0;
        double dropped = 0;
        int nextId = 0;
        for (int e = 0; e < 20_000; e++) {
            int kind = rnd.nextInt(100);
            boolean buy = rnd.nextBoolean();
            int peer = rnd.nextInt(20);
            double q = 1 + rnd.nextInt(10);
            double price = 90 + rnd.nextInt(21);
            if (kind < 56) {
                int id = nextId++;
                in += q;
                book.limit(id, peer, buy, q, price);
                ref.limit(id, peer, buy, q, price);
            } else if (kind < 63) {
                in += q;
                double filled = book.fillAndKill(peer, buy, q, price);
                dropped += q - filled;
                assertThat(q - ref.match(peer, buy, q, price)).isEqualTo(filled);
            } else if (kind < 70) {
                in += q;
                double filled = book.fillOrKill(peer, buy, q, price);
                dropped += q - filled;
                if (ref.crossing(buy, price) >= q) {
                    ref.match(peer, buy, q, price);
                }
            } else if (kind < 85) {
                int id = rnd.nextInt(nextId + 1);
                double before = book.restingQuantity(id);
                dropped += before;
                assertThat(book.cancel(id)).isEqualTo(before > 0);
                ref.find(id).ifPresent(ref.resting::remove);
            } else {
                int id = rnd.nextInt(nextId + 1);
                double before = book.restingQuantity(id);
                Optional<Reference.R> r = ref.find(id);
                boolean decrease = rnd.nextBoolean() && r.isPresent();
                double newQ = decrease ? Math.max(1, r.get().q - 1 - rnd.nextInt(3)) : q;
                double newPrice = decrease ? r.get().price : price;
                assertThat(book.modify(id, newQ, newPrice)).isEqualTo(before > 0);
                if (r.isPresent()) {
                    Reference.R o = r.get();
                    if (newPrice == o.price && newQ <= o.q) {
                        dropped += o.q - newQ;
                        o.q = newQ;
                    } else {
                        dropped += o.q;
                        in += newQ;
                        ref.resting.remove(o);
                        ref.limit(id, o.peer, o.buy, newQ, newPrice);
                    }
                }
            }
            double bid = book.bestBid();
            double ask = book.bestAsk();
            assertThat(Double.isNaN(bid) || Double.isNaN(ask) || bid < ask).as("book crossed after event " + e).isTrue();
        }
        assertThat(log.fills).as("trades, in order").isEqualTo(ref.fills);
        double traded = log.fills.stream().mapToDouble(Fill::quantity).sum();
        double resting = book.resting(true) + book.resting(false);
        // each trade uses up the quantity of two orders
        assertThat(2 * traded + resting + dropped).isEqualTo(in);
        assertThat(book.orders()).isEqualTo(ref.resting.size());
        assertThat(log.fills).hasSizeGreaterThan(5_000);
    }
}
