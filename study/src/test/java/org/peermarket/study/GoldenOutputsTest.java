package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.study.report.ResultsWriter;

/**
 * The built-in examples against their committed outputs in examples/expected/ (regenerate on
 * purpose only: ./peermarket run NAME --out examples/expected/NAME). A regression guard on top
 * of the independent checks, not a substitute for them. Numbers compare to 1e-8 relative. A
 * folder with a {@code SUBSET} file (community-year) commits only its small files.
 */
class GoldenOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A folder holding this file keeps only some result files (a year's peers.csv is 48 MB):
     * those it has are compared, and its summary.json may hold only the compared keys.
     */
    static final String SUBSET = "SUBSET";

    static List<String> examples() {
        return Examples.names();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleMatchesItsCommittedOutput(String name, @TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("peermarket.root", "..")).resolve("examples/expected").resolve(name);
        for (var c : Examples.loadCases(name).entrySet()) {
            Path out = dir.resolve(c.getKey().isEmpty() ? "out" : c.getKey());
            ResultsWriter.write(Runner.run(c.getValue()), out);
            compare(root.resolve(c.getKey()), out, c.getKey().isEmpty() ? name : name + "/" + c.getKey());
        }
    }

    private static void compare(Path expected, Path dir, String name) throws Exception {
        // Golden outputs are the CSV files and summary.json's totals; report.html (deterministic, but a
        // view of those) is not one, so a regenerated folder's report.html is neither needed nor compared;
        // nor is parquet/ (binary copies of the CSV files, checked cell by cell in ParquetTablesTest).
        List<String> csvs;
        try (var files = Files.list(expected)) {
            csvs = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted().toList();
        }
        try (var files = Files.list(dir)) {
            List<String> written = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted().toList();
            if (Files.exists(expected.resolve(SUBSET))) {
                assertThat(written).as(name + ": the committed result files are written").containsAll(csvs);
            } else {
                assertThat(written).as(name + ": the same result files").containsExactlyElementsOf(csvs);
            }
        }
        for (String csv : csvs) {
            assertSameCsv(Files.readAllLines(expected.resolve(csv)), Files.readAllLines(dir.resolve(csv)), name + "/" + csv);
        }
        JsonNode want = JSON.readTree(expected.resolve(ResultsWriter.SUMMARY).toFile());
        JsonNode got = JSON.readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        for (String key : List.of("name", "status", "periods")) {
            assertThat(got.get(key)).as(key).isEqualTo(want.get(key));
        }
        for (String key : List.of("objective", "welfare", "traded_volume")) {
            assertClose(got.get(key).asDouble(), want.get(key).asDouble(), name + " " + key);
        }
    }

    private static void assertSameCsv(List<String> want, List<String> got, String what) {
        assertThat(got).as(what + " rows").hasSameSizeAs(want);
        for (int r = 0; r < want.size(); r++) {
            String[] w = want.get(r).split(",", -1);
            String[] g = got.get(r).split(",", -1);
            assertThat(g).as(what + " row " + r).hasSameSizeAs(w);
            for (int c = 0; c < w.length; c++) {
                if (r > 0 && w[c].matches("-?[0-9.]+")) {
                    assertClose(Double.parseDouble(g[c]), Double.parseDouble(w[c]), what + " row " + r + " col " + c);
                } else {
                    assertThat(g[c]).as(what + " row " + r + " col " + c).isEqualTo(w[c]);
                }
            }
        }
    }

    private static void assertClose(double got, double want, String what) {
        assertThat(Math.abs(got - want)).as(what + ": " + got + " vs " + want)
                .isLessThanOrEqualTo(1e-8 * Math.max(1, Math.abs(want)));
    }
}
