package org.peermarket.study;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting for result files: 12 significant digits, no exponent, no negative zero. */
final class Numbers {
    private static final MathContext DIGITS = new MathContext(12);

    private Numbers() {}

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = rounded(v).stripTrailingZeros();
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * v's exact binary value rounded to 12 significant digits. The shortest decimal that reads
     * back as v lies within half an ulp of it, so rounding that short text gives the same digits
     * unless it has exactly 13 (it may then sit on a rounding tie): only then is the slow exact
     * expansion needed. A year's results write millions of numbers.
     */
    private static BigDecimal rounded(double v) {
        BigDecimal shortest = BigDecimal.valueOf(v);
        int digits = shortest.precision();
        if (digits <= 12) {
            return shortest;
        }
        return digits == 13 ? new BigDecimal(v).round(DIGITS) : shortest.round(DIGITS);
    }

    /** Rounds to 12 significant digits, as written. */
    static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(DIGITS).doubleValue() + 0.0;
    }
}
