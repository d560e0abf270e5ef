package org.peermarket.cli;

import org.peermarket.model.ValidationException;
import picocli.CommandLine;

/** Bad input prints its problems and exits 2; anything else is an internal error, exit 1. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        var err = cmd.getErr();
        if (ex instanceof ValidationException v) {
            err.println("error: the input is not valid (" + v.problems().size() + " problem"
                    + (v.problems().size() == 1 ? "" : "s") + "); nothing was written");
            v.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return Main.BAD_INPUT;
        }
        if (ex instanceof java.io.UncheckedIOException io) {
            err.println("error: " + io.getMessage());
            err.flush();
            return 1;
        }
        err.println("internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return 1;
    }
}
