package org.peermarket.bench;

import java.util.SplittableRandom;
import org.peermarket.market.auction.OrderBook;

/**
 * A random CDA order stream held in primitive arrays (so that replaying it measures the book,
 * not the generator): 80% limit orders, 5% fill-and-kill, 10% cancels and 5% modifies of one
 * of the last 1,000 orders. Prices on a 0.001 tick, 0.15 +- 0.02 per kWh, buys and sells
 * alike, so about half the orders cross; quantities 1 to 10 kWh; 1,000 peers.
 */
public final class OrderStreams {
    static final byte LIMIT = 0;
    static final byte FAK = 1;
    static final byte CANCEL = 2;
    static final byte MODIFY = 3;

    final byte[] op;
    final boolean[] buy;
    final int[] peer;
    final int[] ref;
    final double[] quantity;
    final double[] price;

    private OrderStreams(int n) {
        op = new byte[n];
        buy = new boolean[n];
        peer = new int[n];
        ref = new int[n];
        quantity = new double[n];
        price = new double[n];
    }

    public static OrderStreams random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OrderStreams s = new OrderStreams(n);
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(100);
            s.op[i] = r < 80 ? LIMIT : r < 85 ? FAK : r < 95 ? CANCEL : MODIFY;
            s.buy[i] = rnd.nextBoolean();
            s.peer[i] = rnd.nextInt(1000);
            s.ref[i] = Math.max(0, i - 1 - rnd.nextInt(1000));
            s.quantity[i] = 1 + rnd.nextInt(10);
            s.price[i] = (150 + rnd.nextInt(-20, 21)) / 1000.0;
        }
        return s;
    }

    public int size() {
        return op.length;
    }

    /** Replays events [from, to) into the book; event i's order id is i. */
    public void replay(OrderBook book, int from, int to) {
        for (int i = from; i < to; i++) {
            switch (op[i]) {
                case LIMIT -> book.limit(i, peer[i], buy[i], quantity[i], price[i]);
                case FAK -> book.fillAndKill(peer[i], buy[i], quantity[i], price[i]);
                case CANCEL -> book.cancel(ref[i]);
                default -> book.modify(ref[i], quantity[i], price[i]);
            }
        }
    }

    /** A book that counts trades and traded volume and keeps nothing else. */
    public static final class Counting {
        long trades;
        double volume;
        long refused;

        public OrderBook book() {
            return new OrderBook(org.peermarket.market.MatchFilter.ACCEPT_ALL, (s, b, q, p, bl, sl) -> {
                trades++;
                volume += q;
            }, r -> refused++);
        }
    }
}
