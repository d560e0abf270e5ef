package org.peermarket.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.peermarket.ledger.Checkpoint;
import org.peermarket.ledger.CheckpointVerifier;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerVerifier;
import org.peermarket.ledger.Signatures;
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
            description = "Verify a ledger: hash chain, sequence, signatures, Merkle roots, and against kept checkpoints"
                    + " (truncation, rewrites). Names the first bad entry. Exit 0 good, 3 bad, 2 unreadable input.")
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

        @Option(names = "--checkpoint", paramLabel = "FILE|URL",
                description = "Signed checkpoints kept from the platform (GET /api/checkpoints): one, a JSON array or one per line;"
                        + " repeatable. Detects truncation and rewrites below them.")
        List<String> checkpointSources = new ArrayList<>();

        @Option(names = "--server-key", paramLabel = "FILE|URL|BASE64",
                description = "The server key to trust (GET /api/server-key); default: the one the checkpoints name.")
        String serverKeySource;

        @Override
        public Integer call() throws IOException {
            Path target = path != null ? path : dataDir != null ? dataDir : Path.of("platform-data");
            List<Checkpoint> checkpoints = CheckpointSources.checkpoints(checkpointSources);
            PublicKey trusted = serverKeySource != null ? CheckpointSources.serverKey(serverKeySource)
                    : checkpoints.isEmpty() ? null : CheckpointSources.keyOf(checkpoints);
            List<LedgerEntry> entries = load(target);
            Verification v = checkpoints.isEmpty() ? LedgerVerifier.verify(entries, trusted)
                    : CheckpointVerifier.verify(entries, checkpoints, trusted);
            var out = spec.commandLine().getOut();
            out.println(v.describe());
            if (v.ok()) {
                out.println(keyLine(entries, trusted));
                out.println(coverage(entries, checkpoints));
            }
            out.flush();
            return v.ok() ? 0 : BAD_LEDGER;
        }

        private String keyLine(List<LedgerEntry> entries, PublicKey trusted) {
            if (trusted != null) {
                return "server signatures: checked with the trusted server key " + Signatures.encode(trusted)
                        + (serverKeySource != null ? " (--server-key)" : " (named by the checkpoints)");
            }
            boolean announced = entries.stream().anyMatch(e -> e.type().equals(EntryTypes.SERVER_KEY));
            return announced ? "server signatures: checked with the key the ledger itself announces, which whoever rewrote"
                    + " the ledger could have replaced; pass --server-key or --checkpoint to check against a key known from outside"
                    : "server signatures: none (the ledger has no server-key entry)";
        }

        private static String coverage(List<LedgerEntry> entries, List<Checkpoint> checkpoints) {
            if (checkpoints.isEmpty()) {
                return "warning: no checkpoint given: truncation and rewrites by the operator (who holds the server key and can"
                        + " recompute every hash and Merkle root) cannot be detected; pass --checkpoint FILE|URL";
            }
            Checkpoint newest = checkpoints.stream().max(java.util.Comparator.comparingLong(Checkpoint::count)).orElseThrow();
            long after = entries.size() - newest.count();
            return "checkpoints: " + checkpoints.size() + " verified; the first " + newest.count() + " entries are those the newest ("
                    + newest.describe() + ") committed to" + (after == 0 ? "" : "; the " + after + " entries after it (sequences "
                    + newest.count() + " to " + (entries.size() - 1) + ") are covered by no checkpoint and could still be rewritten");
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
            } else if (!Files.exists(c.h2File())) {
                throw new ValidationException(new Problem("PATH", target.toString(), "neither a JSON-lines file nor a data directory with a database"));
            }
            return LedgerAccess.entries(c);
        }
    }
}
