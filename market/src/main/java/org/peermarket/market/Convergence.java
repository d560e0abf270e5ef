package org.peermarket.market;

import java.util.Arrays;

/**
 * How a negotiation converged, in kWh and currency per kWh: the residuals reached, the largest
 * reciprocity violation, the messages exchanged, and the trace with one entry per iteration
 * (primal residual, dual residual and the rho that iteration used).
 */
public final class Convergence {
    private final double primalResidual;
    private final double primalMax;
    private final double dualResidual;
    private final long messages;
    private final double[] primalTrace;
    private final double[] dualTrace;
    private final double[] rhoTrace;

    public Convergence(double primalResidual, double primalMax, double dualResidual, long messages,
                       double[] primalTrace, double[] dualTrace, double[] rhoTrace) {
        if (primalTrace.length != dualTrace.length || primalTrace.length != rhoTrace.length) {
            throw new IllegalArgumentException("trace arrays differ in length");
        }
        this.primalResidual = primalResidual;
        this.primalMax = primalMax;
        this.dualResidual = dualResidual;
        this.messages = messages;
        this.primalTrace = primalTrace.clone();
        this.dualTrace = dualTrace.clone();
        this.rhoTrace = rhoTrace.clone();
    }

    /** Before any iteration (the market was diagnosed infeasible, say). */
    public static Convergence none() {
        return new Convergence(Double.NaN, Double.NaN, Double.NaN, 0, new double[0], new double[0], new double[0]);
    }

    /** ||P + P^T|| over pairs (2-norm), kWh. */
    public double primalResidual() {
        return primalResidual;
    }

    /** max over pairs |P_nm + P_mn|, kWh. */
    public double primalMax() {
        return primalMax;
    }

    /** rho ||z^k - z^(k-1)|| over pairs (2-norm), currency per kWh. */
    public double dualResidual() {
        return dualResidual;
    }

    public long messages() {
        return messages;
    }

    public int traceLength() {
        return primalTrace.length;
    }

    public double primalAt(int k) {
        return primalTrace[k];
    }

    public double dualAt(int k) {
        return dualTrace[k];
    }

    public double rhoAt(int k) {
        return rhoTrace[k];
    }

    @Override
    public String toString() {
        return "Convergence[primal=" + primalResidual + ", dual=" + dualResidual + ", messages=" + messages
                + ", trace=" + Arrays.toString(Arrays.copyOf(primalTrace, Math.min(3, primalTrace.length))) + "...]";
    }
}
