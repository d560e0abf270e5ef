package org.peermarket.model;

/**
 * Which clearing mechanism a scenario asks for: {@code market: {type, solver}}, plus the options
 * of the ADMM solver (empty for every other solver).
 */
public record MarketSpec(String type, String solver, AdmmOptions admm) {
    public static final MarketSpec DEFAULT = new MarketSpec("p2p", "central");

    public MarketSpec(String type, String solver) {
        this(type, solver, AdmmOptions.DEFAULTS);
    }
}
