package org.peermarket.study;

import org.peermarket.market.MatchFilter;
import org.peermarket.market.Mechanism;
import org.peermarket.model.Scenario;
import org.peermarket.study.pipeline.Pipeline;
import org.peermarket.study.pipeline.RunInput;
import org.peermarket.study.pipeline.RunResult;

/**
 * Runs a scenario: the phases its keys name ({@link Pipeline}, docs/pipeline.md), from the DSO's pre-market
 * policy through the clearing by the registered mechanism to the grid check, the LFM and the explicit service.
 */
public final class Runner {
    private Runner() {}

    /** The mechanism a scenario names, or a validation error naming market.type/market.solver. */
    public static Mechanism mechanism(Scenario s) {
        return RunInput.mechanism(s);
    }

    public static RunResult run(Scenario s) {
        return Pipeline.of(s).run();
    }

    /**
     * Runs an auction scenario with every match offered to {@code filter} (the grid-aware acceptance hook)
     * instead of the DSO's.
     */
    public static RunResult runAuction(Scenario s, MatchFilter filter) {
        return Pipeline.of(s).runWith(filter);
    }
}
