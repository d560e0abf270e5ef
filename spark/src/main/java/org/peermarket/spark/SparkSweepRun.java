package org.peermarket.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.apache.spark.sql.SparkSession;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;
import org.peermarket.study.sweep.Sweep;
import org.peermarket.study.sweep.SweepFiles;

/**
 * A whole sweep on Spark as the CLI and the spark-submit job run it: the plan checked first (bad input leaves
 * nothing written), the cells on the cluster, then the same CSV and JSON files as the local engine plus Parquet.
 */
public final class SparkSweepRun {
    /** {@code master}: null to take spark.master from spark-submit; {@code parquetDir}: null for {@code out}. */
    public record Options(String master, int cellsPerTask, String parquetDir) {}

    private SparkSweepRun() {}

    public static Sweep.Plan plan(Scenario s, int draws, long seed, Options o) {
        if (o.cellsPerTask() < 1) {
            throw new ValidationException(new Problem("--cells-per-task", String.valueOf(o.cellsPerTask()),
                    "must be >= 1"));
        }
        if (o.master() != null && !o.master().matches("local(\\[(\\*|\\d+)(,\\d+)?])?|(spark|yarn|k8s).*")) {
            throw new ValidationException(new Problem("--master", o.master(),
                    "must be a Spark master URL such as local[2], spark://host:7077, yarn or k8s://..."));
        }
        return Sweep.plan(s, draws, seed);
    }

    /** Starts a session, runs the plan and writes the files (see below), then stops the session. */
    public static Sweep.Result run(Sweep.Plan plan, Path out, Options o, IntConsumer progress) {
        SparkSession spark = Sessions.start(o.master(), plan.name());
        try {
            return run(spark, plan, out, o, progress);
        } finally {
            spark.stop();
        }
    }

    /** Runs the plan, writes {@code out} (CSV, JSON) and the Parquet tables; {@code progress}: tasks done. */
    public static Sweep.Result run(SparkSession spark, Sweep.Plan plan, Path out, Options o, IntConsumer progress) {
        Sweep.Result r = SparkSweep.run(spark, plan, o.cellsPerTask(), SparkSweep.LOCAL_ENGINE, progress);
        createDir(out);
        SweepParquet.write(spark, plan, r, o.parquetDir() != null ? o.parquetDir() : out.toAbsolutePath().toString());
        SweepFiles.write(r, out);
        return r;
    }

    public static int tasks(Sweep.Plan plan, Options o) {
        return SparkSweep.tasks(plan.cellCount(), o.cellsPerTask());
    }

    private static void createDir(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + out + ": " + e.getMessage(), e);
        }
    }
}
