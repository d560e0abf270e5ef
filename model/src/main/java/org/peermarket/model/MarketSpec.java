package org.peermarket.model;

/** Which clearing mechanism a scenario asks for: {@code market: {type, solver}}. */
public record MarketSpec(String type, String solver) {
    public static final MarketSpec DEFAULT = new MarketSpec("p2p", "central");
}
