package org.peermarket.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a whole ledger from its first entry (markets.md section 9) and names the first bad
 * entry. Per entry, in this order: its sequence is its position (a deletion, insertion or
 * reordering shifts it); its predecessor hash is the previous entry's hash; its hash matches
 * its content (an edit); an order or cancellation carries a valid Ed25519 signature by its
 * submitter's key, registered by an earlier participant entry; a period close carries the
 * Merkle root of the period's entries before it; an entry the platform wrote itself carries the
 * server key's signature (docs/ledger.md#server-signatures).
 *
 * <p>The server key is the one a {@code server-key} entry announces. Given a trusted key from
 * outside (the one a checkpoint was signed with), a {@code server-key} entry must announce that
 * key, and a ledger without any must have every platform entry signed by it. Platform entries
 * before the first {@code server-key} entry (a ledger begun before server keys) are unsigned; that
 * entry's signature covers them through its predecessor hash.
 */
public final class LedgerVerifier {

    private LedgerVerifier() {}

    public static Verification verify(List<LedgerEntry> entries) {
        return verify(entries, null);
    }

    /** {@code trusted}: the server key known from outside the ledger, or null to take the ledger's own. */
    public static Verification verify(List<LedgerEntry> entries, PublicKey trusted) {
        if (entries.isEmpty()) {
            return Verification.bad(0, 0, 0, "the ledger is empty: even a new platform's ledger has its server-key entry");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        Map<String, List<String>> openPeriods = new HashMap<>();
        boolean announced = entries.stream().anyMatch(e -> e.type().equals(EntryTypes.SERVER_KEY));
        ServerKeyState server = new ServerKeyState(trusted, announced ? null : trusted);
        String prev = LedgerEntry.GENESIS;
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            String problem = check(e, i, prev, keys, openPeriods);
            if (problem == null) {
                problem = serverProblem(e, server);
            }
            if (problem != null) {
                return Verification.bad(entries.size(), i, e.sequence(), problem);
            }
            prev = e.hash();
        }
        return Verification.good(entries.size());
    }

    private static String check(LedgerEntry e, long position, String prev, Map<String, PublicKey> keys,
                                Map<String, List<String>> openPeriods) {
        if (e.sequence() != position) {
            return "sequence " + e.sequence() + " where " + position + " was expected: an entry was deleted, inserted or moved";
        }
        if (!e.prevHash().equals(prev)) {
            return "predecessor hash " + shortHash(e.prevHash()) + " is not the previous entry's hash " + shortHash(prev);
        }
        String actual = e.computeHash();
        if (!actual.equals(e.hash())) {
            return "hash " + shortHash(e.hash()) + " does not match the entry's content (" + shortHash(actual) + "): it was edited";
        }
        String problem = contentProblem(e, keys, openPeriods);
        if (problem != null) {
            return problem;
        }
        if (!e.period().isEmpty() && !e.type().equals(EntryTypes.PERIOD_CLOSE)) {
            openPeriods.computeIfAbsent(e.period(), p -> new ArrayList<>()).add(e.hash());
        }
        return null;
    }

    private static String contentProblem(LedgerEntry e, Map<String, PublicKey> keys, Map<String, List<String>> openPeriods) {
        if (e.type().equals(EntryTypes.PARTICIPANT)) {
            return register(e, keys);
        }
        if (EntryTypes.SIGNED.contains(e.type())) {
            PublicKey key = keys.get(e.submitter());
            if (key == null) {
                return "no public key registered for submitter '" + e.submitter() + "' before this " + e.type();
            }
            if (!Signatures.verify(key, e.payload(), e.signature())) {
                return "signature of " + e.type() + " by '" + e.submitter() + "' does not verify with its registered key";
            }
        }
        if (e.type().equals(EntryTypes.PERIOD_CLOSE)) {
            List<String> hashes = openPeriods.getOrDefault(e.period(), List.of());
            String expected = Ledger.closePayload(hashes);
            openPeriods.remove(e.period());
            if (!expected.equals(e.payload())) {
                return "period '" + e.period() + "' closes with " + e.payload() + " but its " + hashes.size()
                        + " entries give " + expected;
            }
        }
        return null;
    }

    private static String register(LedgerEntry e, Map<String, PublicKey> keys) {
        try {
            JsonNode p = Canonical.parse(e.payload());
            String id = p.path("id").asText("");
            String key = p.path("publicKey").asText("");
            if (id.isEmpty()) {
                return "participant entry without an id";
            }
            if (keys.containsKey(id)) {
                // the platform registers an id once (409 otherwise): a second entry would swap the key its orders are checked with
                return "participant '" + id + "' is registered a second time";
            }
            keys.put(id, key.isEmpty() ? null : Signatures.decodePublicKey(key));
            return null;
        } catch (IllegalArgumentException ex) {
            return "participant entry: " + ex.getMessage();
        }
    }

    /** The trusted key (or null) and the key platform entries must be signed with from here (null: none yet). */
    private static final class ServerKeyState {
        final PublicKey trusted;
        PublicKey current;

        ServerKeyState(PublicKey trusted, PublicKey current) {
            this.trusted = trusted;
            this.current = current;
        }
    }

    private static String serverProblem(LedgerEntry e, ServerKeyState s) {
        if (e.type().equals(EntryTypes.SERVER_KEY)) {
            PublicKey announced;
            try {
                announced = Signatures.decodePublicKey(Canonical.parse(e.payload()).path("publicKey").asText(""));
            } catch (IllegalArgumentException ex) {
                return "server-key entry: " + ex.getMessage();
            }
            if (s.trusted != null && !java.util.Arrays.equals(s.trusted.getEncoded(), announced.getEncoded())) {
                return "announces the server key " + shortHash(Signatures.encode(announced)) + ", not the trusted server key "
                        + shortHash(Signatures.encode(s.trusted));
            }
            if (!ServerSignatures.holds(announced, e)) {
                return "server-key entry is not signed by the key it announces";
            }
            s.current = announced;
            return null;
        }
        if (s.current == null || !EntryTypes.serverSigned(e.type())) {
            return null;
        }
        if (e.signature().isEmpty()) {
            return e.type() + " entry carries no server signature";
        }
        if (!ServerSignatures.holds(s.current, e)) {
            return e.type() + " entry's server signature does not verify with the server key " + shortHash(Signatures.encode(s.current));
        }
        return null;
    }

    static String shortHash(String h) {
        return h.length() > 12 ? h.substring(0, 12) + "…" : "'" + h + "'";
    }
}
