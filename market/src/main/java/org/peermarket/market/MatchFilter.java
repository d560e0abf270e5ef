package org.peermarket.market;

/**
 * Grid-aware acceptance (markets.md section 5, the Elecbay idea): asked about every candidate
 * match before it is made. Returns null to accept, or the reason for refusing; a refused match
 * is not made and is reported with that reason. Must be a pure function of its arguments.
 * Live once a grid and a DSO policy exist; until then every market runs with {@link #ACCEPT_ALL}.
 */
@FunctionalInterface
public interface MatchFilter {
    MatchFilter ACCEPT_ALL = (seller, buyer, quantity) -> null;

    /** Null to accept seller selling quantity (kWh) to buyer, else why not. */
    String refusal(int seller, int buyer, double quantity);
}
