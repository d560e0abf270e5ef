package org.peermarket.spark;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.peermarket.study.Sweep;

/**
 * A sweep on Spark (docs/spark.md): the cells (draw, policy point) are numbered 0 .. draws x points - 1, split into
 * tasks of {@code cellsPerTask} consecutive cells by {@code spark.range} (no shuffle: nothing is exchanged between
 * tasks), and each task computes its cells with the local engine's own code ({@link Sweep#point}), whose seeds come
 * from (seed, draw) alone. The points come back to the driver keyed by cell number; a cell that arrives twice (a
 * retried or speculative task) fills the same slot, so no row is duplicated, and a missing cell is an error.
 */
public final class SparkSweep {
    /** What a task does with one cell; the default is {@link Sweep#point}. Serializable: it is shipped to tasks. */
    @FunctionalInterface
    public interface CellTask extends Serializable {
        Sweep.Point compute(Sweep.Plan plan, long cell) throws Exception;
    }

    public static final CellTask LOCAL_ENGINE = SparkSweep::point;

    private SparkSweep() {}

    /** Runs every cell of the plan; {@code progress} gets the number of tasks done (on the driver). */
    public static Sweep.Result run(SparkSession spark, Sweep.Plan plan, int cellsPerTask, CellTask task,
                                   IntConsumer progress) {
        long cells = plan.cellCount();
        int tasks = tasks(cells, cellsPerTask);
        TaskCounter counter = new TaskCounter(progress);
        spark.sparkContext().addSparkListener(counter);
        try {
            JavaRDD<Long> ids = spark.range(0, cells, 1, tasks).javaRDD();
            List<Sweep.Point> got = ids.map(id -> task.compute(plan, id)).collect();
            return Sweep.result(plan, CellSlots.assemble(plan, got));
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
    }

    /** Tasks of cellsPerTask cells (the last may have fewer). */
    static int tasks(long cells, int cellsPerTask) {
        if (cellsPerTask < 1) {
            throw new IllegalArgumentException("cells per task must be >= 1: " + cellsPerTask);
        }
        long t = (cells + cellsPerTask - 1) / cellsPerTask;
        if (t > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(t + " tasks: give more cells per task");
        }
        return (int) t;
    }

    /** Cell number to (draw, point): draw-major, as the local engine orders its points. */
    static Sweep.Point point(Sweep.Plan plan, long cell) {
        int n = plan.cells().size();
        return Sweep.point(plan, (int) (cell / n) + 1, (int) (cell % n));
    }

    /** Counts successful tasks for the driver's progress; a failed attempt does not count. */
    static final class TaskCounter extends SparkListener {
        private final IntConsumer progress;
        private final AtomicInteger done = new AtomicInteger();

        TaskCounter(IntConsumer progress) {
            this.progress = progress;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo() != null && end.taskInfo().successful()) {
                progress.accept(done.incrementAndGet());
            }
        }
    }
}
