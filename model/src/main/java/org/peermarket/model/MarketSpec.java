package org.peermarket.model;

/**
 * Which clearing mechanism a scenario asks for: {@code market: {type, solver, ...}}.
 * {@code auction} holds the auction options; it is {@link AuctionSpec#DEFAULT} for other types.
 */
public record MarketSpec(String type, String solver, AuctionSpec auction) {
    public static final MarketSpec DEFAULT = new MarketSpec("p2p", "central");

    public MarketSpec(String type, String solver) {
        this(type, solver, AuctionSpec.DEFAULT);
    }

    /** True for the order-based markets: a periodic double auction or a continuous one. */
    public boolean isAuction() {
        return type.equals("auction") || type.equals("cda");
    }
}
