package org.peermarket.market;

import org.peermarket.model.Scenario;

/**
 * The full P2P market of markets.md §1 over a horizon coupled by storage (§4): one program
 * over every period's trades, dispatch and storage schedule. The runner uses it for
 * {@code p2p/central} when a peer has storage; without storage periods clear one by one.
 */
public final class HorizonP2P implements HorizonMechanism {
    @Override
    public String name() {
        return "p2p/central";
    }

    @Override
    public HorizonResult clear(Scenario s) {
        return HorizonClearing.clear(s, HorizonProgram.Mode.P2P, name());
    }
}
