package org.peermarket.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;
import org.peermarket.study.sweep.Sweep;
import org.peermarket.study.sweep.SweepFiles;

/**
 * The Spark engine on local[2] against the local engine, cell by cell and file by file; a task that fails once is
 * retried by Spark (local[2,2]: two attempts per task) and its cell is not duplicated.
 */
class SparkSweepTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sessions.start("local[2,2]", "test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** 3 grid points x 3 draws = 9 cells on case69, one task each. */
    static Scenario grid() {
        String text = Examples.text("euniversal-case69").orElseThrow()
                + "  sweep: {policy: [lfm-only, none, block], theta: [0.8]}\n";
        return ScenarioParser.parse(text, "grid.yaml", false);
    }

    @Test
    void resultsAreTheLocalEnginesCellByCellAndFileByFile(@TempDir Path tmp) throws Exception {
        Scenario s = grid();
        Sweep.Result local = Sweep.run(s, 3, 17, k -> { });
        SweepFiles.write(local, tmp.resolve("local"));
        List<Integer> progress = new ArrayList<>();
        Sweep.Plan plan = Sweep.plan(s, 3, 17);
        Sweep.Result onSpark = SparkSweepRun.run(spark, plan, tmp.resolve("spark"),
                new SparkSweepRun.Options(null, 1, null), progress::add);
        assertThat(onSpark.points()).hasSize(9).isEqualTo(local.points());
        assertThat(onSpark.stats()).isEqualTo(local.stats());
        assertThat(onSpark.wins()).isEqualTo(local.wins());
        assertThat(onSpark.histograms()).isEqualTo(local.histograms());
        for (String f : List.of("draws.csv", "distribution.csv", "wins.csv", "histograms.csv", "sweep.json")) {
            assertThat(Files.readString(tmp.resolve("spark").resolve(f))).as(f)
                    .isEqualTo(Files.readString(tmp.resolve("local").resolve(f)));
        }
        // Parquet: one row per cell, the same numbers as draws.csv, parameters typed (null where none applies)
        List<Row> rows = spark.read().parquet(tmp.resolve("spark/draws.parquet").toString()).collectAsList();
        assertThat(rows).hasSize(9);
        Row block = rows.stream().filter(r -> r.getInt(0) == 2 && r.getString(1).equals("case69/block/theta=0.8"))
                .findFirst().orElseThrow();
        Sweep.Point p = local.points().get(3 + 2);
        assertThat(block.getAs("theta").equals(0.8) && block.isNullAt(block.fieldIndex("w"))).isTrue();
        assertThat((double) block.getAs("overflow_sum")).isEqualTo(p.overflowSum());
        assertThat((int) block.getAs("congested_lines")).isEqualTo(p.congestedLines());
        assertThat(spark.read().parquet(tmp.resolve("spark/distribution.parquet").toString()).collectAsList())
                .hasSize(local.stats().size());
        Thread.sleep(200); // the listener bus is asynchronous
        assertThat(progress).isNotEmpty().last().isEqualTo(9);
        // tasks of 4 cells cross draws (cells 0-3, 4-7, 8): each draw's part computed on its own, same numbers
        assertThat(SparkSweep.run(spark, plan, 4, SparkSweep.LOCAL_ENGINE, k -> { }).points())
                .isEqualTo(local.points());
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithoutDuplicatingItsCell() {
        Sweep.Plan plan = Sweep.plan(grid(), 2, 23);
        FailedTasks failed = new FailedTasks();
        spark.sparkContext().addSparkListener(failed);
        try {
            // cells 1 and 4 compute their point, then their first attempt fails: Spark runs them again
            SparkSweep.CellTask flaky = (pl, k, from, to) -> {
                List<Sweep.Point> pts = SparkSweep.LOCAL_ENGINE.compute(pl, k, from, to);
                long cell = (k - 1L) * pl.cells().size() + from;
                if ((cell == 1 || cell == 4) && TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("deliberate first-attempt failure of cell " + cell);
                }
                return pts;
            };
            Sweep.Result r = SparkSweep.run(spark, plan, 1, flaky, k -> { });
            assertThat(r.points()).hasSize(6).doesNotHaveDuplicates().isEqualTo(Sweep.run(grid(), 2, 23, k -> { })
                    .points());
        } finally {
            spark.sparkContext().removeSparkListener(failed);
        }
        waitFor(() -> failed.count.get() == 2);
        assertThat(failed.count.get()).isEqualTo(2);
    }

    @Test
    void aCellDeliveredTwiceFillsOneSlotAndAMissingCellIsAnError() {
        Sweep.Plan plan = Sweep.plan(grid(), 1, 5);
        List<Sweep.Point> pts = new ArrayList<>();
        for (long c = 0; c < 3; c++) {
            pts.add(Sweep.point(plan, 1, (int) c));
        }
        List<Sweep.Point> twice = new ArrayList<>(pts);
        twice.add(pts.get(1));
        assertThat(CellSlots.assemble(plan, twice)).isEqualTo(pts);
        assertThatThrownBy(() -> CellSlots.assemble(plan, pts.subList(0, 2)))
                .hasMessageContaining("cell 2 (draw 1, case69/block/theta=0.8) is missing");
    }

    @Test
    void badEngineOptionsAreNamed() {
        Sweep.Plan ok = SparkSweepRun.plan(grid(), 2, 1, new SparkSweepRun.Options("local[2]", 1, null));
        assertThat(SparkSweepRun.tasks(ok, new SparkSweepRun.Options("local[2]", 4, null))).isEqualTo(2);
        assertThatThrownBy(() -> SparkSweepRun.plan(grid(), 2, 1, new SparkSweepRun.Options("local[2]", 0, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("--cells-per-task = 0: must be >= 1");
        assertThatThrownBy(() -> SparkSweepRun.plan(grid(), 2, 1, new SparkSweepRun.Options("mesos://x", 1, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("--master = mesos://x: must be a Spark master URL");
    }

    private static void waitFor(java.util.function.BooleanSupplier done) {
        for (int i = 0; i < 50 && !done.getAsBoolean(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static final class FailedTasks extends SparkListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo() != null && end.taskInfo().failed()) {
                count.incrementAndGet();
            }
        }
    }
}
