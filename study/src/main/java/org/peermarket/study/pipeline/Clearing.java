package org.peermarket.study.pipeline;

import java.util.List;
import org.peermarket.market.Cleared;
import org.peermarket.study.StudyResults;

/** The clearing phase's output: the mechanism's result and, with line limits inside, each period's congestion. */
public record Clearing(RunInput input, Cleared cleared, List<StudyResults.Congestion> congestion) {
    public Clearing {
        congestion = List.copyOf(congestion);
    }
}
