package org.peermarket.market;

/** Outcome of a clearing. Anything but OPTIMAL comes with a cause and no dispatch to trust. */
public enum Status {
    OPTIMAL,
    INFEASIBLE,
    UNBOUNDED,
    /** The solver stopped without a verified optimum (limits, numerical trouble). */
    NOT_SOLVED,
    /** An iterative negotiation hit its iteration limit before its residuals met the tolerances. */
    NOT_CONVERGED;

    public String label() {
        return name().toLowerCase();
    }
}
