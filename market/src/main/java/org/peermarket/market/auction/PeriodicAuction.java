package org.peermarket.market.auction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.Prechecks;
import org.peermarket.market.Rejection;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.AuctionSpec.Pricing;
import org.peermarket.model.AuctionSpec.Ties;
import org.peermarket.model.OrderEntry.Action;

/**
 * Periodic (call) double auction of one delivery period (markets.md section 5, docs/auctions.md).
 * The order stream is applied up to gate closure; then bids are sorted by price descending and
 * asks ascending, ties by the tie rule; the efficient quantity Q is where the two curves cross.
 * Prices: a uniform price by the k-rule, pay-as-bid (the buyer's limit), or McAfee's trade
 * reduction. Fills are paired into bilateral matches in priority order.
 */
public final class PeriodicAuction {
    private final Pricing pricing;

    public PeriodicAuction(Pricing pricing) {
        this.pricing = pricing;
    }

    public String name() {
        return "auction/" + pricing.label();
    }

    /** A live order at clearing time; {@code rank} breaks ties (time priority or a seeded draw). */
    record Order(int id, int peer, boolean buy, double quantity, double price, double time, long rank) {}

    public AuctionResult clear(AuctionInput in) {
        long start = System.nanoTime();
        Matches matches = new Matches(in.size(), in.filter());
        List<Order> live = liveOrders(in, matches);
        AuctionSpec rules = in.rules();
        Comparator<Order> byTie = Comparator.comparingLong(Order::rank);
        List<Order> bids = live.stream().filter(Order::buy)
                .sorted(Comparator.comparingDouble(Order::price).reversed().thenComparing(byTie)).toList();
        List<Order> asks = live.stream().filter(o -> !o.buy())
                .sorted(Comparator.comparingDouble(Order::price).thenComparing(byTie)).toList();
        Crossing c = Crossing.of(bids, asks);
        if (c.quantity() <= 0) {
            return matches.result(name(), Double.NaN, start);
        }
        boolean proRata = rules.ties() == Ties.PRO_RATA;
        double uniform = Double.NaN;
        switch (pricing) {
            case UNIFORM -> {
                double price = c.kPrice(rules.k());
                uniform = price;
                pair(bids, asks, fill(bids, bids.size(), c.quantity(), proRata), fill(asks, asks.size(), c.quantity(), proRata),
                        (b, a) -> price, (b, a) -> 0.0, matches);
            }
            case PAY_AS_BID -> pair(bids, asks, fill(bids, bids.size(), c.quantity(), proRata),
                    fill(asks, asks.size(), c.quantity(), proRata), (b, a) -> b.price(), (b, a) -> 0.0, matches);
            case MCAFEE -> uniform = mcafee(bids, asks, c, proRata, matches);
        }
        return matches.result(name(), uniform, start);
    }

    /**
     * McAfee (1992), generalised to orders of any size: p0 = (b+ + s+)/2 from the prices just
     * beyond the crossing; if it lies between the marginal bid and ask, all of Q trades at p0.
     * Otherwise the marginal bid and ask orders are left out, the rest trades as far as both
     * sides reach, buyers paying the marginal bid and sellers receiving the marginal ask; the
     * difference is the auctioneer's (the {@code charge} column).
     */
    private static double mcafee(List<Order> bids, List<Order> asks, Crossing c, boolean proRata, Matches matches) {
        double p0 = (c.bidBeyond() + c.askBeyond()) / 2;
        if (Double.isFinite(p0) && c.marginalAsk() <= p0 && p0 <= c.marginalBid()) {
            pair(bids, asks, fill(bids, bids.size(), c.quantity(), proRata), fill(asks, asks.size(), c.quantity(), proRata),
                    (b, a) -> p0, (b, a) -> 0.0, matches);
            return p0;
        }
        int nb = c.lastBid();
        int na = c.lastAsk();
        double reduced = Math.min(total(bids, nb), total(asks, na));
        double bk = c.marginalBid();
        double sk = c.marginalAsk();
        if (reduced > 0) {
            pair(bids, asks, fill(bids, nb, reduced, proRata), fill(asks, na, reduced, proRata),
                    (b, a) -> sk, (b, a) -> bk - sk, matches);
        }
        return Double.NaN;
    }

