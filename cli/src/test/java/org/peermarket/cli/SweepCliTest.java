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

    /** --engine spark on local[2]: the same files as the local engine, plus Parquet; bad engine options exit 2. */
    @Test
    void theSparkEngineWritesTheLocalEnginesFilesAndParquet(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("grid.yaml");
        Files.writeString(scenario, org.peermarket.study.Examples.text("euniversal-case69").orElseThrow()
                + "  sweep: {policy: [lfm-only, block], theta: [0.8, 1.0]}\n");
        CliTest.Outcome local = CliTest.run("sweep", scenario.toString(), "--draws", "2", "--seed", "3", "--out",
                dir.resolve("local").toString());
        CliTest.Outcome spark = CliTest.run("sweep", scenario.toString(), "--draws", "2", "--seed", "3", "--engine",
                "spark", "--master", "local[2]", "--out", dir.resolve("spark").toString());
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.out()).isEqualTo(local.out().replace(dir.resolve("local").toString(),
                dir.resolve("spark").toString()));
        for (String f : new String[] {"draws.csv", "distribution.csv", "wins.csv", "histograms.csv", "sweep.json"}) {
            assertThat(dir.resolve("spark").resolve(f)).as(f).hasSameTextualContentAs(dir.resolve("local").resolve(f));
        }
        assertThat(Files.readAllLines(dir.resolve("spark/draws.csv"))).hasSize(1 + 2 * 3);
        assertThat(dir.resolve("spark/draws.parquet/_SUCCESS")).exists();
        assertThat(dir.resolve("spark/distribution.parquet/_SUCCESS")).exists();

        CliTest.Outcome bad = CliTest.run("sweep", "euniversal-case69", "--draws", "2", "--seed", "3", "--engine",
                "cluster", "--out", dir.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--engine = cluster: must be local or spark");
        CliTest.Outcome masterLocal = CliTest.run("sweep", "euniversal-case69", "--draws", "2", "--seed", "3",
                "--master", "local[2]", "--out", dir.resolve("bad").toString());
        assertThat(masterLocal.code()).isEqualTo(2);
        assertThat(masterLocal.err()).contains("--master = local[2]: applies only with --engine spark");
        assertThat(dir.resolve("bad")).doesNotExist();
    }
}
