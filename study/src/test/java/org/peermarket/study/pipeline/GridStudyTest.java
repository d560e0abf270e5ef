package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Runner;
import org.peermarket.study.report.ResultsWriter;

class GridStudyTest {
    /** 1 (slack) - 2, then 2 - 3 and 2 - 4; no ratings in the case. */
    private static final String FEEDER = """
            function mpc = feeder
            mpc.version = '2';
            mpc.baseMVA = 10;
            mpc.bus = [
                1 3 0 0 0 0 1 1 0 12.66 1 1 1;
                2 1 0.1 0 0 0 1 1 0 12.66 1 1.1 0.9;
                3 1 0.2 0 0 0 1 1 0 12.66 1 1.1 0.9;
                4 1 0.3 0 0 0 1 1 0 12.66 1 1.1 0.9;
            ];
            mpc.gen = [1 0 0 10 -10 1 100 1 10 0];
            mpc.branch = [
                1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;
                2 3 0.01 0.03 0 0 0 0 0 0 1 -360 360;
                2 4 0.02 0.01 0 0 0 0 0 0 1 -360 360;
            ];
            """;

    /** MC_g = p, WTP_c = 10 - x: 5 kWh go from g (bus 4) to c (bus 3) in every period. */
    private static final String SCENARIO = """
            name: on-a-feeder
            periods: 2
            period_hours: %s
            grid: {case: %s, base: %s, ratings: %s}
            peers:
              - {id: g, bus: 4, cost: {a: 1}, pmin: 0, pmax: 10}
              - {id: c, bus: 3, cost: {a: 1, b: 10}, pmin: -10, pmax: 0}
            """;

    private static Scenario scenario(Path dir, String hours, String base, String ratings) throws Exception {
        Path file = dir.resolve("feeder.m");
        Files.writeString(file, FEEDER);
        String text = String.format(SCENARIO, hours, file.toString().replace("\\", "/"), base, ratings);
        return ScenarioParser.parse(text, "s.yaml", false);
    }

    @Test
    void tradeAcrossTheFeederLoadsTheTwoLateralsOnly(@TempDir Path dir) throws Exception {
        // 5 kWh in 0.5 h is 10 kW = 0.01 MW, injected at bus 4 and taken at bus 3: branch 1-2 carries
        // nothing, 2-3 carries +0.01 MW (towards 3), 2-4 carries -0.01 MW (from 4 towards 2).
        // Ratings 0.008 and 0.02 MW: 2-3 at occupancy 1.25 with 0.002 MW overflow, 2-4 at 0.5.
        Scenario s = scenario(dir, "0.5", "none", "{rule: explicit, branches: {2: 0.008, 3: 0.02}}");
        RunResult run = Runner.run(s);
        Path out = dir.resolve("out");
        ResultsWriter.write(run, out);
        List<String> lines = Files.readAllLines(out.resolve("lines.csv"));
        assertThat(lines).containsExactly(
                "period,branch,from,to,flow,rating,occupancy,overflow",
                "1,1,1,2,0,,0,0",
                "1,2,2,3,0.01,0.008,1.25,0.002",
                "1,3,2,4,-0.01,0.02,0.5,0",
                "2,1,1,2,0,,0,0",
                "2,2,2,3,0.01,0.008,1.25,0.002",
                "2,3,2,4,-0.01,0.02,0.5,0");
        JsonNode grid = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("grid");
        assertThat(grid.get("case").asText()).isEqualTo("feeder");
        assertThat(grid.get("congested_lines").asInt()).isEqualTo(2);
        assertThat(grid.get("overflow_sum_mw").asDouble()).isCloseTo(0.004, offset(1e-12));
        JsonNode first = grid.get("by_period").get(0);
        assertThat(first.get("congested_lines").asInt()).isEqualTo(1);
        // capacity-weighted overflow average: 0.008 * 0.002 / (0.008 + 0.02)
        assertThat(first.get("overflow_weighted_average_mw").asDouble()).isCloseTo(0.008 * 0.002 / 0.028, offset(1e-15));
        assertThat(first.get("traded_volume").asDouble()).isCloseTo(5, offset(1e-9));
        assertThat(first.get("voltage_violations").asInt()).isZero();
    }

