package org.peermarket.grid;

/**
 * One branch of a MATPOWER case: r, x, b in p.u. on the case's base MVA, ratings in MVA, tap as MATPOWER
 * writes it (0 means a line, ratio 1), phase shift in degrees.
 */
public record Branch(int from, int to, double r, double x, double b, double rateA, double rateB, double rateC,
                     double tap, double shiftDeg, int status, double angMin, double angMax) {
    public boolean inService() {
        return status > 0;
    }

    /** The off-nominal turns ratio: MATPOWER reads a tap of 0 as 1. */
    public double ratio() {
        return tap == 0 ? 1 : tap;
    }

    Branch withImpedance(double newR, double newX) {
        return new Branch(from, to, newR, newX, b, rateA, rateB, rateC, tap, shiftDeg, status, angMin, angMax);
    }
}
