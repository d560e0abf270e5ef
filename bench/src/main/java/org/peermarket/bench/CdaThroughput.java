package org.peermarket.bench;

import java.util.Locale;
import org.peermarket.market.auction.OrderBook;

/**
 * Whole-run CDA matching throughput on one thread, in memory: generates a random stream
 * ({@link OrderStreams}), warms up on a separate book, then replays the stream once into a
 * fresh book and reports orders per second.
 * Usage: CdaThroughput [orders, default 10,000,000] [seed, default 42]
 */
public final class CdaThroughput {
    private CdaThroughput() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        OrderStreams stream = OrderStreams.random(n, seed);
        for (int w = 0; w < 3; w++) {
            stream.replay(new OrderStreams.Counting().book(), 0, Math.min(n, 2_000_000));
        }
        OrderStreams.Counting count = new OrderStreams.Counting();
        OrderBook book = count.book();
        long t0 = System.nanoTime();
        stream.replay(book, 0, n);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "%,d orders in %.3f s: %,.0f orders/s; %,d trades, %,.0f kWh; %,d resting at the end%n",
                n, seconds, n / seconds, count.trades, count.volume, book.orders());
    }
}
