package org.peermarket.market;

import java.util.Optional;
import java.util.function.Supplier;
import org.peermarket.model.Scenario;

/**
 * What a mechanism clears: the scenario, its trading graph and the auction's acceptance filter as the pre-market
 * DSO phase shaped them (docs/dso-policies.md), what the DSO sets for a program cleared over the horizon
 * ({@link HorizonGrid}: its legs and line limits; empty without a DSO policy), and where to report progress. The
 * graph and filter are made on first use only, since each mechanism needs at most one of them.
 */
public record MarketProgram(Scenario scenario, Supplier<TradeGraph> graphs, Supplier<MatchFilter> filters,
                            ClearingProgress progress, Optional<HorizonGrid> grid) {
    public MarketProgram {
        graphs = once(graphs);
        filters = once(filters);
    }

    /** Without a DSO part in a horizon program. */
    public MarketProgram(Scenario scenario, Supplier<TradeGraph> graphs, Supplier<MatchFilter> filters,
                         ClearingProgress progress) {
        this(scenario, graphs, filters, progress, Optional.empty());
    }

    /** The scenario's own program: its trading graph, every match accepted, no progress. */
    public static MarketProgram of(Scenario s) {
        return new MarketProgram(s, () -> MarketInputs.graph(s), () -> MatchFilter.ACCEPT_ALL, ClearingProgress.NONE);
    }

    public TradeGraph graph() {
        return graphs.get();
    }

    public MatchFilter filter() {
        return filters.get();
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
