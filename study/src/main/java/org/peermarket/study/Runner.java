package org.peermarket.study;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.ClearingMechanism;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.Mechanisms;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * Runs a scenario period by period. Each period goes through explicit phases: build the
 * market input, clear it with the registered mechanism, record the checked result. Periods are
 * independent for the full P2P market, so they clear one after another without shared state.
 */
public final class Runner {
    private Runner() {}

    /** The mechanism a scenario names, or a validation error naming market.type/market.solver. */
    public static ClearingMechanism mechanism(Scenario s) {
        return Mechanisms.lookup(s.market()).orElseThrow(() -> {
            String key = s.market().type() + "/" + s.market().solver();
            return new ValidationException(new Problem("market", "{type: " + s.market().type() + ", solver: "
                    + s.market().solver() + "}", "no such market mechanism '" + key + "'; available: " + Mechanisms.names()));
        });
    }

    public static RunResult run(Scenario s) {
        ClearingMechanism mechanism = mechanism(s);
        TradeGraph graph = MarketInputs.graph(s);
        List<ClearingResult> results = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            MarketInput input = MarketInputs.forPeriod(s, graph, t);
            results.add(mechanism.clear(input));
        }
        return new RunResult(s, mechanism.name(), graph.edges(), results);
    }
}
