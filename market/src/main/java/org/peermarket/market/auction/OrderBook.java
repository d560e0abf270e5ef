package org.peermarket.market.auction;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Prechecks;
import org.peermarket.market.Rejection;

/**
 * The order book of a continuous double auction for one delivery period: price levels on each
 * side, first in first out within a level (price-time priority). An incoming order trades at
 * the resting order's price for as long as it crosses; a limit order rests with what is left,
 * a fill-and-kill drops it, a fill-or-kill trades only if it can fill completely (checked
 * before any fill). Not thread-safe; one book per period.
 */
public final class OrderBook {

    /** Receives every trade as it happens. */
    public interface Fills {
        void trade(int seller, int buyer, double quantity, double price, double buyLimit, double sellLimit);
    }

    /** Receives refusals: a match the filter refused, or an order that could not be placed. */
    public interface Refusals {
        void refused(Rejection rejection);
    }

    private static final class Resting {
        final int id;
        final int peer;
        final boolean buy;
        final double price;
        double quantity;

        Resting(int id, int peer, boolean buy, double price, double quantity) {
            this.id = id;
            this.peer = peer;
            this.buy = buy;
            this.price = price;
            this.quantity = quantity;
        }
    }

    /** One price level: a FIFO of orders; filled and cancelled ones (quantity 0) are skipped. */
    private static final class Level {
        Resting[] items = new Resting[4];
        int head;
        int tail;
        int live;
        double total;

        void add(Resting r) {
            if (tail == items.length) {
                if (head > items.length / 2) {
                    System.arraycopy(items, head, items, 0, tail - head);
                    java.util.Arrays.fill(items, tail - head, tail, null);
                } else {
                    items = java.util.Arrays.copyOf(items, items.length * 2);
                    System.arraycopy(items, head, items, 0, tail - head);
                }
                tail -= head;
                head = 0;
            }
            items[tail++] = r;
            live++;
            total += r.quantity;
        }

        void dropDeadHead() {
            while (head < tail && items[head].quantity == 0) {
                items[head++] = null;
            }
        }
    }

    private final TreeMap<Double, Level> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Double, Level> asks = new TreeMap<>();
    private final Map<Integer, Resting> byId = new HashMap<>();
    private final MatchFilter filter;
    private final Fills fills;
    private final Refusals refusals;

    public OrderBook(MatchFilter filter, Fills fills, Refusals refusals) {
        this.filter = filter;
        this.fills = fills;
        this.refusals = refusals;
    }

    /** Limit order: trades what crosses, rests with the rest. Returns the quantity filled. */
    public double limit(int id, int peer, boolean buy, double quantity, double price) {
        if (byId.containsKey(id)) {
            refusals.refused(new Rejection(buy ? -1 : peer, buy ? peer : -1, quantity, price, "order id " + id + " is live already"));
            return 0;
        }
        Outcome o = match(peer, buy, quantity, price);
        if (o.left > 0) {
            if (o.skipped) {
                refusals.refused(new Rejection(buy ? -1 : peer, buy ? peer : -1, o.left, price,
                        "rest not placed: it would cross an order it may not trade with"));
            } else {
                rest(new Resting(id, peer, buy, price, o.left));
            }
        }
        return quantity - o.left;
    }

    /** Fill-and-kill: trades what crosses now, drops the rest. Returns the quantity filled. */
    public double fillAndKill(int peer, boolean buy, double quantity, double price) {
        return quantity - match(peer, buy, quantity, price).left;
    }

    /** Fill-or-kill: trades all of it now, or nothing. Returns the quantity filled. */
    public double fillOrKill(int peer, boolean buy, double quantity, double price) {
        double available = available(peer, buy, quantity, price);
        if (available < quantity) {
            refusals.refused(new Rejection(buy ? -1 : peer, buy ? peer : -1, quantity, price,
                    "fill-or-kill: only " + Prechecks.fmt(available) + " kWh of " + Prechecks.fmt(quantity) + " crosses"));
            return 0;
        }
        return quantity - match(peer, buy, quantity, price).left;
    }

    /** Withdraws a resting order; false when no such order rests. */
    public boolean cancel(int id) {
        Resting r = byId.remove(id);
        if (r == null) {
            return false;
        }
        TreeMap<Double, Level> side = r.buy ? bids : asks;
        Level level = side.get(r.price);
        level.total -= r.quantity;
        r.quantity = 0;
        if (--level.live == 0) {
            side.remove(r.price);
        } else {
            level.dropDeadHead();
        }
        return true;
    }

