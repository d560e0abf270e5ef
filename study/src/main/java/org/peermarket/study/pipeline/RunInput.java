package org.peermarket.study.pipeline;

import java.util.Optional;
import org.peermarket.market.Mechanism;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * What every phase of a run reads: the scenario, its registered mechanism and its network (read once: the DSO,
 * the grid check and the LFM share it). Made before any phase, so bad input stops the run before any clearing.
 */
public record RunInput(Scenario scenario, Mechanism mechanism, Optional<GridStudy.Setup> grid) {
    public static RunInput of(Scenario s) {
        Mechanism mechanism = mechanism(s);
        Optional<GridStudy.Setup> grid = GridStudy.setup(s);
        Sequential.validate(s, grid);
        return new RunInput(s, mechanism, grid);
    }

    /** The mechanism a scenario names, or a validation error naming market.type/market.solver. */
    public static Mechanism mechanism(Scenario s) {
        return Mechanisms.lookup(s.market()).orElseThrow(() -> {
            String key = s.market().type() + "/" + s.market().solver();
            return new ValidationException(new Problem("market", "{type: " + s.market().type() + ", solver: "
                    + s.market().solver() + "}", "no such market mechanism '" + key + "'; available: " + Mechanisms.names()));
        });
    }
}
