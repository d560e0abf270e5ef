package org.peermarket.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One meter reading of the market data hub, shaped after the UMEI MeterReading (docs/platform.md#meter-readings):
 * the metering point (a participant), the market and its delivery period (the interval), the energy injected and
 * withdrawn in it (kWh, both >= 0) and the quality ({@code measured} or {@code estimated}).
 */
public record MeterReading(String participant, String market, int period, long startAt, long endAt, double injection,
                           double withdrawal, String quality) {

    public static final String MEASURED = "measured";
    public static final String ESTIMATED = "estimated";

    /** Net injection, the sign of markets.md section 0 (> 0 produces). */
    public double net() {
        return injection - withdrawal;
    }

    /** The same interval (participant, market, period): one reading each. */
    boolean sameInterval(MeterReading o) {
        return participant.equals(o.participant) && market.equals(o.market) && period == o.period;
    }

    boolean sameValue(MeterReading o) {
        return injection == o.injection && withdrawal == o.withdrawal && quality.equals(o.quality);
    }

    /** The correction rule: only a measured reading replaces an estimated one. */
    boolean corrects(MeterReading stored) {
        return stored.quality.equals(ESTIMATED) && quality.equals(MEASURED);
    }

    /** Names the interval in errors: {@code p1 in day/3 (2026-01-01T13:00:00Z to 2026-01-01T14:00:00Z)}. */
    String interval() {
        return participant + " in " + market + "/" + period + " (" + java.time.Instant.ofEpochSecond(startAt) + " to "
                + java.time.Instant.ofEpochSecond(endAt) + ")";
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meteringPoint", participant);
        m.put("market", market);
        m.put("period", period);
        m.put("from", java.time.Instant.ofEpochSecond(startAt).toString());
        m.put("to", java.time.Instant.ofEpochSecond(endAt).toString());
        m.put("injection", injection);
        m.put("withdrawal", withdrawal);
        m.put("quality", quality);
        return m;
    }
}
