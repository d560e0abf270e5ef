package org.peermarket.study.pipeline;

import java.util.function.Supplier;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.TradeGraph;

/**
 * The program the mechanism clears, as the DSO phase shaped it: the trading graph (after block, incentive or
 * charge), the auction's acceptance filter (block), and whether line limits go into the clearing (constrained).
 * Graph and filter are made when the clearing asks for them.
 */
public record Program(RunInput input, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter, boolean lineLimits) {
    /** The scenario's own program: no DSO policy. */
    static Program plain(RunInput in) {
        return plain(in, () -> MarketInputs.graph(in.scenario()));
    }

    /** No DSO policy, on a trading graph given as a typed input. */
    static Program plain(RunInput in, Supplier<TradeGraph> graph) {
        return new Program(in, graph, () -> MatchFilter.ACCEPT_ALL, false);
    }

    /** The same program with the auction's acceptance given instead (tests of the hook). */
    Program withFilter(MatchFilter f) {
        return new Program(input, graph, () -> f, lineLimits);
    }
}
