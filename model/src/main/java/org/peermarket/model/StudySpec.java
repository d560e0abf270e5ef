package org.peermarket.model;

import java.util.List;
import java.util.Optional;

/**
 * The scenario's {@code study} and {@code flexibility} keys (docs/flexibility-market.md): the steps run in order
 * ({@code [p2p]} by default, or {@code [p2p, lfm]}, or {@code [lfm]}), whether the LFM is balance-neutral, whether
 * what a peer wanted and did not get enters the LFM as a bid, and the flexibility bids (MW and currency per MWh,
 * like the grid). {@code draw}: a generated study (the built-in euniversal-case69) instead of listed peers and bids;
 * {@code sweep}: the grid of feeders and policies a Monte Carlo sweep runs on each draw.
 */
public record StudySpec(List<String> steps, boolean balanceNeutral, boolean unmetAsBids, List<Bid> bids,
                        Optional<Draw> draw, Optional<SweepGrid> sweep) {
    public StudySpec(List<String> steps, boolean balanceNeutral, boolean unmetAsBids, List<Bid> bids,
                     Optional<Draw> draw) {
        this(steps, balanceNeutral, unmetAsBids, bids, draw, Optional.empty());
    }

    public StudySpec {
        steps = List.copyOf(steps);
        bids = List.copyOf(bids);
    }

    /** A flexibility bid at a bus number; {@code peer}: the peer whose flexibility it is (may be null). */
    public record Bid(String id, int bus, String direction, double quantityMw, double price, boolean indivisible,
                      String peer) {}

    /**
     * A generated seed-003 study: the random draw's seed, its size and the scenarios to run (docs/euniversal-study.md).
     */
    public record Draw(long seed, int bids, int buses, int peers, List<String> scenarios, double heavyFactor,
                       double buyerValue) implements java.io.Serializable {
        public Draw {
            scenarios = List.copyOf(scenarios);
        }
    }

    public boolean runsLfm() {
        return steps.contains("lfm");
    }

    public boolean runsP2p() {
        return steps.contains("p2p");
    }
}
