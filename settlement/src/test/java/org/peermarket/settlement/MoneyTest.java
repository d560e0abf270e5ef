package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cents and their text against BigDecimal's exact half-even rounding of each double's binary value. */
class MoneyTest {
    private static long exactCents(double amount) {
        return new BigDecimal(amount).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    @Test
    void centsAreTheExactValueRoundedHalfEven() {
        SplittableRandom r = new SplittableRandom(23);
        for (int i = 0; i < 400_000; i++) {
            double v = switch (i % 5) {
                case 0 -> r.nextDouble(-1e4, 1e4);
                case 1 -> r.nextDouble(-1e13, 1e13); // beyond the fast range too
                // half a cent in decimal: in binary just above, below or exactly on the tie
                case 2 -> (r.nextLong(-1_000_000_000L, 1_000_000_000L) * 10 + 5) / 1000.0;
                case 3 -> (r.nextLong(-1_000_000L, 1_000_000L) + 0.5) / 100 * (r.nextBoolean() ? 1 : Math.pow(2, r.nextInt(-3, 4)));
                default -> Math.nextAfter((r.nextLong(-100_000, 100_000) + 0.5) / 100, r.nextBoolean() ? 1e9 : -1e9);
            };
            assertThat(Money.cents(v)).as(Double.toString(v)).isEqualTo(exactCents(v));
        }
        assertThat(Money.cents(0.125)).isEqualTo(12); // an exact binary tie goes to the even cent
        assertThat(Money.cents(0.375)).isEqualTo(38);
        assertThat(Money.cents(-0.125)).isEqualTo(-12);
        assertThat(Money.cents(2.675)).isEqualTo(267); // 2.67499999... in binary
        assertThat(Money.cents(1.005)).isEqualTo(100);
        assertThatThrownBy(() -> Money.cents(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.cents(1e300)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void formatIsBigDecimalsPlainTextWithTwoDecimals() {
        SplittableRandom r = new SplittableRandom(5);
        long[] edges = {0, 1, -1, 9, -9, 10, 99, -99, 100, -100, 101, 12_345, -12_345, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1};
        for (long c : edges) {
            assertThat(Money.format(c)).isEqualTo(BigDecimal.valueOf(c, 2).toPlainString());
        }
        for (int i = 0; i < 100_000; i++) {
            long c = i % 2 == 0 ? r.nextLong(-100_000, 100_000) : r.nextLong();
            assertThat(Money.format(c)).isEqualTo(BigDecimal.valueOf(c, 2).toPlainString());
        }
        assertThat(Money.format(-5)).isEqualTo("-0.05");
        assertThat(Money.format(-1234)).isEqualTo("-12.34");
    }
}
