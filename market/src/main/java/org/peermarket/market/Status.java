package org.peermarket.market;

/** Outcome of a clearing. Anything but OPTIMAL or CLEARED comes with a cause and no dispatch to trust. */
public enum Status {
    OPTIMAL,
    INFEASIBLE,
    UNBOUNDED,
    /** The solver stopped without a verified optimum (limits, numerical trouble). */
    NOT_SOLVED,
    /** An iterative negotiation hit its iteration limit before its residuals met the tolerances. */
    NOT_CONVERGED,
    /** An auction ran to its end: a result by its rules, not an optimum. */
    CLEARED;

    /** True when there is a result to report: an optimum or a cleared auction. */
    public boolean hasResult() {
        return this == OPTIMAL || this == CLEARED;
    }

    public String label() {
        return name().toLowerCase();
    }
}
