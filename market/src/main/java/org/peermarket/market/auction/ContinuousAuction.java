package org.peermarket.market.auction;

import org.peermarket.market.AuctionResult;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Prechecks;
import org.peermarket.market.Rejection;
import org.peermarket.model.OrderEntry.Kind;

/**
 * Continuous double auction of one delivery period (markets.md section 5): the order stream is
 * replayed through an {@link OrderBook} in time order (ties in list order), so a run is
 * deterministic. Events after gate closure are rejected; whatever rests at gate closure expires.
 */
public final class ContinuousAuction {

    public String name() {
        return "cda/book";
    }

    public AuctionResult clear(AuctionInput in) {
        long start = System.nanoTime();
        Matches matches = new Matches(in.size(), MatchFilter.ACCEPT_ALL);
        OrderBook book = new OrderBook(in.filter(),
                (seller, buyer, q, price, buyLimit, sellLimit) -> matches.offer(seller, buyer, q, price, 0, q * (buyLimit - sellLimit)),
                matches::reject);
        for (OrderEvent e : in.inTimeOrder()) {
            if (e.time() > in.gate()) {
                matches.reject(PeriodicAuction.refused(e, null, "after gate closure at " + Prechecks.fmt(in.gate())));
                continue;
            }
            apply(book, e, matches);
        }
        return matches.result(name(), Double.NaN, start);
    }

    private static void apply(OrderBook book, OrderEvent e, Matches matches) {
        switch (e.action()) {
            case SUBMIT -> {
                if (e.kind() == Kind.FOK) {
                    book.fillOrKill(e.peer(), e.buy(), e.quantity(), e.price());
                } else if (e.kind() == Kind.FAK) {
                    book.fillAndKill(e.peer(), e.buy(), e.quantity(), e.price());
                } else {
                    book.limit(e.order(), e.peer(), e.buy(), e.quantity(), e.price());
                }
            }
            case CANCEL -> {
                if (!book.cancel(e.order())) {
                    matches.reject(new Rejection(-1, -1, 0, 0, "cancel: order " + e.order() + " does not rest"));
                }
            }
            case MODIFY -> {
                if (!book.modify(e.order(), e.quantity(), e.price())) {
                    matches.reject(new Rejection(-1, -1, e.quantity(), e.price(), "modify: order " + e.order() + " does not rest"));
                }
            }
        }
    }
}
