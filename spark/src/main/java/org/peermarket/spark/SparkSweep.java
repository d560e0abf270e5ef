package org.peermarket.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.peermarket.study.sweep.Sweep;

/**
 * A sweep on Spark (docs/spark.md): the cells (draw, policy point) are numbered 0 .. draws x points - 1, split into
 * tasks of {@code cellsPerTask} consecutive cells by {@code spark.range} (no shuffle: nothing is exchanged between
 * tasks), and each task computes its cells with the local engine's own code ({@link Sweep#points}), whose seeds
 * come from (seed, draw) alone. The points come back to the driver keyed by cell number; a cell that arrives twice (a
 * retried or speculative task) fills the same slot, so no row is duplicated, and a missing cell is an error.
 */
public final class SparkSweep {
    /**
     * What a task does with cells {@code from} to {@code to - 1} of draw k; the default is {@link Sweep#points}.
     * Serializable: it is shipped to the tasks.
     */
    @FunctionalInterface
    public interface CellTask extends Serializable {
        List<Sweep.Point> compute(Sweep.Plan plan, int k, int from, int to) throws Exception;
    }

    public static final CellTask LOCAL_ENGINE = Sweep::points;

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
            List<Sweep.Point> got = ids.mapPartitions(it -> compute(plan, task, it).iterator()).collect();
            return Sweep.result(plan, CellSlots.assemble(plan, got));
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
    }

    /** Tasks of cellsPerTask cells (the last may have fewer). */
    public static int tasks(long cells, int cellsPerTask) {
        if (cellsPerTask < 1) {
            throw new IllegalArgumentException("cells per task must be >= 1: " + cellsPerTask);
        }
        long t = (cells + cellsPerTask - 1) / cellsPerTask;
        if (t > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(t + " tasks: give more cells per task");
        }
        return (int) t;
    }

    /**
     * A task's cells, numbered draw-major (cell = (k - 1) x points + c, as the local engine orders its points),
     * computed draw by draw so that the cells of one draw share the draw.
     */
    static List<Sweep.Point> compute(Sweep.Plan plan, CellTask task, Iterator<Long> ids) throws Exception {
        int n = plan.cells().size();
        List<Sweep.Point> out = new ArrayList<>();
        long next = -1;
        int k = 0;
        int from = 0;
        int to = 0;
        while (ids.hasNext()) {
            long id = ids.next();
            int draw = (int) (id / n) + 1;
            int c = (int) (id % n);
            if (draw != k || id != next) {
                if (to > from) {
                    out.addAll(task.compute(plan, k, from, to));
                }
                k = draw;
                from = c;
            }
            to = c + 1;
            next = id + 1;
        }
        if (to > from) {
            out.addAll(task.compute(plan, k, from, to));
        }
        return out;
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
