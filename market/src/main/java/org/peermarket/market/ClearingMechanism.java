package org.peermarket.market;

/**
 * A market clearing mechanism: a pure function of its input, deterministic, without I/O.
 * Registered by name in {@link Mechanisms}.
 */
public interface ClearingMechanism {
    /** Registry key, {@code type/solver}, e.g. {@code p2p/central}. */
    String name();

    ClearingResult clear(MarketInput input);
}
