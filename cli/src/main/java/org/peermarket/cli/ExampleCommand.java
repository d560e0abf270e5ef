package org.peermarket.cli;

import java.util.concurrent.Callable;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "example", mixinStandardHelpOptions = true, description = "Print a built-in example scenario (YAML), to copy and edit.")
final class ExampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Example name; see 'peermarket examples'.")
    String name;

    @Override
    public Integer call() {
        String text = Examples.text(name).orElseThrow(() -> new ValidationException(new Problem(
                "NAME", name, "no such built-in example; available: " + Examples.names())));
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
