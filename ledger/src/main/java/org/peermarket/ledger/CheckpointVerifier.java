package org.peermarket.ledger;

import java.security.PublicKey;
import java.util.List;

/**
 * Checks a ledger against checkpoints its holder kept (docs/ledger.md#checkpoints): each
 * checkpoint's signature by the trusted server key, then the whole chain ({@link LedgerVerifier}
 * with that key), then for each checkpoint that the ledger still has its {@code count} entries,
 * with the committed hashes, head and Merkle root. Reports the earliest problem: a truncation
 * names the expected count and the entries present, a rewrite the first entry whose hash is not
 * the one a checkpoint committed to.
 */
public final class CheckpointVerifier {
    private CheckpointVerifier() {}

    public static Verification verify(List<LedgerEntry> entries, List<Checkpoint> checkpoints, PublicKey trusted) {
        for (Checkpoint c : checkpoints) {
            if (!c.signedBy(trusted)) {
                return Verification.bad(entries.size(), -1, -1, c.describe() + " does not carry a valid signature by the server key "
                        + LedgerVerifier.shortHash(Signatures.encode(trusted)));
            }
        }
        Verification best = entries.isEmpty() && !checkpoints.isEmpty() ? null : LedgerVerifier.verify(entries, trusted);
        // the largest count first: at a tie (a truncation below several) the widest checkpoint is named
        for (Checkpoint c : checkpoints.stream().sorted(java.util.Comparator.comparingLong(Checkpoint::count).reversed()).toList()) {
            Verification v = against(entries, c);
            if (v != null && (best == null || rank(v) < rank(best))) {
                best = v;
            }
        }
        return best == null ? Verification.good(entries.size()) : best;
    }

    /** Earlier entries first; a problem no entry is named for after them; good last. */
    private static long rank(Verification v) {
        return v.ok() ? Long.MAX_VALUE : v.position() < 0 ? Long.MAX_VALUE - 1 : v.position();
    }

    /** The first disagreement of the ledger with one checkpoint, or null. */
    private static Verification against(List<LedgerEntry> entries, Checkpoint c) {
        int n = entries.size();
        for (long i = c.from(); i < Math.min(c.count(), n); i++) {
            LedgerEntry e = entries.get((int) i);
            String committed = c.hashes().get((int) (i - c.from()));
            if (!e.hash().equals(committed)) {
                return Verification.bad(n, i, e.sequence(), "hash " + LedgerVerifier.shortHash(e.hash()) + " is not the hash "
                        + LedgerVerifier.shortHash(committed) + " that the " + c.describe() + " committed to for sequence " + i
                        + (i == c.from() && i > 0 ? ": the rewrite begins here or earlier (the checkpoint lists no hash before sequence "
                        + i + "; an earlier checkpoint would tell)" : ": the chain was rewritten from here"));
            }
        }
        if (n < c.count()) {
            return Verification.bad(n, n, n, "truncated: the " + c.describe() + " committed to " + c.count() + " entries but the ledger has "
                    + n + (n == 0 ? "" : " (sequences 0 to " + (n - 1) + ")") + "; sequences " + n + " to " + (c.count() - 1) + " are missing");
        }
        LedgerEntry last = entries.get((int) c.count() - 1);
        String root = Merkle.rootOfHashes(entries.subList(0, (int) c.count()).stream().map(LedgerEntry::hash).toList());
        if (!last.hash().equals(c.head()) || !root.equals(c.root())) {
            // the committed hashes from `from` on agree: the difference is before them
            return Verification.bad(n, -1, -1, "the first " + c.count() + " entries do not give the head hash and Merkle root of the "
                    + c.describe() + ": an entry before sequence " + c.from() + " differs (an earlier checkpoint names it)");
        }
        return null;
    }
}
