package org.peermarket.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.peermarket.study.report.CompareColumn;
import org.peermarket.study.report.CompareReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Set runs side by side in one HTML report: KPIs (congested lines, overflow, LFM cost, P2P volume,"
                + " welfare, prices) and charts. Each DIR is a run's output folder (summary.json) or a study's"
                + " (kpis.csv, one column per scenario).")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Output folders of runs or studies.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE", description = "The report; default: results/compare.html.")
    Path out;

    @Override
    public Integer call() {
        Path file = out != null ? out : Path.of("results", "compare.html");
        List<CompareColumn> columns = CompareReport.write(dirs, file);
        var o = spec.commandLine().getOut();
        o.println("compared " + columns.size() + (columns.size() == 1 ? " column" : " columns") + ": "
                + String.join(", ", columns.stream().map(CompareColumn::label).toList()));
        o.println("report: " + file);
        o.flush();
        return 0;
    }
}
