package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;

class CompareReportTest {
    private static final Pattern CELL = Pattern.compile("data-kpi=\"([^\"]+)\" data-column=\"(\\d+)\">([^<]*)<");

    /** Seed 003 Table 8, as a study would write it (kpis.csv), with the run of scenario-1 in its sub-folder. */
    private static final String TABLE_8 = """
            scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume
            scenario-0-extreme,34,23.64,1.50,451.80,
            scenario-1-extreme,37,31.14,1.87,infeasible,2.59
            scenario-0,2,0.04,0.02,1.330,
            scenario-1,12,1.92,0.26,25.78,2.59
            """;

    @Test
    void setsRunsAndAStudysScenariosSideBySide(@TempDir Path dir) throws Exception {
        Path five = dir.resolve("five");
        Path feeder = dir.resolve("feeder");
        ResultsWriter.write(Runner.run(Examples.load("five-peers").orElseThrow()), five);
        ResultsWriter.write(Runner.run(Examples.load("feeder-33bw").orElseThrow()), feeder);
        Path study = dir.resolve("seed003");
        Files.createDirectories(study);
        Files.writeString(study.resolve("kpis.csv"), TABLE_8);
        ResultsWriter.write(Runner.run(Examples.load("feeder-33bw").orElseThrow()), study.resolve("scenario-1"));
        Path out = dir.resolve("cmp").resolve("compare.html");

        List<CompareColumn> columns = CompareReport.write(List.of(five, feeder, study), out);

        assertThat(columns).extracting(CompareColumn::label)
                .containsExactly("five-peers", "feeder-33bw", "scenario-0-extreme", "scenario-1-extreme", "scenario-0", "scenario-1");
        String html = Files.readString(out);
        RunReportTest.parseXml(html);
        Map<String, String> cells = cells(html);
        // runs: straight from their summary.json
        JsonNode s5 = json(five.resolve("summary.json"));
        JsonNode sf = json(feeder.resolve("summary.json"));
        assertNumber(cells, "welfare", 0, s5.get("welfare").asDouble());
        assertNumber(cells, "p2p_volume", 0, s5.get("traded_volume").asDouble());
        assertThat(cells.get("congested_lines/0")).isEqualTo("—");
        assertNumber(cells, "congested_lines", 1, sf.get("grid").get("congested_lines").asDouble());
        assertNumber(cells, "overflow_sum", 1, sf.get("grid").get("overflow_sum_mw").asDouble());
        assertNumber(cells, "overflow_weighted_avg", 1, sf.get("grid").get("overflow_weighted_average_mw").asDouble());
        assertNumber(cells, "price_max", 0, 0.177379310345); // five-peers period 3, summary.json
        // average trade price from five-peers' trades.csv, recomputed here
        assertNumber(cells, "average_price", 0, averagePrice(five.resolve("trades.csv")));
        // the study: the table's values, infeasible kept as text, empty cells as a dash
        assertNumber(cells, "congested_lines", 2, 34);
        assertNumber(cells, "overflow_sum", 3, 31.14);
        assertThat(cells.get("lfm_cost/3")).isEqualTo("infeasible");
        assertNumber(cells, "lfm_cost", 4, 1.33);
        assertThat(cells.get("p2p_volume/4")).isEqualTo("—");
        assertNumber(cells, "overflow_weighted_avg", 5, 0.26);
        // scenario-1 has a sub-folder: kpis.csv wins for its columns, the run adds welfare and prices
        assertNumber(cells, "p2p_volume", 5, 2.59);
        assertNumber(cells, "welfare", 5, sf.get("welfare").asDouble());
        assertThat(html).contains("<svg", "LFM cost (EUR)", "overflow sum (MW)", "P2P traded volume (kWh)");
    }

