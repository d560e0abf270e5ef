package org.peermarket.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baselines of the market data hub (docs/metering.md#baselines), in net injection kWh per period: declared values,
 * the average of the last N similar days, or the average of the X highest-consumption days among the last Y
 * similar days. A similar day is an earlier day of the same kind (weekday or weekend) with every period metered.
 */
public final class Baselines {
    private Baselines() {}

    /** One earlier day's net injection per period. */
    public record Day(LocalDate date, double[] net) {
        /** Energy withdrawn net over the day: what "high" ranks by. */
        public double consumption() {
            double sum = 0;
            for (double x : net) {
                sum -= x;
            }
            return sum;
        }
    }

    /** A peer's baseline per period and the days it was taken from (none for a declared one). */
    public record Result(String peer, String rule, double[] values, List<LocalDate> days) {}

    /** The peer's fully metered similar days before {@code date}, the most recent first. */
    public static List<Day> similarDays(String peer, LocalDate date, List<MeteringSpec.Reading> history, int periods) {
        Map<LocalDate, double[]> net = new TreeMap<>(Comparator.reverseOrder());
        Map<LocalDate, Integer> count = new TreeMap<>();
        for (MeteringSpec.Reading x : history) {
            LocalDate d = x.date().orElseThrow();
            if (!x.peer().equals(peer) || !d.isBefore(date) || !MeteringSpec.similarDay(d, date)) {
                continue;
            }
            net.computeIfAbsent(d, k -> new double[periods])[x.period()] += x.net();
            count.merge(d, 1, Integer::sum);
        }
        List<Day> out = new ArrayList<>();
        net.forEach((d, v) -> {
            if (count.get(d) == periods) {
                out.add(new Day(d, v));
            }
        });
        return out;
    }

    /** The peer's baseline by its rule; {@code date} may be null for a declared one. */
    public static Result of(String peer, MeteringSpec.BaselineRule rule, LocalDate date,
                            List<MeteringSpec.Reading> history, int periods) {
        if (rule.rule().equals("declared")) {
            double[] v = new double[periods];
            for (int t = 0; t < periods; t++) {
                v[t] = rule.declared().at(t);
            }
            return new Result(peer, rule.rule(), v, List.of());
        }
        List<Day> last = similarDays(peer, date, history, periods);
        if (last.size() < rule.days()) {
            throw new IllegalArgumentException(peer + ": " + last.size() + " similar days, the rule needs " + rule.days());
        }
        last = last.subList(0, rule.days());
        List<Day> used = rule.rule().equals("high") ? highest(last, rule.high()) : last;
        return new Result(peer, rule.rule(), average(used, periods), used.stream().map(Day::date).toList());
    }

    /** The X days of highest consumption; a tie goes to the more recent day (the list is most recent first). */
    static List<Day> highest(List<Day> days, int x) {
        List<Day> sorted = new ArrayList<>(days);
        sorted.sort(Comparator.comparingDouble(Day::consumption).reversed()); // stable: recent first among ties
        return sorted.subList(0, x);
    }

    private static double[] average(List<Day> days, int periods) {
        double[] v = new double[periods];
        for (Day d : days) {
            for (int t = 0; t < periods; t++) {
                v[t] += d.net()[t] / days.size();
            }
        }
        return v;
    }
}
