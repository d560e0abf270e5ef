package org.peermarket.model;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Options of the distributed (consensus ADMM) clearing, {@code market: {solver: admm, ...}}, in
 * kWh and currency per kWh like everything inside the engine. An absent option takes a default
 * scaled to the market it clears (docs/admm.md), so it is kept empty here.
 */
public record AdmmOptions(
        OptionalDouble rho,
        OptionalDouble primalTolerance,
        OptionalDouble dualTolerance,
        OptionalInt maxIterations,
        Optional<Boolean> adaptiveRho,
        OptionalDouble relaxation) {

    public static final AdmmOptions DEFAULTS =
            new AdmmOptions(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(),
                    Optional.empty(), OptionalDouble.empty());
}
