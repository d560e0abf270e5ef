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
        BigDecimal d = new BigDecimal(v).round(DIGITS).stripTrailingZeros();
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Rounds to 12 significant digits, as written. */
    static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(DIGITS).doubleValue() + 0.0;
    }
}
