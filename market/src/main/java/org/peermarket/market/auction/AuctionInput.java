package org.peermarket.market.auction;

import java.util.List;
import org.peermarket.market.MatchFilter;
import org.peermarket.model.AuctionSpec;

/**
 * One delivery period of an auction: the peers' ids, the order stream (processed by time,
 * ties in list order), the rules, the gate closure time (events later than it are rejected;
 * infinite for none) and the acceptance rule asked about every match.
 */
public record AuctionInput(List<String> ids, List<OrderEvent> events, AuctionSpec rules, double gate, MatchFilter filter) {

    public AuctionInput {
        ids = List.copyOf(ids);
        events = List.copyOf(events);
    }

    public AuctionInput(List<String> ids, List<OrderEvent> events, AuctionSpec rules) {
        this(ids, events, rules, Double.POSITIVE_INFINITY, MatchFilter.ACCEPT_ALL);
    }

    public int size() {
        return ids.size();
    }

    /** Events in processing order: by time, ties in list order. */
    List<OrderEvent> inTimeOrder() {
        return events.stream().sorted(java.util.Comparator.comparingDouble(OrderEvent::time)).toList();
    }
}