    /**
     * Changes a resting order. A lower (or equal) quantity at the same price keeps its place in
     * the queue; any other change is a cancel and a new limit order (which may trade at once).
     * False when no such order rests.
     */
    public boolean modify(int id, double quantity, double price) {
        Resting r = byId.get(id);
        if (r == null) {
            return false;
        }
        if (price == r.price && quantity <= r.quantity) {
            Level level = (r.buy ? bids : asks).get(price);
            level.total -= r.quantity - quantity;
            r.quantity = quantity;
            return true;
        }
        cancel(id);
        limit(id, r.peer, r.buy, quantity, price);
        return true;
    }

    private record Outcome(double left, boolean skipped) {}

    /** Trades the incoming order against the opposite side while it crosses. */
    private Outcome match(int peer, boolean buy, double quantity, double price) {
        TreeMap<Double, Level> other = buy ? asks : bids;
        double left = quantity;
        boolean skipped = false;
        Iterator<Map.Entry<Double, Level>> levels = other.entrySet().iterator();
        while (left > 0 && levels.hasNext()) {
            Map.Entry<Double, Level> e = levels.next();
            double at = e.getKey();
            if (buy ? at > price : at < price) {
                break;
            }
            Level level = e.getValue();
            for (int k = level.head; k < level.tail && left > 0; k++) {
                Resting r = level.items[k];
                if (r.quantity == 0) {
                    continue;
                }
                double x = Math.min(left, r.quantity);
                int seller = buy ? r.peer : peer;
                int buyer = buy ? peer : r.peer;
                String reason = filter == MatchFilter.ACCEPT_ALL ? null : filter.refusal(seller, buyer, x);
                if (reason != null) {
                    refusals.refused(new Rejection(seller, buyer, x, at, reason));
                    skipped = true;
                    continue;
                }
                fills.trade(seller, buyer, x, at, buy ? price : r.price, buy ? r.price : price);
                left -= x;
                r.quantity -= x;
                level.total -= x;
                if (r.quantity == 0) {
                    byId.remove(r.id);
                    level.live--;
                }
            }
            if (level.live == 0) {
                levels.remove();
            } else {
                level.dropDeadHead();
            }
        }
        return new Outcome(left, skipped);
    }

    /** What an incoming order could fill now, counting only matches the filter accepts. */
    private double available(int peer, boolean buy, double quantity, double price) {
        double sum = 0;
        for (Map.Entry<Double, Level> e : (buy ? asks : bids).entrySet()) {
            if ((buy ? e.getKey() > price : e.getKey() < price) || sum >= quantity) {
                break;
            }
            Level level = e.getValue();
            if (filter == MatchFilter.ACCEPT_ALL) {
                sum += level.total;
                continue;
            }
            for (int k = level.head; k < level.tail && sum < quantity; k++) {
                Resting r = level.items[k];
                double x = Math.min(quantity - sum, r.quantity);
                if (r.quantity > 0 && filter.refusal(buy ? r.peer : peer, buy ? peer : r.peer, x) == null) {
                    sum += r.quantity;
                }
            }
        }
        return sum;
    }

    private void rest(Resting r) {
        (r.buy ? bids : asks).computeIfAbsent(r.price, p -> new Level()).add(r);
        byId.put(r.id, r);
    }

    /** Highest resting bid price, or NaN when there is none. */
    public double bestBid() {
        return bids.isEmpty() ? Double.NaN : bids.firstKey();
    }

    /** Lowest resting ask price, or NaN when there is none. */
    public double bestAsk() {
        return asks.isEmpty() ? Double.NaN : asks.firstKey();
    }

    /** Total resting quantity on one side. */
    public double resting(boolean buy) {
        double sum = 0;
        for (Level l : (buy ? bids : asks).values()) {
            sum += l.total;
        }
        return sum;
    }

    /** Number of resting orders. */
    public int orders() {
        return byId.size();
    }

    /** Resting quantity of an order, 0 when it does not rest. */
    public double restingQuantity(int id) {
        Resting r = byId.get(id);
        return r == null ? 0 : r.quantity;
    }
}
