package org.peermarket.study.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast number format against rounding each double's exact binary value (the old way). */
class NumbersTest {
    private static String exact(double v) {
        if (v == 0) {
            return "0";
        }
        String s = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    @Test
    void formatsAsTheExactValueRoundedTo12Digits() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble(-1e4, 1e4);
                case 1 -> Math.round(r.nextDouble(-1e6, 1e6) * 1e6) / 1e6;
                // 13 significant digits ending in 5: a tie in decimal, not in binary
                case 2 -> (r.nextLong(1_000_000_000_000L, 9_999_999_999_999L) / 10 * 10 + 5) / 1e13 * Math.pow(10, r.nextInt(-6, 6));
                default -> Double.longBitsToDouble(r.nextLong(0x3C00000000000000L, 0x4300000000000000L));
            };
            assertThat(Numbers.format(v)).as(Double.toString(v)).isEqualTo(exact(v));
        }
        for (int k = -8; k <= 16; k++) { // around every power of ten, and at the ends of the fast range
            double p = Math.pow(10, k);
            for (double v : new double[] {p, Math.nextUp(p), Math.nextDown(p), p * 9.9999999999995, p * 0.99999999999949,
                p * 1.23456789012345, -p * 5.0000000000005}) {
                assertThat(Numbers.format(v)).as(Double.toString(v)).isEqualTo(exact(v));
            }
        }
        assertThat(Numbers.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Numbers.format(123456789012345.0)).isEqualTo("123456789012000");
        assertThat(Numbers.format(-0.000123)).isEqualTo("-0.000123");
        assertThat(Numbers.format(100.0)).isEqualTo("100");
        assertThat(Numbers.format(-1e-300)).isEqualTo(exact(-1e-300));
    }
}
