package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;

/**
 * The Metering section of report.html (docs/reports.md), on metering-street (docs/metering.md): the heat pump's
 * baseline (-27 - 29 - 28) / 3 = -28 against its metered -24, so it delivered 4 of the 10 kWh activated, 6 short;
 * pv traded 65 and metered 60, 5 short at 0.30: it pays 1.50; the losses of the pv-house trade are 3 % of 60 =
 * 1.8 kWh at 0.10: 0.18.
 */
class MeteringReportTest {
    @Test
    void meteringStreetShowsBaselinesDeliveryAndBothBills(@TempDir Path dir) throws Exception {
        ResultsWriter.write(Runner.run(Examples.load("metering-street").orElseThrow()), dir);
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        Map<String, List<String>> kpis = ReportNumbers.read(html);
        ReportNumbers.assertMatchSummary(kpis, new ObjectMapper().readTree(dir.resolve(ResultsWriter.SUMMARY).toFile()));
        ReportNumbers.assertMatchFiles(kpis, dir);
        assertThat(RunReportTest.sections(RunReportTest.parseXml(html))).contains("metering");

        assertThat(kpis.get("csv|baselines.csv|baseline|peer=heat-pump|period=1|rule=average")).containsExactly("-28");
        assertThat(kpis.get("csv|baselines.csv|metered|peer=heat-pump|period=1|rule=average")).containsExactly("-24");
        assertThat(kpis.get("csv|delivery.csv|delivered|period=1|peer=heat-pump|source=service")).containsExactly("4");
        assertThat(kpis.get("csv|delivery.csv|shortfall|period=1|peer=heat-pump|source=service")).containsExactly("6");
        assertThat(html).contains("<tr class=\"bad\"><td>1</td><td>heat-pump</td>");
        assertThat(kpis.get("csv|imbalance.csv|amount|period=1|peer=pv|community=")).containsExactly("-1.50");
        assertThat(kpis.get("csv|imbalance.csv|amount|period=1|peer=chp|community=")).containsExactly("0.20");
        assertThat(kpis.get("csv|losses.csv|amount|period=1|seller=pv|buyer=house")).containsExactly("0.18");
        assertThat(kpis.get("metering.shortfall")).containsExactly("6");
        assertThat(kpis.get("metering.loss_cost")).containsExactly("0.27");
    }

    @Test
    void aRunWithoutMeteringHasNoMeteringSection(@TempDir Path dir) throws Exception {
        ResultsWriter.write(Runner.run(Examples.load("five-peers").orElseThrow()), dir);
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        assertThat(RunReportTest.sections(RunReportTest.parseXml(html))).doesNotContain("metering");
    }
}
