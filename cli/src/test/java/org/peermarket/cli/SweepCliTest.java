package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCliTest {
    @Test
    void sweepWritesItsFilesAndCountsDrawsOnStderr(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("sweep", "euniversal-case69", "--draws", "2", "--seed", "5", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).as("no progress bar off a terminal").doesNotContain("draw");
        assertThat(o.out()).contains("euniversal-case69: 2 draws, seed 5").contains("s3-80");
        assertThat(Files.readAllLines(dir.resolve("draws.csv"))).hasSize(1 + 2 * 7).first()
                .isEqualTo("draw,scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume");
        assertThat(Files.readAllLines(dir.resolve("distribution.csv"))).hasSize(1 + 7 * 5);
        assertThat(Files.readAllLines(dir.resolve("wins.csv"))).hasSize(1 + 7);
        assertThat(dir.resolve("sweep.json")).exists();
    }

    @Test
    void runPrintsTheKpiTableOfTheStudy(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("run", "euniversal-case69", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        for (String s : new String[] {"s0 ", "s1 ", "s2 ", "s3-100", "s3-80", "s0-heavy", "s1-heavy"}) {
            assertThat(o.out()).contains("  " + s);
        }
        assertThat(Files.readAllLines(dir.resolve("kpis.csv")).get(0))
                .isEqualTo("scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume");
        assertThat(Files.readAllLines(dir.resolve("occupancy.csv"))).hasSize(1 + 7 * 68);
    }
}
