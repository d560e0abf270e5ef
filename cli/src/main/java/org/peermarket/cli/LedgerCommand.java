package org.peermarket.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerVerifier;
import org.peermarket.ledger.Verification;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;
import org.peermarket.platform.LedgerAccess;
import org.peermarket.platform.PlatformConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ledger", mixinStandardHelpOptions = true, description = "The platform's tamper-evident ledger (docs/ledger.md).",
        subcommands = {LedgerCommand.Verify.class})
final class LedgerCommand implements Runnable {
    /** Exit code of a ledger that does not verify. */
    static final int BAD_LEDGER = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a ledger: hash chain, sequence, signatures, Merkle roots. Names the first bad entry."
                    + " Exit 0 good, 3 bad, 2 unreadable input.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
                description = "A data directory (its H2 database; the server must be stopped) or a JSON-lines export (.jsonl); default platform-data.")
        Path path;

        @Option(names = "--data-dir", paramLabel = "D", description = "Same as PATH.")
        Path dataDir;

        @Option(names = "--config", paramLabel = "F", description = "The server's config file, for a ledger in PostgreSQL.")
        Path config;

        @Override
        public Integer call() throws IOException {
            Path target = path != null ? path : dataDir != null ? dataDir : Path.of("platform-data");
            List<LedgerEntry> entries = load(target);
            Verification v = LedgerVerifier.verify(entries);
            var out = spec.commandLine().getOut();
            out.println(v.describe());
            out.flush();
            return v.ok() ? 0 : BAD_LEDGER;
        }

        private List<LedgerEntry> load(Path target) throws IOException {
            if (Files.isRegularFile(target)) {
                try {
                    return JsonLines.read(target);
                } catch (IllegalArgumentException e) {
                    throw new ValidationException(new Problem("PATH", target.toString(), e.getMessage()));
                }
            }
            PlatformConfig c = PlatformConfig.defaults(target);
            if (config != null) {
                c = PlatformConfig.load(config, c).withDataDir(target);
            } else if (!Files.exists(target.resolve("peermarket.mv.db"))) {
                throw new ValidationException(new Problem("PATH", target.toString(), "neither a JSON-lines file nor a data directory with a database"));
            }
            return LedgerAccess.entries(c);
        }
    }
}
