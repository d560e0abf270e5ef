package org.peermarket.market;

import org.peermarket.model.Scenario;

/**
 * The community-based market of markets.md §2, every period of the horizon in one program
 * (storage couples periods, §4): each community manager clears its members' pool at price
 * lambda_c and trades the rest with the outside at pi_imp / pi_exp within the caps. Registered
 * as {@code community/central}.
 */
public final class CommunityMarket implements HorizonMechanism {
    @Override
    public String name() {
        return "community/central";
    }

    @Override
    public HorizonResult clear(Scenario s) {
        return HorizonClearing.clear(s, HorizonProgram.Mode.COMMUNITY, name());
    }
}
