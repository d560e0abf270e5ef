package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;

/**
 * Renders reports in headless Chromium (Debian's chromium, /usr/bin/chromium): no console
 * message at all (the report has no script, so any message is an error: a failed load, a
 * parse problem), and the numbers in the rendered page equal summary.json. Skipped when
 * Chromium is missing, unless -Dpeermarket.browser.required=true (CI), where that fails.
 */
class ReportInBrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("peermarket.chromium", "/usr/bin/chromium"));
    static final long TIMEOUT_SECONDS = 120;

    /** What the browser made of a page: the DOM after loading and the console lines it logged. */
    record Rendered(String dom, List<String> console, String log) {}

    @BeforeAll
    static void needsChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String why = CHROMIUM + " is missing (install it with: apt-get install -y chromium)";
        if (Boolean.getBoolean("peermarket.browser.required")) {
            fail("peermarket.browser.required=true but " + why);
        }
        Assumptions.abort("browser test skipped: " + why);
    }

    static List<String> examples() {
        return Examples.names();
    }

    /**
     * Every built-in example (each case of one made of cases): no console message, and the rendered numbers equal
     * summary.json and the CSV files.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void rendersWithoutConsoleMessagesAndShowsTheSummaryNumbers(String name, @TempDir Path dir) throws Exception {
        for (var c : Examples.loadCases(name).entrySet()) {
            Path out = dir.resolve("out-" + c.getKey());
            ResultsWriter.write(Runner.run(c.getValue()), out);
            Rendered page = render(out.resolve(ResultsWriter.REPORT), dir.resolve("profile"));
            assertThat(page.console()).as("console messages; browser log:\n" + page.log()).isEmpty();
            assertThat(page.dom()).contains("<h1>" + c.getValue().name() + "</h1>", "<svg");
            var kpis = ReportNumbers.read(page.dom());
            assertThat(kpis).containsKeys("status", "objective", "welfare", "traded_volume");
            var summary = new ObjectMapper().readTree(out.resolve(ResultsWriter.SUMMARY).toFile());
            assertThat(ReportNumbers.assertMatchSummary(kpis, summary)).isGreaterThan(5);
            int fromFiles = ReportNumbers.assertMatchFiles(kpis, out);
            if (Files.exists(out.resolve(ResultsWriter.BILLS)) || Files.exists(out.resolve(StudyFiles.KPIS))) {
                assertThat(fromFiles).as("numbers compared with the CSV files").isGreaterThan(5);
            }
        }
    }

    @Test
    void comparisonRendersWithoutConsoleMessages(@TempDir Path dir) throws Exception {
        ResultsWriter.write(Runner.run(Examples.load("five-peers").orElseThrow()), dir.resolve("a"));
        ResultsWriter.write(Runner.run(Examples.load("feeder-33bw").orElseThrow()), dir.resolve("b"));
        Path html = dir.resolve("compare.html");
        CompareReport.write(List.of(dir.resolve("a"), dir.resolve("b")), html);
        Rendered page = render(html, dir.resolve("profile"));
        assertThat(page.console()).as("console messages; browser log:\n" + page.log()).isEmpty();
        assertThat(page.dom()).contains("data-kpi=\"congested_lines\" data-column=\"1\"", "<svg");
    }

    /** The check above can fail: a page that logs an error, and one whose markup is broken, are caught. */
    @Test
    void consoleErrorsAreSeen(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("bad.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p>"
                + "<script>console.error('broken-on-purpose');</script></body></html>");
        Rendered r = render(page, dir.resolve("profile"));
        assertThat(r.console()).anyMatch(line -> line.contains("broken-on-purpose"));
    }

    static Rendered render(Path html, Path profile) throws IOException, InterruptedException {
        Path out = Files.createTempFile(profile.getParent(), "dom-", ".html");
        Path err = Files.createTempFile(profile.getParent(), "log-", ".txt");
        List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0", "--dump-dom",
                html.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String log = Files.readString(err);
        assertThat(p.exitValue()).as("chromium exit code; log:\n" + log).isZero();
        List<String> console = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
                console.add(line);
            }
        }
        return new Rendered(Files.readString(out), console, log);
    }
}
