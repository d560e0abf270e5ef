package org.peermarket.market.community;

import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/**
 * The community-based market of markets.md §2, every period of the horizon in one program
 * (storage couples periods, §4): each community manager clears its members' pool at price
 * lambda_c and trades the rest with the outside at pi_imp / pi_exp within the caps. Registered
 * as {@code community/central}. With {@code market.window} the horizon is cleared in windows
 * instead ({@link RollingHorizon}).
 */
public final class CommunityMarket {
    public String name() {
        return "community/central";
    }

    public HorizonResult clear(Scenario s) {
        if (s.market().window() > 0 && s.market().window() < s.periods()) {
            return RollingHorizon.clear(s, w -> HorizonClearing.clear(w, HorizonProgram.Mode.COMMUNITY, name()));
        }
        return HorizonClearing.clear(s, HorizonProgram.Mode.COMMUNITY, name());
    }
}
