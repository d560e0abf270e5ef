package org.peermarket.model;

/**
 * Built-in synthetic profiles (docs/scenario-format.md, Profiles), one value per period of
 * {@code hours} hours, period 1 starting at midnight (solar time) of day {@code startDay}
 * (1..365; the year wraps after day 365). Each is sampled at the middle of its period. PV comes
 * from a clear-sky model; the load and price shapes are parametric curves chosen to look like
 * typical ones, not measured data.
 */
public final class Profiles {
    /** Haurwitz's clear-sky global horizontal irradiance at the zenith factor, W/m². */
    static final double HAURWITZ_A = 1098;
    static final double HAURWITZ_B = 0.057;
    /** The irradiance at which a PV array gives its peak (STC), W/m². */
    static final double STC = 1000;

    private Profiles() {}

    /** Solar declination in degrees on day n of the year (Cooper 1969). */
    public static double declination(int day) {
        return 23.45 * Math.sin(Math.toRadians(360.0 * (284 + day) / 365));
    }

    /** Solar elevation in degrees at a latitude, day of the year and solar hour (12 = noon). */
    public static double elevation(double latitude, int day, double hour) {
        double d = Math.toRadians(declination(day));
        double phi = Math.toRadians(latitude);
        double w = Math.toRadians(15 * (hour - 12));
        double s = Math.sin(phi) * Math.sin(d) + Math.cos(phi) * Math.cos(d) * Math.cos(w);
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, s))));
    }

    /** Clear-sky global horizontal irradiance (Haurwitz 1945), W/m²; 0 with the sun below the horizon. */
    public static double haurwitz(double elevationDegrees) {
        double cosZ = Math.sin(Math.toRadians(elevationDegrees));
        return cosZ <= 0 ? 0 : HAURWITZ_A * cosZ * Math.exp(-HAURWITZ_B / cosZ);
    }

    /** PV energy per period, kWh, of an array of {@code peakKw} on a horizontal plane under clear sky. */
    public static double[] pv(double peakKw, double latitude, int startDay, int periods, double hours) {
        double[] out = new double[periods];
        for (int t = 0; t < periods; t++) {
            double mid = (t + 0.5) * hours;
            out[t] = peakKw * haurwitz(elevation(latitude, day(startDay, mid), mid % 24)) / STC * hours;
        }
        return out;
    }

    /** Household load per period, kWh, scaled so that one year of 365 days uses {@code annualKwh}. */
    public static double[] residential(double annualKwh, int startDay, int periods, double hours) {
        return annual(Profiles::residentialShape, annualKwh, startDay, periods, hours);
    }

    /** Office-type load per period, kWh (weekdays 8 to 18 h; day 1 is a Monday), annualKwh over 365 days. */
    public static double[] commercial(double annualKwh, int startDay, int periods, double hours) {
        return annual(Profiles::commercialShape, annualKwh, startDay, periods, hours);
    }

    /**
     * A day-ahead price per period: {@code mean * (1 + dailySwing * d(hour) + seasonalSwing *
     * cos(2 pi (day - 15) / 365))}, d a zero-mean daily shape (morning and evening peaks, a
     * midday dip) scaled to a largest magnitude of 1. Over 365 whole days its mean is {@code mean}.
     */
    public static double[] dayAheadPrice(double mean, double dailySwing, double seasonalSwing, int startDay, int periods,
                                         double hours) {
        int perDay = (int) Math.round(24 / hours);
        double[] daily = new double[perDay];
        double sum = 0;
        for (int k = 0; k < perDay; k++) {
            double h = (k + 0.5) * hours;
            daily[k] = 0.5 * bump(h, 8, 2) + bump(h, 19, 2) - 0.6 * bump(h, 13, 2.5);
            sum += daily[k];
        }
        double max = 0;
        for (int k = 0; k < perDay; k++) {
            daily[k] -= sum / perDay;
            max = Math.max(max, Math.abs(daily[k]));
        }
        double[] out = new double[periods];
        for (int t = 0; t < periods; t++) {
            double mid = (t + 0.5) * hours;
            double d = daily[(int) Math.floor((mid % 24) / hours)] / max;
            out[t] = mean * (1 + dailySwing * d + seasonalSwing * seasonal(day(startDay, mid), 15));
        }
        return out;
    }

    /** Whether a period of {@code hours} divides a day, as the daily shapes need. */
    public static boolean dividesDay(double hours) {
        double perDay = 24 / hours;
        return Math.abs(perDay - Math.rint(perDay)) < 1e-9;
    }

    interface Shape {
        double at(int day, double hour);
    }

    private static double[] annual(Shape shape, double annualKwh, int startDay, int periods, double hours) {
        int perYear = (int) Math.round(365 * 24 / hours);
        double yearSum = 0;
        for (int t = 0; t < perYear; t++) {
            double mid = (t + 0.5) * hours;
            yearSum += shape.at(day(1, mid), mid % 24);
        }
        double[] out = new double[periods];
        for (int t = 0; t < periods; t++) {
            double mid = (t + 0.5) * hours;
            out[t] = annualKwh * shape.at(day(startDay, mid), mid % 24) / yearSum;
        }
        return out;
    }

    /** A base load, a morning and a larger evening peak; a quarter more in mid-January than on average. */
    static double residentialShape(int day, double hour) {
        double daily = 0.4 + 0.35 * bump(hour, 7.5, 1.5) + 0.6 * bump(hour, 19.5, 2);
        return daily * (1 + 0.25 * seasonal(day, 15));
    }

    /** Working hours 8 to 18 on weekdays over a 30% base; a tenth more in mid-July (cooling). */
    static double commercialShape(int day, double hour) {
        boolean weekday = (day - 1) % 7 < 5;
        double open = 1 / (1 + Math.exp(-(hour - 8) / 0.5)) - 1 / (1 + Math.exp(-(hour - 18) / 0.5));
        double daily = 0.3 + (weekday ? 0.7 * open : 0);
        return daily * (1 + 0.1 * seasonal(day, 196));
    }

    private static double bump(double hour, double centre, double width) {
        double d = hour - centre;
        return Math.exp(-d * d / (2 * width * width));
    }

    private static double seasonal(int day, int peakDay) {
        return Math.cos(2 * Math.PI * (day - peakDay) / 365);
    }

    /** The day of the year (1..365) at {@code hoursIn} hours after midnight of startDay. */
    static int day(int startDay, double hoursIn) {
        return Math.floorMod(startDay - 1 + (int) Math.floor(hoursIn / 24), 365) + 1;
    }
}
