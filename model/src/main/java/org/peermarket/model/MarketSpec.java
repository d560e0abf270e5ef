package org.peermarket.model;

/**
 * Which clearing mechanism a scenario asks for: {@code market: {type, solver, ...}}.
 * {@code auction} holds the auction options ({@link AuctionSpec#DEFAULT} for other types) and
 * {@code admm} the options of the ADMM solver ({@link AdmmOptions#DEFAULTS} for other solvers);
 * {@code window} the length of a community market's rolling windows, 0 for one program.
 */
public record MarketSpec(String type, String solver, AuctionSpec auction, AdmmOptions admm, int window) {
    public static final MarketSpec DEFAULT = new MarketSpec("p2p", "central");

    /** A market cleared as one program over the horizon (no rolling {@code window}). */
    public MarketSpec(String type, String solver, AuctionSpec auction, AdmmOptions admm) {
        this(type, solver, auction, admm, 0);
    }

    /** The same market cleared in windows of {@code periods} (0: one program; docs/storage.md, Rolling horizon). */
    public MarketSpec withWindow(int periods) {
        return new MarketSpec(type, solver, auction, admm, periods);
    }

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
