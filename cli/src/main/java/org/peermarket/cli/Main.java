package org.peermarket.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code peermarket COMMAND ...}. Exit 0 done, 2 bad input, 1 internal error. */
@Command(
        name = "peermarket",
        mixinStandardHelpOptions = true,
        version = "peermarket 0.1.0",
        description = "Clears peer-to-peer and community electricity markets.",
        subcommands = {RunCommand.class, CdaCommand.class, ExamplesCommand.class, ExampleCommand.class, GridCommand.class,
            ServeCommand.class, LedgerCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
