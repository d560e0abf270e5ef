package org.peermarket.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;
import org.peermarket.study.report.ResultsWriter;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.Runner;
import org.peermarket.study.report.SummaryText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Clear a scenario and write summary.json, peers.csv, trades.csv and report.html (plus lines.csv with a grid,"
                + " convergence.csv for solver admm, rejected.csv for auctions), and each CSV file as parquet/NAME.parquet.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A scenario file (.yaml, .yml or .json) or a built-in example name; default: "
                    + Examples.DEFAULT + ".")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder; default: results/<name>.")
    Path out;

    @Option(names = "--no-parquet", negatable = false,
            description = "Write the CSV files only, not their Parquet copies (a year's tables take seconds).")
    boolean noParquet;

    @Option(names = "--ledger", negatable = false,
            description = "Also write ledger.jsonl: the run's clearings and settlements as a signed, hash-chained ledger"
                    + " (check it with: peermarket ledger verify DIR/ledger.jsonl --server-key KEY, the key in summary.json).")
    boolean ledger;

    @Override
    public Integer call() {
        String ref = scenario == null ? Examples.DEFAULT : scenario;
        if (!Files.isRegularFile(Path.of(ref)) && !Examples.cases(ref).isEmpty()) {
            return runCases(ref, out, !noParquet, ledger, spec.commandLine().getOut());
        }
        return runAndWrite(load(ref), out, !noParquet, ledger, spec.commandLine().getOut());
    }

    /** An example made of cases: each case clears on its own and is written to DIR/CASE. */
    static int runCases(String name, Path out, boolean parquet, boolean ledger, java.io.PrintWriter o) {
        Path dir = out != null ? out : SummaryText.defaultOutDir(name);
        for (var c : Examples.loadCases(name).entrySet()) {
            runAndWrite(c.getValue(), dir.resolve(c.getKey()), parquet, ledger, o);
        }
        return 0;
    }

    /** Clears a scenario, writes its results (to out, or results/NAME) and prints the summary. */
    static int runAndWrite(Scenario s, Path out, boolean parquet, java.io.PrintWriter o) {
        return runAndWrite(s, out, parquet, false, o);
    }

    /** As {@link #runAndWrite(Scenario, Path, boolean, java.io.PrintWriter)}, with the run's ledger when asked. */
    static int runAndWrite(Scenario s, Path out, boolean parquet, boolean ledger, java.io.PrintWriter o) {
        RunResult result = Runner.run(s);
        Path dir = out != null ? out : SummaryText.defaultOutDir(s.name());
        ResultsWriter.write(result, dir, parquet, ledger);
        o.print(SummaryText.of(result));
        o.println("results: " + dir);
        o.flush();
        return 0;
    }

    static Scenario load(String ref) {
        Path file = Path.of(ref);
        if (Files.isRegularFile(file)) {
            return ScenarioParser.parse(file);
        }
        return Examples.load(ref).orElseThrow(() -> new ValidationException(new Problem("SCENARIO", ref,
                "no such file, and not a built-in example (" + String.join(", ", Examples.names()) + ")")));
    }
}
