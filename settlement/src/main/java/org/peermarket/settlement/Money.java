package org.peermarket.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts in cents (hundredths of the scenario's currency), rounded half-even from doubles. */
public final class Money {
    /** Below this, amount * 100 and its nearest integer are exact enough in a double (2^53 / 100 with room). */
    private static final double FAST_LIMIT = 1e12;

    private Money() {}

    /**
     * The amount in cents, rounded half-even at the boundary (the only place doubles become money).
     * An amount that is not finite, or whose cents do not fit a long, throws: never a silent wrap.
     */
    public static long cents(double amount) {
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("amount must be finite: " + amount);
        }
        if (Math.abs(amount) < FAST_LIMIT) {
            double c = Math.rint(amount * 100);
            // amount * 100 - c with one rounding: off by far less than the margin, so only near-ties go the slow way
            if (Math.abs(Math.fma(amount, 100, -c)) < 0.5 - 1e-9) {
                return (long) c;
            }
        }
        java.math.BigInteger cents = new BigDecimal(amount).setScale(2, RoundingMode.HALF_EVEN).unscaledValue();
        if (cents.bitLength() > 63) {
            throw new ArithmeticException("amount " + amount + " is beyond whole cents in a long (at most "
                    + format(Long.MAX_VALUE) + ")");
        }
        return cents.longValue();
    }

    /**
     * {@code cents} split in proportion to the (positive-sum) weights, in whole cents that sum
     * exactly to it: each share rounded down, then the cents left over to the largest remainders,
     * ties to the earlier share.
     */
    static long[] split(long cents, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        long[] out = new long[weights.length];
        double[] rest = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double ideal = cents * weights[i] / total;
            out[i] = (long) Math.floor(ideal);
            rest[i] = ideal - out[i];
            given += out[i];
        }
        for (long left = cents - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < rest.length; i++) {
                if (rest[i] > rest[best]) {
                    best = i;
                }
            }
            out[best]++;
            rest[best] = -1;
        }
        return out;
    }

    /** Cents written as currency with two decimals, e.g. -1234 as "-12.34". */
    public static String format(long cents) {
        if (cents == Long.MIN_VALUE) {
            return BigDecimal.valueOf(cents, 2).toPlainString();
        }
        long a = Math.abs(cents);
        long rest = a % 100;
        return (cents < 0 ? "-" : "") + a / 100 + (rest < 10 ? ".0" : ".") + rest;
    }
}
