package org.peermarket.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;
import org.peermarket.study.sweep.Sweep;
import org.peermarket.study.sweep.SweepFiles;

/**
 * The spark-submit entry point (docs/spark.md#on-a-cluster): {@code SCENARIO DRAWS SEED OUT [CELLS_PER_TASK
 * [PARQUET_DIR]]}, the master and resources coming from spark-submit. Progress goes to the driver's stderr as a line
 * per tenth of the tasks. Exit 2 on bad input (nothing written), 1 on any other failure.
 */
public final class SweepJob {
    private SweepJob() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (ValidationException e) {
            System.err.println("error: the input is not valid; nothing was written");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(2);
        }
    }

    static void run(String[] args) {
        if (args.length < 4 || args.length > 6) {
            throw new ValidationException(new Problem("ARGS", String.join(" ", args),
                    "expected SCENARIO DRAWS SEED OUT [CELLS_PER_TASK [PARQUET_DIR]]"));
        }
        Scenario s = load(args[0]);
        int draws = number(args[1], "DRAWS");
        long seed = longNumber(args[2], "SEED");
        int perTask = args.length > 4 ? number(args[4], "CELLS_PER_TASK") : 1;
        SparkSweepRun.Options o = new SparkSweepRun.Options(null, perTask, args.length > 5 ? args[5] : null);
        Sweep.Plan plan = SparkSweepRun.plan(s, draws, seed, o);
        int tasks = SparkSweepRun.tasks(plan, o);
        Sweep.Result r = SparkSweepRun.run(plan, Path.of(args[3]), o, done -> {
            if (done == tasks || done % Math.max(1, tasks / 10) == 0) {
                System.err.printf(Locale.ROOT, "sweep %s: %d / %d tasks%n", s.name(), done, tasks);
            }
        });
        System.out.print(SweepFiles.table(r));
        System.out.println("results: " + args[3]);
    }

    static Scenario load(String ref) {
        Path file = Path.of(ref);
        if (Files.isRegularFile(file)) {
            return ScenarioParser.parse(file);
        }
        return Examples.load(ref).orElseThrow(() -> new ValidationException(new Problem("SCENARIO", ref,
                "no such file, and not a built-in example (" + String.join(", ", Examples.names()) + ")")));
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException(new Problem(name, text, "must be a whole number"));
        }
    }

    private static long longNumber(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValidationException(new Problem(name, text, "must be a whole number"));
        }
    }
}