    private static double total(List<Order> orders, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += orders.get(i).quantity();
        }
        return sum;
    }

    /**
     * How much of each of the first {@code count} orders fills when q is taken in priority
     * order. Pro-rata: a price level that cannot fill completely shares what is left in
     * proportion to its orders' quantities.
     */
    static double[] fill(List<Order> orders, int count, double q, boolean proRata) {
        double[] out = new double[orders.size()];
        double left = q;
        int i = 0;
        while (i < count && left > 0) {
            int end = i;
            double level = 0;
            while (end < count && orders.get(end).price() == orders.get(i).price()) {
                level += orders.get(end).quantity();
                end++;
            }
            if (level <= left || !proRata) {
                for (int j = i; j < end && left > 0; j++) {
                    out[j] = Math.min(left, orders.get(j).quantity());
                    left -= out[j];
                }
            } else {
                for (int j = i; j < end; j++) {
                    out[j] = left * orders.get(j).quantity() / level;
                }
                left = 0;
            }
            i = end;
        }
        return out;
    }

    interface PriceRule {
        double of(Order bid, Order ask);
    }

    /** One bilateral match: a seller, a buyer and the terms; pieces with the same terms add up. */
    private record Terms(int seller, int buyer, double price, double charge) {}

    /**
     * Pairs bid fills with ask fills in priority order; pieces between the same two peers on
     * the same terms are one match (one row in trades.csv), offered to the acceptance rule in
     * the order first met. Rounding slivers (below 1e-12 of the traded quantity) are dropped.
     */
    private static void pair(List<Order> bids, List<Order> asks, double[] bidFill, double[] askFill,
                             PriceRule price, PriceRule charge, Matches matches) {
        Map<Terms, double[]> made = new LinkedHashMap<>();
        double sliver = 1e-12 * java.util.Arrays.stream(bidFill).sum();
        int i = next(bidFill, 0);
        int j = next(askFill, 0);
        double rb = i < bidFill.length ? bidFill[i] : 0;
        double ra = j < askFill.length ? askFill[j] : 0;
        while (i < bidFill.length && j < askFill.length) {
            double x = Math.min(rb, ra);
            Order b = bids.get(i);
            Order a = asks.get(j);
            if (x > sliver) {
                double[] sum = made.computeIfAbsent(new Terms(a.peer(), b.peer(), price.of(b, a), charge.of(b, a)),
                        k -> new double[2]);
                sum[0] += x;
                sum[1] += x * (b.price() - a.price());
            }
            rb -= x;
            ra -= x;
            if (rb <= 0) {
                i = next(bidFill, i + 1);
                rb = i < bidFill.length ? bidFill[i] : 0;
            }
            if (ra <= 0) {
                j = next(askFill, j + 1);
                ra = j < askFill.length ? askFill[j] : 0;
            }
        }
        made.forEach((t, sum) -> matches.offer(t.seller(), t.buyer(), sum[0], t.price(), t.charge(), sum[1]));
    }

    private static int next(double[] fill, int from) {
        int i = from;
        while (i < fill.length && fill[i] <= 0) {
            i++;
        }
        return i;
    }

    /**
     * Applies the stream up to gate closure: a submit adds an order, a cancel removes it, a
     * modify replaces it (a lower quantity at the same price keeps its time priority; anything
     * else takes the modify's time). Refused events are reported.
     */
    private static List<Order> liveOrders(AuctionInput in, Matches matches) {
        Map<Integer, Order> live = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(in.rules().seed());
        boolean randomTies = in.rules().ties() == Ties.RANDOM;
        long seq = 0;
        for (OrderEvent e : in.inTimeOrder()) {
            long rank = randomTies ? random.nextLong() : seq++;
            if (e.time() > in.gate()) {
                matches.reject(refused(e, live.get(e.order()), "after gate closure at " + Prechecks.fmt(in.gate())));
                continue;
            }
            if (e.action() == Action.SUBMIT) {
                live.put(e.order(), new Order(e.order(), e.peer(), e.buy(), e.quantity(), e.price(), e.time(), rank));
                continue;
            }
            Order old = live.get(e.order());
            if (old == null) {
                matches.reject(refused(e, null, "no live order " + e.order() + " to " + e.action().name().toLowerCase()));
            } else if (e.action() == Action.CANCEL) {
                live.remove(e.order());
            } else {
                boolean keepsPriority = e.price() == old.price() && e.quantity() <= old.quantity();
                live.remove(e.order());
                live.put(e.order(), new Order(old.id(), old.peer(), old.buy(), e.quantity(), e.price(),
                        keepsPriority ? old.time() : e.time(), keepsPriority ? old.rank() : rank));
            }
        }
        return new ArrayList<>(live.values());
    }

    static Rejection refused(OrderEvent e, Order target, String reason) {
        boolean buy = target != null ? target.buy() : e.buy();
        int peer = target != null ? target.peer() : e.peer();
        return new Rejection(buy ? -1 : peer, buy ? peer : -1, e.quantity(), e.price(), reason);
    }

    /**
     * Where the sorted bid and ask curves cross: quantity Q; the marginal (last filled) bid and
     * ask prices and indices; and the prices just beyond Q on each side (the next unit's price:
     * the marginal order's own when it is only partly filled; -inf / +inf when none is left).
     */
    record Crossing(double quantity, double marginalBid, double marginalAsk, int lastBid, int lastAsk,
                    double bidBeyond, double askBeyond) {

        static Crossing of(List<Order> bids, List<Order> asks) {
            int i = 0;
            int j = 0;
            double rb = bids.isEmpty() ? 0 : bids.get(0).quantity();
            double ra = asks.isEmpty() ? 0 : asks.get(0).quantity();
            double q = 0;
            double bm = Double.NaN;
            double sm = Double.NaN;
            int lastBid = -1;
            int lastAsk = -1;
            while (i < bids.size() && j < asks.size() && bids.get(i).price() >= asks.get(j).price()) {
                double x = Math.min(rb, ra);
                q += x;
                bm = bids.get(i).price();
                sm = asks.get(j).price();
                lastBid = i;
                lastAsk = j;
                rb -= x;
                ra -= x;
                if (rb <= 0 && ++i < bids.size()) {
                    rb = bids.get(i).quantity();
                }
                if (ra <= 0 && ++j < asks.size()) {
                    ra = asks.get(j).quantity();
                }
            }
            double bidBeyond = i < bids.size() ? bids.get(i).price() : Double.NEGATIVE_INFINITY;
            double askBeyond = j < asks.size() ? asks.get(j).price() : Double.POSITIVE_INFINITY;
            return new Crossing(q, bm, sm, lastBid, lastAsk, bidBeyond, askBeyond);
        }

        /**
         * The k-rule, k b_m + (1 - k) s_m (markets.md section 5), moved into the market-clearing
         * interval [max(s_m, b+), min(b_m, s+)] when it lies outside: at a price outside it an
         * order left out would want to trade, or a partly filled one would want more.
         */
        double kPrice(double k) {
            double low = Math.max(marginalAsk, bidBeyond);
            double high = Math.min(marginalBid, askBeyond);
            return Math.max(low, Math.min(high, k * marginalBid + (1 - k) * marginalAsk));
        }
    }
}
