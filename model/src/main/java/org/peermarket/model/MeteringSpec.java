package org.peermarket.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code metering} key of a scenario (docs/metering.md): the market data hub's meter readings of the delivery
 * day (one per peer and period) and of earlier days, baseline rules per peer, imbalance prices and loss allocation.
 * Energies in kWh, prices per kWh.
 */
public record MeteringSpec(Optional<LocalDate> date, List<Reading> readings, List<Reading> history,
                           Map<String, BaselineRule> baselines, Optional<ImbalanceRule> imbalance,
                           Optional<LossRule> losses) {

    public MeteringSpec {
        readings = List.copyOf(readings);
        history = List.copyOf(history);
        baselines = Map.copyOf(baselines);
    }

    /**
     * One meter reading, shaped after the UMEI MeterReading: the metering point (the peer), the interval (a date and
     * a 0-based period), the energy injected and withdrawn in it (kWh, both >= 0) and the reading's quality.
     */
    public record Reading(String peer, Optional<LocalDate> date, int period, double injection, double withdrawal,
                          String quality) {
        /** Net injection, the sign of markets.md §0 (> 0 produces). */
        public double net() {
            return injection - withdrawal;
        }
    }

    /** How a peer's baseline is formed: declared values, the average of the last N similar days, or high X of Y. */
    public record BaselineRule(String rule, PeriodValues declared, int days, int high) {
        public static final List<String> RULES = List.of("declared", "average", "high");
    }

    /**
     * Imbalance prices per kWh: single pricing uses {@code price} for both signs; dual pricing pays {@code longPrice}
     * for a surplus and charges {@code shortPrice} for a deficit. {@code allocation}: how a community's manager
     * passes the community's imbalance cost to its members.
     */
    public record ImbalanceRule(String pricing, PeriodValues price, PeriodValues shortPrice, PeriodValues longPrice,
                                String allocation) {
        public static final List<String> PRICINGS = List.of("single", "dual");
        public static final List<String> ALLOCATIONS = List.of("pro_rata", "causer");
    }

    /**
     * Losses: {@code factor} x traded energy (a scenario loss factor), shared among the trades {@code pro_rata} to
     * energy or by {@code ptdf} distance; each trade's share bought at {@code price}.
     */
    public record LossRule(double factor, String allocation, PeriodValues price) {
        public static final List<String> ALLOCATIONS = List.of("pro_rata", "ptdf");
    }

    /** Weekdays (Monday to Friday) and weekends are the two kinds of similar day. */
    public static boolean similarDay(LocalDate a, LocalDate b) {
        return weekend(a) == weekend(b);
    }

    /** "weekday" or "weekend": the kind of day a date is. */
    public static String dayType(LocalDate d) {
        return weekend(d) ? "weekend" : "weekday";
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
