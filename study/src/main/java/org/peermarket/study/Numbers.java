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
        String shortest = Double.toString(v);
        if (plainWithFewDigits(shortest)) {
            return withoutTrailingZeros(shortest); // what the BigDecimal path gives, without building one
        }
        BigDecimal d = rounded(v).stripTrailingZeros();
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** No exponent and at most 12 digits from the first non-zero one (BigDecimal's precision of the text). */
    private static boolean plainWithFewDigits(String s) {
        int digits = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'E') {
                return false;
            }
            if (c >= '0' && c <= '9') {
                leading &= c == '0';
                if (!leading) {
                    digits++;
                }
            }
        }
        return digits <= 12;
    }

    /** "100.0" as "100", "0.0020" as "0.002" (Double.toString always has a fraction). */
    private static String withoutTrailingZeros(String s) {
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
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
