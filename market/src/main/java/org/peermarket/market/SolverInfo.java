package org.peermarket.market;

import java.util.Optional;

/**
 * Which solver ran, how many iterations it took and how long, and whether it was polished; for
 * a negotiation (ADMM) also its residuals, messages and per-iteration trace.
 */
public record SolverInfo(String name, long iterations, double seconds, boolean polished, Convergence convergence) {

    /** A solver that does not negotiate: no convergence record. */
    public SolverInfo(String name, long iterations, double seconds, boolean polished) {
        this(name, iterations, seconds, polished, null);
    }

    public Optional<Convergence> negotiation() {
        return Optional.ofNullable(convergence);
    }
}
