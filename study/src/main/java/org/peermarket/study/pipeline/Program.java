package org.peermarket.study.pipeline;

import java.util.Optional;
import java.util.function.Supplier;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.TradeGraph;

/**
 * The program the mechanism clears, as the DSO phase shaped it: the trading graph (after block, incentive or
 * charge), the auction's acceptance filter (block), the line limits that go into each period's clearing
 * (constrained), and for a mechanism that clears the horizon as one program the DSO's part in it ({@link HorizonGrid}:
 * its legs and line rows; docs/combinations.md). Graph and filter are made when the clearing asks for them.
 */
public record Program(RunInput input, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter, Optional<LineLimits> limits,
                      Optional<HorizonGrid> horizon) {
    /** A program without a DSO part in a horizon program. */
    public Program(RunInput input, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter, Optional<LineLimits> limits) {
        this(input, graph, filter, limits, Optional.empty());
    }

    /** The scenario's own program: no DSO policy. */
    static Program plain(RunInput in) {
        return plain(in, () -> MarketInputs.graph(in.scenario()));
    }

    /** No DSO policy, on a trading graph given as a typed input. */
    static Program plain(RunInput in, Supplier<TradeGraph> graph) {
        return given(in, graph, () -> MatchFilter.ACCEPT_ALL);
    }

    /** A program whose graph and filter are given (the live book's), no DSO policy. */
    static Program given(RunInput in, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter) {
        return new Program(in, graph, filter, Optional.empty());
    }

    /** True when the line limits go into the clearing. */
    public boolean lineLimits() {
        return limits.isPresent();
    }

    /** The same program with the auction's acceptance given instead (tests of the hook). */
    Program withFilter(MatchFilter f) {
        return new Program(input, graph, () -> f, limits, horizon);
    }
}
