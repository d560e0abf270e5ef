package org.peermarket.market;

import java.util.List;

/**
 * An auction's clearing of one period. {@code result} holds the net injections, the price each
 * peer traded at and the matches as trades (status CLEARED; objective = minus the declared
 * welfare, the gains from trade at the orders' limit prices). {@code clearingPrice} is the
 * uniform price (NaN when the pricing has none or nothing traded); {@code auctioneerSurplus}
 * is what buyers paid beyond what sellers received (McAfee's trade reduction).
 */
public record AuctionResult(ClearingResult result, double clearingPrice, double auctioneerSurplus, List<Rejection> rejected) {

    public AuctionResult {
        rejected = List.copyOf(rejected);
    }
}
