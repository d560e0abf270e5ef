package org.peermarket.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metering key: readings from CSV, baselines by each rule (hand-worked), and bad input by field path. */
class MeteringTest {
    private static final String HEAD = """
            name: t
            periods: 2
            peers:
              - {id: hp, cost: {b: 0.30}, pmin: -5, pmax: 0}
            metering:
            """;

    /**
     * Tue 2026-03-10 is the delivery day. Weekdays before it: Mon 9th (2, 4 kWh withdrawn), Fri 6th (3, 3), Thu 5th
     * (1, 1), Wed 4th (5, 5); the weekend (Sat 7th, Sun 8th) is not similar. Net injection is minus withdrawal.
     */
    private static final String HISTORY = """
            peer,period,injection,withdrawal,date
            hp,1,0,2,2026-03-09
            hp,2,0,4,2026-03-09
            hp,1,0,9,2026-03-08
            hp,2,0,9,2026-03-08
            hp,1,0,9,2026-03-07
            hp,2,0,9,2026-03-07
            hp,1,0,3,2026-03-06
            hp,2,0,3,2026-03-06
            hp,1,0,1,2026-03-05
            hp,2,0,1,2026-03-05
            hp,1,0,5,2026-03-04
            hp,2,0,5,2026-03-04
            hp,1,0,1.5,2026-03-10
            hp,2,0,2.5,2026-03-10
            """;

    private static Scenario parse(Path dir, String metering) throws Exception {
        Files.writeString(dir.resolve("meters.csv"), HISTORY);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, HEAD + metering);
        return ScenarioParser.parse(file);
    }

    private static Baselines.Result baseline(Scenario s) {
        MeteringSpec m = s.metering().orElseThrow();
        return Baselines.of("hp", m.baselines().get("hp"), m.date().orElse(null), m.history(), s.periods());
    }

    @Test
    void csvReadingsRelativeToTheScenarioSplitIntoDeliveryDayAndHistory(@TempDir Path dir) throws Exception {
        Scenario s = parse(dir, "  date: 2026-03-10\n  readings: meters.csv\n");
        MeteringSpec m = s.metering().orElseThrow();
        assertEquals(2, m.readings().size());
        assertEquals(12, m.history().size());
        assertEquals(-1.5, m.readings().get(0).net(), 1e-12);
        assertEquals("measured", m.readings().get(0).quality());
    }

    @Test
    void averageOfTheLastNSimilarDaysSkipsTheWeekend(@TempDir Path dir) throws Exception {
        Scenario s = parse(dir, "  date: 2026-03-10\n  readings: meters.csv\n  baselines: {hp: {rule: average, days: 2}}\n");
        Baselines.Result b = baseline(s);
        // Mon 9th and Fri 6th: (-2 - 3)/2 and (-4 - 3)/2
        assertArrayEquals(new double[] {-2.5, -3.5}, b.values(), 1e-12);
        assertEquals(List.of(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-06")), b.days());
    }

    @Test
    void highXofYAveragesTheHighestConsumptionDays(@TempDir Path dir) throws Exception {
        Scenario s = parse(dir, "  date: 2026-03-10\n  readings: meters.csv\n  baselines: {hp: {rule: high, high: 2, days: 4}}\n");
        Baselines.Result b = baseline(s);
        // last 4 weekdays: 9th (6 kWh), 6th (6), 5th (2), 4th (10): highest 4th and, of the tie, the recent 9th
        assertArrayEquals(new double[] {(-5 - 2) / 2.0, (-5 - 4) / 2.0}, b.values(), 1e-12);
        assertEquals(List.of(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-09")), b.days());
    }

    @Test
    void declaredBaselineIsTakenAsGiven(@TempDir Path dir) throws Exception {
        Scenario s = parse(dir, "  date: 2026-03-10\n  readings: meters.csv\n  baselines: {hp: {rule: declared, values: [-2, -3]}}\n");
        assertArrayEquals(new double[] {-2, -3}, baseline(s).values(), 1e-12);
    }

    private static List<Problem> problems(Path dir, String metering) {
        ValidationException e = assertThrows(ValidationException.class, () -> parse(dir, metering));
        return e.problems();
    }

    private static void hasProblem(List<Problem> problems, String path, String value) {
        assertTrue(problems.stream().anyMatch(p -> p.path().equals(path) && java.util.Objects.equals(p.value(), value)),
                () -> "no problem at " + path + " with value " + value + " in " + problems);
    }

    @Test
    void tooFewSimilarDaysNamesTheRuleAndWhatIsThere(@TempDir Path dir) {
        hasProblem(problems(dir, "  date: 2026-03-10\n  readings: meters.csv\n  baselines: {hp: {rule: average, days: 5}}\n"),
                "metering.baselines.hp.days", "5");
    }

    @Test
    void badCsvCellsAreNamedByFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "peer,period,injection,withdrawal\nhp,1,0,-2\nhp,3,0,1\nxx,2,0,1\n");
        List<Problem> p = problems(dir, "  readings: bad.csv\n");
        hasProblem(p, "metering.readings[bad.csv:2].withdrawal", "-2");
        hasProblem(p, "metering.readings[bad.csv:3].period", "3");
        hasProblem(p, "metering.readings[bad.csv:4].peer", "xx");
    }

    @Test
    void dualPricesMustNotLetDeviationEarnAndMissingReadingsAreNamed(@TempDir Path dir) {
        List<Problem> p = problems(dir, "  readings: [{peer: hp, period: 1, injection: 0, withdrawal: 1}]\n"
                + "  imbalance: {pricing: dual, short_price: 0.05, long_price: 0.30}\n");
        hasProblem(p, "metering.readings", "hp period 2");
        hasProblem(p, "metering.imbalance.short_price", "0.05");
        hasProblem(problems(dir, "  readings: [{peer: hp, period: 1, injection: 0, withdrawal: 1}, "
                + "{peer: hp, period: 2, injection: 0, withdrawal: 1}]\n  imbalance: {pricing: flat, price: 1}\n"),
                "metering.imbalance.pricing", "\"flat\"");
        hasProblem(problems(dir, "  readings: [{peer: hp, period: 1, injection: 0, withdrawal: 1}, "
                + "{peer: hp, period: 2, injection: 0, withdrawal: 1}]\n  losses: {factor: 0.1, allocation: ptdf, price: 0.2}\n"),
                "metering.losses.allocation", "\"ptdf\"");
    }
}
