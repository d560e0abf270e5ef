package org.peermarket.market;

import org.peermarket.model.Scenario;

/**
 * A mechanism that clears a scenario's whole horizon at once: the community and hybrid markets
 * (markets.md §2, §3) and any market with storage, whose periods are coupled (§4). A pure
 * function of the scenario, deterministic, without I/O. Registered in {@link Mechanisms}.
 */
public interface HorizonMechanism {
    /** Registry key, {@code type/solver}. */
    String name();

    HorizonResult clear(Scenario scenario);
}
