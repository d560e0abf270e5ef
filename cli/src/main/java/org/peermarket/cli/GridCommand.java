package org.peermarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peermarket.grid.AcPowerFlow;
import org.peermarket.grid.Cases;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;
import org.peermarket.study.files.GridTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grid", mixinStandardHelpOptions = true, description = "Network calculations on a MATPOWER case: PTDF, DC and AC power flow.",
        subcommands = {GridCommand.PtdfCommand.class, GridCommand.DcpfCommand.class, GridCommand.AcpfCommand.class})
final class GridCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every grid subcommand takes. */
    static class CaseAndOut {
        @Option(names = "--case", required = true, paramLabel = "C",
                description = "A built-in case (case14, case30, case33bw, case39, case69, case85, case118, case141)"
                        + " or a file: MATPOWER .m or .mat, IIDM, IEEE CDF.")
        String caseRef;

        @Option(names = "--out", required = true, paramLabel = "F.csv", description = "The CSV file to write.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        void done(String what) {
            spec.commandLine().getOut().println(what + ": " + out);
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "ptdf", mixinStandardHelpOptions = true, description = "PTDF with the case's reference bus as slack (MATPOWER makePTDF).")
    static final class PtdfCommand extends CaseAndOut implements Callable<Integer> {
        @Override
        public Integer call() {
            GridCase grid = Cases.load(caseRef);
            GridTables.write(out, GridTables.ptdfCsv(Ptdf.of(grid)));
            done("ptdf");
            return 0;
        }
    }

    @Command(name = "dcpf", mixinStandardHelpOptions = true, description = "DC power flow of the case's own injections (MATPOWER rundcpf).")
    static final class DcpfCommand extends CaseAndOut implements Callable<Integer> {
        @Override
        public Integer call() {
            GridCase grid = Cases.load(caseRef);
            GridTables.write(out, GridTables.dcpfCsv(grid, DcPowerFlow.run(grid)));
            done("dcpf");
            return 0;
        }
    }

    @Command(name = "acpf", mixinStandardHelpOptions = true, description = "AC load flow (Newton-Raphson, OpenLoadFlow) set up as MATPOWER runpf.")
    static final class AcpfCommand extends CaseAndOut implements Callable<Integer> {
        @Override
        public Integer call() {
            GridCase grid = Cases.load(caseRef);
            AcPowerFlow.Result result = AcPowerFlow.run(grid);
            if (!result.converged()) {
                spec.commandLine().getErr().println("acpf: the load flow did not converge (" + result.status()
                        + " after " + result.iterations() + " iterations); nothing was written");
                spec.commandLine().getErr().flush();
                return 1;
            }
            GridTables.write(out, GridTables.acpfCsv(grid, result));
            var o = spec.commandLine().getOut();
            int low = result.lowestVoltageBus();
            o.printf("acpf: %s converged in %d iterations; losses %s MW; lowest voltage %s p.u. at bus %d%n",
                    grid.name(), result.iterations(), result.lossesMw(), result.vmPu()[low],
                    grid.buses().get(low).number());
            done("acpf");
            return 0;
        }
    }
}
