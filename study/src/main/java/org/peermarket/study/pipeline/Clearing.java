package org.peermarket.study.pipeline;

import java.util.List;
import org.peermarket.market.Cleared;
import org.peermarket.market.dso.ConstrainedP2P;

/**
 * The clearing phase's output: the mechanism's result and, with line limits inside, each period's congestion and
 * each period's constrained result (flows after, line duals, congestion components).
 */
public record Clearing(RunInput input, Cleared cleared, List<StudyResults.Congestion> congestion,
                       List<ConstrainedP2P.Result> constrained) {
    public Clearing {
        congestion = List.copyOf(congestion);
        constrained = List.copyOf(constrained);
    }

    /** A clearing without line limits. */
    public Clearing(RunInput input, Cleared cleared) {
        this(input, cleared, List.of(), List.of());
    }
}
