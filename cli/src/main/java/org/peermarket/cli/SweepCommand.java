package org.peermarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;
import org.peermarket.spark.SparkSweepRun;
import org.peermarket.study.report.SummaryText;
import org.peermarket.study.pipeline.Progress;
import org.peermarket.study.sweep.Sweep;
import org.peermarket.study.sweep.SweepFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Monte Carlo over a study: N random draws of bid prices and of which bids act as peers.")
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A study scenario (file or built-in, e.g. euniversal-case69).")
    String scenario;

    @Option(names = "--draws", required = true, paramLabel = "N", description = "Number of draws.")
    int draws;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed: the same seed gives the same sweep.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder; default: results/<name>-sweep.")
    Path out;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "local",
            description = "local (all cores of this machine, the default) or spark (docs/spark.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master with --engine spark; default local[*].")
    String master;

    @Option(names = "--cells-per-task", paramLabel = "K", defaultValue = "1",
            description = "With --engine spark: (draw, scenario) cells per Spark task; default 1.")
    int cellsPerTask;

    @Override
    public Integer call() {
        boolean spark = checkEngine();
        Scenario s = RunCommand.load(scenario);
        Path dir = out != null ? out : SummaryText.defaultOutDir(s.name() + "-sweep");
        Sweep.Result r = spark ? onSpark(s, dir) : local(s, dir);
        var o = spec.commandLine().getOut();
        o.print(SweepFiles.table(r));
        o.println("results: " + dir);
        o.flush();
        return 0;
    }

    private boolean checkEngine() {
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new ValidationException(new Problem("--engine", engine, "must be local or spark"));
        }
        boolean spark = engine.equals("spark");
        if (!spark && (master != null || cellsPerTask != 1)) {
            throw new ValidationException(new Problem(master != null ? "--master" : "--cells-per-task",
                    master != null ? master : String.valueOf(cellsPerTask), "applies only with --engine spark"));
        }
        return spark;
    }

    private Sweep.Result local(Scenario s, Path dir) {
        Sweep.Result r;
        // draws done / N on stderr; silent off a terminal or with --quiet (docs/reports.md#progress-bars)
        try (Progress bar = Progress.start("sweep " + s.name(), draws, "draws")) {
            r = Sweep.run(s, draws, seed, done -> bar.step());
        }
        SweepFiles.write(r, dir);
        return r;
    }

    private Sweep.Result onSpark(Scenario s, Path dir) {
        SparkSweepRun.Options o = new SparkSweepRun.Options(master != null ? master : "local[*]", cellsPerTask, null);
        Sweep.Plan plan = SparkSweepRun.plan(s, draws, seed, o);
        // tasks done / all on the driver's stderr, as the local engine's bar
        try (Progress bar = Progress.start("sweep " + s.name() + " (spark)", SparkSweepRun.tasks(plan, o), "tasks")) {
            return SparkSweepRun.run(plan, dir, o, done -> bar.step());
        }
    }
}
