package org.peermarket.study.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting for result files: 12 significant digits, no exponent, no negative zero. */
public final class Numbers {
    private static final MathContext DIGITS = new MathContext(12);

    private Numbers() {}

    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        String fast = scaled(v);
        if (fast != null) {
            return fast;
        }
        BigDecimal d = rounded(v).stripTrailingZeros();
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Powers of ten, all exact as doubles. */
    static final double[] TEN = new double[23];

    static {
        TEN[0] = 1;
        for (int i = 1; i < TEN.length; i++) {
            TEN[i] = TEN[i - 1] * 10;
        }
    }

    /**
     * The 12 digits as one long: |v| times a power of ten, rounded once. The product is off by at
     * most half an ulp (about 1e-5 at 1e11), so its rounding is the exact value's unless the
     * product is that close to a half: then, or outside 1e-6 to 1e15, null (the exact way decides).
     */
    private static String scaled(double v) {
        double a = Math.abs(v);
        if (!(a >= 1e-6 && a < 1e15)) {
            return null;
        }
        int e = (int) Math.floor(Math.log10(a)); // 10^e <= a < 10^(e+1), give or take one
        double x = times(a, 11 - e);
        if (x >= 1e12) {
            e++;
            x = times(a, 11 - e);
        } else if (x < 1e11) {
            e--;
            x = times(a, 11 - e);
        }
        double digits = Math.rint(x);
        if (Math.abs(x - digits) > 0.5 - 1e-3 || x < 1e11 || x >= 1e12) {
            return null;
        }
        long m = (long) digits;
        if (m == 1_000_000_000_000L) {
            m = 100_000_000_000L;
            e++;
        }
        return plain(v < 0, m, e);
    }

    private static double times(double a, int k) {
        return k >= 0 ? a * TEN[k] : a / TEN[-k];
    }

    /** m (12 digits) times 10^(e - 11) as plain text, trailing zeros of the fraction dropped. */
    private static String plain(boolean negative, long m, int e) {
        String d = Long.toString(m);
        int end = d.length();
        while (end > 1 && d.charAt(end - 1) == '0' && end > e + 1) {
            end--;
        }
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (e < 0) {
            out.append("0.");
            for (int i = -1; i > e; i--) {
                out.append('0');
            }
            out.append(d, 0, end);
        } else if (e >= 11) {
            out.append(d);
            for (int i = 11; i < e; i++) {
                out.append('0');
            }
        } else {
            out.append(d, 0, e + 1);
            if (end > e + 1) {
                out.append('.').append(d, e + 1, end);
            }
        }
        return out.toString();
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
    public static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(DIGITS).doubleValue() + 0.0;
    }

    /** {@code key: v} rounded as {@link #round}, or {@code key: null} when v is not finite. */
    public static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, round(v));
        } else {
            node.putNull(key);
        }
    }
}
