package org.peermarket.market.community;

import java.util.Optional;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.HorizonGrid;
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
        return clear(s, Optional.empty());
    }

    /** With the DSO's part: legs shaped, line limits inside (docs/combinations.md). */
    public HorizonResult clear(Scenario s, Optional<HorizonGrid> grid) {
        if (s.market().window() > 0 && s.market().window() < s.periods()) {
            return RollingHorizon.clear(s, w -> HorizonClearing.clear(new HorizonProgram(w, HorizonProgram.Mode.COMMUNITY,
                    null, grid)));
        }
        return HorizonClearing.clear(new HorizonProgram(s, HorizonProgram.Mode.COMMUNITY, null, grid));
    }
}
