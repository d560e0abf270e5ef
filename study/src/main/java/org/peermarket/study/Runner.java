package org.peermarket.study;

import java.util.List;
import java.util.stream.IntStream;
import org.peermarket.market.ClearingMechanism;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.Mechanisms;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * Runs a scenario period by period. Each period goes through explicit phases: build the
 * market input, clear it with the registered mechanism, record the checked result. Periods are
 * independent for the full P2P market (no storage yet), so they share no state.
 */
public final class Runner {
    private Runner() {}

    /** The mechanism a scenario names, or a validation error naming market.type/market.solver. */
    public static ClearingMechanism mechanism(Scenario s) {
        return Mechanisms.lookup(s.market().type(), s.market().solver()).orElseThrow(() -> {
            String key = s.market().type() + "/" + s.market().solver();
            return new ValidationException(new Problem("market", "{type: " + s.market().type() + ", solver: "
                    + s.market().solver() + "}", "no such market mechanism '" + key + "'; available: " + Mechanisms.names()));
        });
    }

    /**
     * Clears every period. Periods share nothing, so they clear in parallel on the common pool;
     * each result depends only on its own input, so the outcome is the same as one by one.
     */
    public static RunResult run(Scenario s) {
        ClearingMechanism mechanism = mechanism(s);
        TradeGraph graph = MarketInputs.graph(s);
        List<ClearingResult> results = IntStream.range(0, s.periods()).parallel()
                .mapToObj(t -> mechanism.clear(MarketInputs.forPeriod(s, graph, t)))
                .toList();
        return new RunResult(s, mechanism.name(), graph.edges(), results);
    }

}