    /**
     * The real seed 003 study, as {@code peermarket run euniversal-case69} writes it (kpis.csv next to its
     * summary.json), next to a market run: one column per scenario, every KPI equal to kpis.csv read here, the LFM's
     * status and the lines it left congested from summary.json, units from the study's summary.json.
     */
    @Test
    void comparesTheRealStudyRunWithAMarketRun(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("e69");
        Path feeder = dir.resolve("feeder");
        ResultsWriter.write(Runner.run(Examples.load("euniversal-case69").orElseThrow()), study);
        ResultsWriter.write(Runner.run(Examples.load("feeder-33bw").orElseThrow()), feeder);
        Path out = dir.resolve("compare.html");

        List<CompareColumn> columns = CompareReport.write(List.of(study, feeder), out);

        List<String> rows = Files.readAllLines(study.resolve("kpis.csv"));
        assertThat(rows.get(0)).isEqualTo("scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume");
        List<String> names = rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0]).toList();
        assertThat(names).containsExactly("s0", "s1", "s2", "s3-100", "s3-80", "s0-heavy", "s1-heavy");
        assertThat(columns).extracting(CompareColumn::label).containsSequence(names).endsWith("feeder-33bw").hasSize(8);
        String html = Files.readString(out);
        RunReportTest.parseXml(html);
        Map<String, String> cells = cells(html);
        String[] keys = rows.get(0).split(",");
        JsonNode scenarios = json(study.resolve("summary.json")).get("study").get("scenarios");
        for (int c = 0; c < names.size(); c++) {
            String[] row = rows.get(c + 1).split(",");
            for (int k = 1; k < keys.length; k++) {
                if (row[k].equals("infeasible")) {
                    assertThat(cells.get(keys[k] + "/" + c)).as(names.get(c)).isEqualTo("infeasible");
                } else {
                    assertNumber(cells, keys[k], c, Double.parseDouble(row[k]));
                }
            }
            JsonNode sc = scenarios.get(c);
            assertThat(sc.get("scenario").asText()).isEqualTo(names.get(c));
            assertThat(cells.get("lfm_status/" + c)).isEqualTo(sc.get("lfm_status").asText());
            assertNumber(cells, "congested_after_lfm", c, sc.get("congested_after_lfm").asDouble());
            // the study's own market totals (welfare 0 of no market) belong to no scenario
            assertThat(cells.get("welfare/" + c)).isEqualTo("—");
        }
        // seed 003 Table 8's pattern: s0 has no P2P trades and the two congested lines the ratings were drawn for
        assertNumber(cells, "congested_lines", 0, 2);
        assertNumber(cells, "p2p_volume", 0, 0);
        assertNumber(cells, "welfare", 7, json(feeder.resolve("summary.json")).get("welfare").asDouble());
        assertThat(html).contains("LFM cost (EUR)", "per column: MWh, kWh");
    }

    @Test
    void aFolderThatIsNoRunsOutputIsNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path run = dir.resolve("run");
        ResultsWriter.write(Runner.run(Examples.load("five-peers").orElseThrow()), run);
        Path out = dir.resolve("compare.html");
        assertThatThrownBy(() -> CompareReport.write(List.of(run, empty, dir.resolve("missing")), out))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("DIR[1] = " + empty + ": not a run's output folder")
                .hasMessageContaining("DIR[2] = " + dir.resolve("missing") + ": no such folder");
        assertThat(out).doesNotExist();
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("kpis.csv"), "scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume\n"
                + "s,1,2,3,lots,5\n");
        assertThatThrownBy(() -> CompareReport.write(List.of(bad), out)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("lfm_cost = lots: must be a number or infeasible");
    }

    private static double averagePrice(Path trades) throws Exception {
        double value = 0;
        double volume = 0;
        for (String line : Files.readAllLines(trades).subList(1, Files.readAllLines(trades).size())) {
            String[] c = line.split(",");
            value += Double.parseDouble(c[3]) * Double.parseDouble(c[4]);
            volume += Double.parseDouble(c[3]);
        }
        return value / volume;
    }

    private static void assertNumber(Map<String, String> cells, String key, int column, double expected) {
        String shown = cells.get(key + "/" + column);
        assertThat(shown).as(key + "/" + column).isNotNull().isNotEqualTo("—");
        ReportNumbers.assertClose(key + "/" + column, Double.parseDouble(shown), expected);
    }

    private static Map<String, String> cells(String html) {
        Map<String, String> out = new HashMap<>();
        Matcher m = CELL.matcher(html);
        while (m.find()) {
            out.put(m.group(1) + "/" + m.group(2), m.group(3));
        }
        return out;
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }
}
