package org.peermarket.model;

import java.util.Arrays;

/**
 * A number given once for every period or as a list with one value per period.
 * Immutable.
 */
public final class PeriodValues {
    private final double[] values;

    private PeriodValues(double[] values) {
        this.values = values;
    }

    public static PeriodValues constant(double value) {
        return new PeriodValues(new double[] {value});
    }

    public static PeriodValues of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("at least one value is needed");
        }
        return new PeriodValues(values.clone());
    }

    /** Value in period t (0-based); a constant applies to every period. */
    public double at(int t) {
        return values.length == 1 ? values[0] : values[t];
    }

    public boolean isConstant() {
        return values.length == 1;
    }

    public int size() {
        return values.length;
    }

    /** The values of periods from .. from + length - 1 (a constant stays itself). */
    public PeriodValues slice(int from, int length) {
        return isConstant() ? this : new PeriodValues(Arrays.copyOfRange(values, from, from + length));
    }

    public PeriodValues scaled(double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * factor;
        }
        return new PeriodValues(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeriodValues other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return values.length == 1 ? Double.toString(values[0]) : Arrays.toString(values);
    }
}
