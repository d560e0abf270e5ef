package org.peermarket.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.auction.OrderBook;

/**
 * The continuous double auction's book of one delivery period (markets.md section 5), kept in
 * memory by the sequencer and rebuilt from the live orders after a restart. Each order is its own
 * "peer" of the {@link OrderBook}, so every fill names both orders.
 */
final class LiveBook {
    private final Map<Long, Order> live = new HashMap<>();
    private final List<Clearing.Fill> fills = new ArrayList<>();
    private final List<Clearing.Refusal> refusals = new ArrayList<>();
    private boolean restRefused;
    private final OrderBook book;

    /** A book whose matches the DSO's grid policy also judges. */
    LiveBook(Clearing.Grid grid) {
        book = new OrderBook((seller, buyer, q) -> Clearing.refusal(live.get((long) seller), live.get((long) buyer), q, grid),
                (seller, buyer, q, price, buyLimit, sellLimit) -> fills.add(new Clearing.Fill(seller, buyer, q, price)),
                this::refused);
    }

    private void refused(org.peermarket.market.Rejection r) {
        restRefused |= r.reason().startsWith("rest not placed");
        if (r.seller() >= 0 && r.buyer() >= 0) {
            refusals.add(new Clearing.Refusal(r.seller(), r.reason()));
            refusals.add(new Clearing.Refusal(r.buyer(), r.reason()));
        }
    }

    /** Result of placing one order: the fills it made, whether its rest was refused, refused matches. */
    record Placed(List<Clearing.Fill> fills, boolean restRefused, List<Clearing.Refusal> refusals) {}

    Placed place(Order o) {
        fills.clear();
        refusals.clear();
        restRefused = false;
        live.put(o.id(), o);
        int id = Math.toIntExact(o.id());
        Order.Point p = o.points().get(0);
        double q = o.remaining();
        switch (o.kind()) {
            case "fok" -> book.fillOrKill(id, o.buy(), q, p.price());
            case "fak" -> book.fillAndKill(id, o.buy(), q, p.price());
            default -> book.limit(id, id, o.buy(), q, p.price());
        }
        return new Placed(List.copyOf(fills), restRefused, List.copyOf(new java.util.LinkedHashSet<>(refusals)));
    }

    Order get(long id) {
        return live.get(id);
    }

    void update(Order o) {
        if (o.status().live()) {
            live.put(o.id(), o);
        } else {
            live.remove(o.id());
        }
    }

    void cancel(long id) {
        book.cancel(Math.toIntExact(id));
        live.remove(id);
    }
}
