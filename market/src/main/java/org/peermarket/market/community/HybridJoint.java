package org.peermarket.market.community;

import java.util.Optional;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.HorizonGrid;
import org.peermarket.model.Scenario;

/**
 * The hybrid ("Russian doll") market of markets.md §3 cleared exactly: one program over the
 * whole community tree and horizon. Registered as {@code hybrid/joint}.
 */
public final class HybridJoint {
    public String name() {
        return "hybrid/joint";
    }

    public HorizonResult clear(Scenario s) {
        return clear(s, Optional.empty());
    }

    /** With the DSO's part: root trades and legs shaped, line limits inside (docs/combinations.md). */
    public HorizonResult clear(Scenario s, Optional<HorizonGrid> grid) {
        return HorizonClearing.clear(new HorizonProgram(s, HorizonProgram.Mode.HYBRID, null, grid));
    }
}
