package org.peermarket.market;

import org.peermarket.model.Scenario;

/**
 * A market clearing mechanism (markets.md §1 to §5): a pure, deterministic function of a market program over the
 * scenario's horizon, without I/O. Registered by {@code type/solver} in {@code registry.Mechanisms}. A mechanism whose
 * periods are independent is one over independent periods ({@code PeriodByPeriod}, {@code PeriodAuctions}); one
 * whose periods are coupled (communities, hybrid trees, storage, heat: §2 to §4) clears the horizon as one
 * program ({@code WholeHorizon}).
 */
public interface Mechanism {
    /** Registry key, {@code type/solver}, e.g. {@code p2p/central}. */
    String name();

    Cleared clear(MarketProgram program);

    /** The scenario's own program: its trading graph, every match accepted, no progress shown. */
    default Cleared clear(Scenario s) {
        return clear(MarketProgram.of(s));
    }

    /** True when this scenario's periods clear as one program (markets.md §4), not one by one. */
    boolean couplesPeriods(Scenario s);

    /** True when progress counts negotiation iterations (ADMM) rather than periods. */
    default boolean negotiates() {
        return false;
    }
}
