package org.peermarket.market.community;

import java.util.Optional;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Scenario;

/**
 * The full P2P market of markets.md §1 over a horizon coupled by storage (§4): one program
 * over every period's trades, dispatch and storage schedule. The registered mechanism
 * {@code p2p/central} uses it when a peer has storage; without storage periods clear one by one.
 */
public final class HorizonP2P {
    public String name() {
        return "p2p/central";
    }

    public HorizonResult clear(Scenario s) {
        return clear(s, MarketInputs.graph(s), Optional.empty());
    }

    /** Over {@code graph} as the DSO phase shaped it, with the DSO's line limits (docs/combinations.md). */
    public HorizonResult clear(Scenario s, TradeGraph graph, Optional<HorizonGrid> grid) {
        return HorizonClearing.clear(new HorizonProgram(s, HorizonProgram.Mode.P2P, graph, grid));
    }
}
