package org.peermarket.model;

/**
 * Which clearing mechanism a scenario asks for: {@code market: {type, solver, ...}}.
 * {@code auction} holds the auction options ({@link AuctionSpec#DEFAULT} for other types) and
 * {@code admm} the options of the ADMM solver ({@link AdmmOptions#DEFAULTS} for other solvers).
 */
public record MarketSpec(String type, String solver, AuctionSpec auction, AdmmOptions admm) {
    public static final MarketSpec DEFAULT = new MarketSpec("p2p", "central");

    public MarketSpec(String type, String solver) {
        this(type, solver, AuctionSpec.DEFAULT, AdmmOptions.DEFAULTS);
    }

    public MarketSpec(String type, String solver, AuctionSpec auction) {
        this(type, solver, auction, AdmmOptions.DEFAULTS);
    }

    public MarketSpec(String type, String solver, AdmmOptions admm) {
        this(type, solver, AuctionSpec.DEFAULT, admm);
    }

    /** True for the order-based markets: a periodic double auction or a continuous one. */
    public boolean isAuction() {
        return type.equals("auction") || type.equals("cda");
    }
}
