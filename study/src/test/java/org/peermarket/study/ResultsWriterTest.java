package org.peermarket.study;

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
    void writesTheThreeFilesInTheScenarioUnits(@TempDir Path dir) throws Exception {
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
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("peers.csv", "summary.json", "trades.csv");
            }
        }
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
