package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.Runner;

/** report.html over a long horizon: daily envelopes and heat maps instead of every point. */
class LongHorizonReportTest {

    @Test
    void dailyEnvelopeIsTheLowestAndHighestOfEachDay() {
        double[] v = new double[50];
        for (int t = 0; t < v.length; t++) {
            v[t] = t % 24 == 5 ? -3 : t;
        }
        double[] min = LongHorizon.daily(v, LongHorizon.Fold.MIN);
        double[] max = LongHorizon.daily(v, LongHorizon.Fold.MAX);
        double[] sum = LongHorizon.daily(v, LongHorizon.Fold.SUM);
        assertThat(min).containsExactly(-3, -3, 48);
        assertThat(max).containsExactly(23, 47, 49);
        // day 1: 0 + ... + 23 with 5 replaced by -3
        assertThat(sum[0]).isCloseTo(276 - 5 - 3, within(1e-12));
        assertThat(sum[2]).isCloseTo(48 + 49, within(1e-12));
    }

    @Test
    void aYearOfHoursIsDrawnPerDay(@TempDir Path dir) throws Exception {
        String text = """
                name: long
                periods: 2400
                market: {type: community}
                peers:
                  - {id: pv, pmin: 0, pmax: {profile: pv, peak: 5, latitude: 50}}
                  - {id: home, pmin: {profile: residential, annual_kwh: 4000, scale: -1}, pmax: {profile: residential, annual_kwh: 4000, scale: -1},
                     storage: {capacity: 5, charge_max: 2, discharge_max: 2, soc_initial: 0, soc_final: 0}}
                communities:
                  - {id: c, members: [pv, home], manager: {import_price: {profile: day_ahead_price, mean: 0.25}, export_price: 0.05}}
                """;
        ResultsWriter.write(Runner.run(ScenarioParser.parse(text, "long.yaml", false)), dir);
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        RunReportTest.parseXml(html);
        assertThat(html).contains("price, daily lowest and highest", "pool price, daily lowest and highest",
                "state of charge, daily highest, per storage", "position p per day");
        // 100 days: heat maps of 2 peers and 1 storage, one rect per row and day
        assertThat(html.split("<rect ", -1).length - 1).isGreaterThanOrEqualTo(300);
        assertThat(html).doesNotContain("<tr><td>2400</td>", "<tr class=\"\"><td>2400</td>");
        assertThat(html.length()).isLessThan(400_000);
    }
}
