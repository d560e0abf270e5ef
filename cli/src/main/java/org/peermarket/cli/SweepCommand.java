package org.peermarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peermarket.model.Scenario;
import org.peermarket.study.SummaryText;
import org.peermarket.study.Progress;
import org.peermarket.study.Sweep;
import org.peermarket.study.SweepFiles;
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

    @Override
    public Integer call() {
        Scenario s = RunCommand.load(scenario);
        Sweep.Result r;
        // draws done / N on stderr; silent off a terminal or with --quiet (docs/reports.md#progress-bars)
        try (Progress bar = Progress.start("sweep " + s.name(), draws, "draws")) {
            r = Sweep.run(s, draws, seed, done -> bar.step());
        }
        Path dir = out != null ? out : SummaryText.defaultOutDir(s.name() + "-sweep");
        SweepFiles.write(r, dir);
        var o = spec.commandLine().getOut();
        o.print(SweepFiles.table(r));
        o.println("results: " + dir);
        o.flush();
        return 0;
    }
}
