package org.peermarket.market.registry;

import java.util.function.Function;
import org.peermarket.market.Cleared;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.MarketProgram;
import org.peermarket.market.Mechanism;
import org.peermarket.model.Scenario;

/**
 * A mechanism that clears the scenario's whole horizon as one program: the community and hybrid markets
 * (markets.md §2, §3), heat markets and the P2P market with storage (§4), whose periods are coupled.
 */
public final class WholeHorizon implements Mechanism {
    private final String name;
    private final Function<MarketProgram, HorizonResult> horizon;

    /** {@code horizon} clears the program: its scenario, and for designs that take them its graph and DSO part. */
    WholeHorizon(String name, Function<MarketProgram, HorizonResult> horizon) {
        this.name = name;
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean couplesPeriods(Scenario s) {
        return true;
    }

    @Override
    public Cleared clear(MarketProgram program) {
        Scenario s = program.scenario();
        HorizonResult h = horizon.apply(program);
        for (int t = 1; t <= s.periods(); t++) {
            program.progress().periodDone(t, s.periods());
        }
        return Cleared.ofHorizon(name, h);
    }
}
