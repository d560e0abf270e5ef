package org.peermarket.market.community;

import org.peermarket.market.HorizonResult;
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
        return HorizonClearing.clear(s, HorizonProgram.Mode.HYBRID, name());
    }
}