    /**
     * The same two peers cleared by a uniform-price auction with listed orders: g sells 5 kWh to
     * c, so the feeder carries the same 0.01 MW as in the central run above.
     */
    @Test
    void anAuctionsMatchesAreGridCheckedToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("feeder.m");
        Files.writeString(file, FEEDER);
        Scenario s = ScenarioParser.parse(String.format("""
                name: auction-on-a-feeder
                period_hours: 0.5
                grid: {case: %s, base: none, ratings: {rule: explicit, branches: {2: 0.008, 3: 0.02}}}
                market: {type: auction, pricing: uniform}
                peers:
                  - {id: g, bus: 4}
                  - {id: c, bus: 3}
                orders:
                  - {peer: g, side: sell, quantity: 5, price: 4, time: 1, period: 1}
                  - {peer: c, side: buy, quantity: 5, price: 6, time: 2, period: 1}
                """, file.toString().replace("\\", "/")), "a.yaml", false);
        RunResult run = Runner.run(s);
        ResultsWriter.write(run, dir.resolve("out"));
        assertThat(Files.readAllLines(dir.resolve("out/lines.csv"))).containsExactly(
                "period,branch,from,to,flow,rating,occupancy,overflow",
                "1,1,1,2,0,,0,0",
                "1,2,2,3,0.01,0.008,1.25,0.002",
                "1,3,2,4,-0.01,0.02,0.5,0");
    }

    @Test
    void withTheCaseAsBaseTheTradeAddsToTheCaseFlows(@TempDir Path dir) throws Exception {
        // base flows: 0.6, 0.2, 0.3 MW; the trade (5 kWh in 1 h = 0.005 MW) makes them 0.6, 0.205, 0.295.
        // Ratings 1.0 * |base flow|, at least 0.25: 0.6, 0.25, 0.3
        Scenario s = scenario(dir, "1", "case", "{rule: base-flow, factor: 1.0, floor: 0.25}");
        GridStudy.Run grid = Runner.run(s).grid().orElseThrow();
        var lines = grid.periods().get(0).check().lines();
        assertThat(lines.get(0).flow()).isCloseTo(0.6, offset(1e-12));
        assertThat(lines.get(1).flow()).isCloseTo(0.205, offset(1e-12));
        assertThat(lines.get(2).flow()).isCloseTo(0.295, offset(1e-12));
        assertThat(lines.get(0).congested()).isTrue();            // exactly at its rating
        assertThat(lines.get(1).rating()).isEqualTo(0.25);
        assertThat(lines.get(2).occupancy()).isCloseTo(0.295 / 0.3, offset(1e-12));
        assertThat(grid.periods().get(0).check().kpis().overflowSumMw()).isZero();
    }

    @Test
    void unknownBusesAndMissingBusesAreBadInput(@TempDir Path dir) throws Exception {
        scenario(dir, "1", "none", "{rule: case}");
        String moved = String.format(SCENARIO, "1", dir.resolve("feeder.m").toString().replace("\\", "/"), "none",
                "{rule: case}").replace("bus: 3", "bus: 9");
        assertThatThrownBy(() -> Runner.run(ScenarioParser.parse(moved, "s.yaml", false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("peers[1].bus = 9: no such bus in feeder");
        assertThatThrownBy(() -> ScenarioParser.parse("""
                name: x
                grid: {case: case69, ratings: {rule: base-flow, factor: 2}}
                peers:
                  - {id: g, pmin: 0, pmax: 1}
                """, "s.yaml", false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("grid.ratings.floor: is required")
                .hasMessageContaining("peers[0].bus: is required when the scenario has a grid");
        assertThatThrownBy(() -> Runner.run(ScenarioParser.parse("""
                name: x
                grid: {case: nowhere.m}
                peers:
                  - {id: g, bus: 1, pmin: 0, pmax: 1}
                """, "s.yaml", false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("grid.case: case = nowhere.m");
    }
}
