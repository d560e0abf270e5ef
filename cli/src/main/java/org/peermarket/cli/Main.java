package org.peermarket.cli;

import java.io.PrintWriter;
import org.peermarket.study.pipeline.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code peermarket COMMAND ...}. Exit 0 done, 2 bad input, 1 internal error. */
@Command(
        name = "peermarket",
        mixinStandardHelpOptions = true,
        version = "peermarket 0.1.0",
        description = "Clears peer-to-peer and community electricity markets.",
        subcommands = {RunCommand.class, CompareCommand.class, CdaCommand.class, ExamplesCommand.class, ExampleCommand.class,
                GridCommand.class, LfmCommand.class, SweepCommand.class,
                ServeCommand.class, LedgerCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "No progress bars on stderr (they show only on a terminal, for work longer than a second).")
    void quiet(boolean on) {
        Progress.setQuiet(on);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new Errors());
        return cli.execute(args);
    }
}
