package org.peermarket.cli;

import java.util.concurrent.Callable;
import org.peermarket.study.Examples;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "examples", mixinStandardHelpOptions = true, description = "List the built-in example scenarios.")
final class ExamplesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (String name : Examples.names()) {
            String description = Examples.load(name).map(s -> s.description() == null ? "" : s.description()).orElse("");
            String mark = name.equals(Examples.DEFAULT) ? " (default)" : "";
            out.printf("%-20s %s%s%n", name, description, mark);
        }
        out.flush();
        return 0;
    }
}
