package org.peermarket.market;

/**
 * A clearing mechanism of orders rather than costs: a pure, deterministic function of one
 * period's order stream. Registered by name in {@link Mechanisms}, like {@link ClearingMechanism}.
 */
public interface OrderMechanism {
    /** Registry key, {@code type/solver}, e.g. {@code auction/uniform}. */
    String name();

    AuctionResult clear(AuctionInput input);
}
