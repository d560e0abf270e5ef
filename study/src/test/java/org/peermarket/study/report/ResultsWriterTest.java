package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.peermarket.study.Runner;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.ParquetTables;
import org.peermarket.study.pipeline.RunResult;

class ResultsWriterTest {

    private static final String TWO_PEERS = """
            name: two
            units: {energy: %s}
            peers:
              - {id: g, cost: {a: %s, b: %s}, pmin: 0, pmax: %s, prefs: {c: %s}}
              - {id: c, cost: {a: %s, b: %s}, pmin: %s, pmax: 0}
            """;

    /** MC_g = p, WTP = 10 - x, pref 2: p = 4, mu_g = 4, mu_c = 6 (kWh and EUR/kWh). */
    private static Scenario twoPeers(boolean mwh) {
        double f = mwh ? 1000 : 1;
        String text = String.format(java.util.Locale.ROOT, TWO_PEERS, mwh ? "MWh" : "kWh",
                1 * f * f, 0, 10 / f, 2 * f, 1 * f * f, 10 * f, -10 / f);
        return ScenarioParser.parse(text, "two.yaml", false);
    }

    @Test
    void writesTheResultFilesInTheScenarioUnits(@TempDir Path dir) throws Exception {
        for (boolean mwh : new boolean[] {false, true}) {
            Path out = dir.resolve(mwh ? "mwh" : "kwh");
            ResultsWriter.write(Runner.run(twoPeers(mwh)), out);
            double f = mwh ? 1000 : 1;
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertThat(summary.get("name").asText()).isEqualTo("two");
            assertThat(summary.get("status").asText()).isEqualTo("optimal");
            // objective = 0.5*16 + (0.5*16 - 40) + 2*4 = -16, the same money in both units
            assertThat(summary.get("objective").asDouble()).isCloseTo(-16, offset(1e-9));
            assertThat(summary.get("welfare").asDouble()).isCloseTo(16, offset(1e-9));
            assertThat(summary.get("traded_volume").asDouble()).isCloseTo(4 / f, offset(1e-12));
            assertThat(summary.get("periods").asInt()).isEqualTo(1);
            assertThat(summary.get("solver").get("name").asText()).isEqualTo("pdlp");
            assertThat(summary.get("solver").has("iterations")).isTrue();
            assertThat(summary.get("solver").has("seconds")).isTrue();
            List<String> peers = Files.readAllLines(out.resolve("peers.csv"));
            assertThat(peers).containsExactly("period,peer,p,mu", "1,g," + num(4 / f) + "," + num(4 * f),
                    "1,c," + num(-4 / f) + "," + num(6 * f));
            List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
            assertThat(trades).containsExactly("period,seller,buyer,quantity,price,charge",
                    "1,g,c," + num(4 / f) + "," + num(6 * f) + ",0");
            // c pays g the trade price 6 per kWh for 4 kWh: 24.00 whatever the unit
            assertThat(Files.readAllLines(out.resolve("settlement.csv"))).containsExactly(
                    "period,type,payer,payee,quantity,price,amount", "1,energy_trade,c,g," + num(4 / f) + "," + num(6 * f) + ",24.00");
            assertThat(Files.readAllLines(out.resolve("bills.csv"))).contains(
                    "g,peer,total,,0.00,24.00,24.00", "c,peer,total,,24.00,0.00,-24.00", "(all),system,total,,,,0.00");
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("bills.csv", "parquet", "peers.csv", "report.html", "settlement.csv", "summary.json", "trades.csv");
            }
            try (var left = Files.list(out.resolve(ParquetTables.FOLDER))) {
                assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("bills.parquet", "peers.parquet", "settlement.parquet", "trades.parquet");
            }
        }
    }

    @Test
    void negotiatedRunWritesResidualsAndTheConvergenceTrace(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioParser.parse(String.format(java.util.Locale.ROOT, TWO_PEERS, "MWh", 1e6, 0, 0.01, 2000, 1e6,
                1e4, -0.01).replace("peers:", "market: {solver: admm, rho: 2e6, primal_tolerance: 1e-9, dual_tolerance: 1e-6}\npeers:"),
                "two.yaml", false);
        RunResult run = Runner.run(s);
        ResultsWriter.write(run, dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("optimal");
        assertThat(summary.get("objective").asDouble()).isCloseTo(-16, offset(1e-5));
        JsonNode solver = summary.get("solver");
        assertThat(solver.get("name").asText()).isEqualTo("admm");
        long iterations = solver.get("iterations").asLong();
        assertThat(iterations).isPositive();
        assertThat(solver.get("messages").asLong()).isEqualTo(2 * iterations);
        assertThat(solver.get("primal_residual").asDouble()).isBetween(0.0, 1e-9);
        assertThat(solver.get("dual_residual").asDouble()).isBetween(0.0, 1e-6);
        JsonNode period = summary.get("by_period").get(0);
        assertThat(period.get("messages").asLong()).isEqualTo(2 * iterations);
        assertThat(period.has("primal_residual_max")).isTrue();
        List<String> trace = Files.readAllLines(dir.resolve("convergence.csv"));
        assertThat(trace).hasSize(1 + (int) iterations).first().isEqualTo("period,iteration,primal_residual,dual_residual,rho");
        assertThat(trace.get(1)).startsWith("1,1,");
        assertThat(trace.get(trace.size() - 1)).startsWith("1," + iterations + ",");
        String[] last = trace.get(trace.size() - 1).split(",");
        assertThat(Double.parseDouble(last[2])).isCloseTo(solver.get("primal_residual").asDouble(), offset(1e-15));
        // rho is written in the file's units, EUR/MWh^2, as given (balancing may change it later)
        assertThat(trace.get(1).split(",")[4]).isEqualTo("2000000");
        List<String> peers = Files.readAllLines(dir.resolve("peers.csv"));
        assertThat(peers).hasSize(3);
        assertThat(Double.parseDouble(peers.get(1).split(",")[3])).isCloseTo(4000, offset(1e-2));
    }

    @Test
    void notConvergedRunReportsItsResidualsAndNoRows(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioParser.parse(String.format(java.util.Locale.ROOT, TWO_PEERS, "kWh", 1, 0, 10, 2, 1, 10, -10)
                .replace("peers:", "market: {solver: admm, max_iterations: 2}\npeers:"), "two.yaml", false);
        RunResult run = Runner.run(s);
        ResultsWriter.write(run, dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("not_converged");
        assertThat(summary.get("cause").asText()).startsWith("no agreement within 2 iterations");
        assertThat(summary.get("objective").isNull()).isTrue();
        assertThat(summary.get("solver").get("primal_residual").asDouble()).isPositive();
        JsonNode period = summary.get("by_period").get(0);
        assertThat(period.get("status").asText()).isEqualTo("not_converged");
        assertThat(period.get("iterations").asInt()).isEqualTo(2);
        assertThat(period.get("primal_residual").asDouble()).isPositive();
        assertThat(Files.readAllLines(dir.resolve("peers.csv"))).containsExactly("period,peer,p,mu");
        assertThat(Files.readAllLines(dir.resolve("convergence.csv"))).hasSize(3);
        assertThat(SummaryText.of(run)).contains("two: not_converged").contains("cause: no agreement within 2 iterations")
                .contains("negotiation: primal residual");
    }

    @Test
    void centralRunHasNoTraceAndNullResiduals(@TempDir Path dir) throws Exception {
        ResultsWriter.write(Runner.run(twoPeers(false)), dir);
        JsonNode solver = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("solver");
        assertThat(solver.get("primal_residual").isNull()).isTrue();
        assertThat(solver.get("dual_residual").isNull()).isTrue();
        assertThat(solver.get("messages").asLong()).isZero();
        assertThat(dir.resolve("convergence.csv")).doesNotExist();
    }

    private static String num(double v) {
        return Numbers.format(v);
    }

    @Test
    void infeasibleRunIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioParser.parse("""
                name: stuck
                peers:
                  - {id: a, pmin: 1, pmax: 2, partners: []}
                  - {id: b, pmin: 1, pmax: 2, partners: []}
                """, "stuck.yaml", false);
        RunResult run = Runner.run(s);
        ResultsWriter.write(run, dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("infeasible");
        assertThat(summary.get("cause").asText()).contains("peer a has no trading partner");
        assertThat(summary.get("objective").isNull()).isTrue();
        assertThat(Files.readAllLines(dir.resolve("peers.csv"))).containsExactly("period,peer,p,mu");
    }

    @Test
    void numbersAreWrittenWithTwelveSignificantDigits() {
        assertThat(Numbers.format(57.234302311100004)).isEqualTo("57.2343023111");
        assertThat(Numbers.format(-0.0)).isEqualTo("0");
        assertThat(Numbers.format(1e-20)).isEqualTo("0.00000000000000000001");
        assertThat(Numbers.format(4000.0)).isEqualTo("4000");
    }

    @Test
    void defaultFolderIsSafe() {
        assertThat(SummaryText.defaultOutDir("baroche-2019")).isEqualTo(Path.of("results", "baroche-2019"));
        assertThat(SummaryText.defaultOutDir("../../etc")).isEqualTo(Path.of("results", "..-..-etc"));
        assertThat(SummaryText.defaultOutDir("..")).isEqualTo(Path.of("results", "run"));
    }
}
