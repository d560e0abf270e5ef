package org.peermarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peermarket.model.EnergyUnit;
import org.peermarket.model.OrderStreamFile;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cda", mixinStandardHelpOptions = true, description = "Continuous double auction tools.", subcommands = CdaCommand.Replay.class)
final class CdaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay an order stream CSV file through a CDA and write the results "
            + "(summary.json, peers.csv, trades.csv, rejected.csv).")
    static final class Replay implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Order stream: CSV with a header (docs/auctions.md).")
        Path file;

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder; default: results/<file name>.")
        Path out;

        @Option(names = "--units", paramLabel = "UNIT", description = "Energy unit of the file: kWh (default) or MWh.")
        String units = "kWh";

        @Option(names = "--gate", paramLabel = "TIME", description = "Gate closure: events later than TIME are rejected.")
        Double gate;

        @Override
        public Integer call() {
            EnergyUnit unit = EnergyUnit.parse(units).orElseThrow(() ->
                    new ValidationException(new Problem("--units", units, "must be kWh or MWh")));
            return RunCommand.runAndWrite(OrderStreamFile.read(file, unit, gate), out, true, spec.commandLine().getOut());
        }
    }
}
