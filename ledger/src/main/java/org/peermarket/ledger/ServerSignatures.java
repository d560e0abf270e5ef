package org.peermarket.ledger;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The platform's signature on the entries it writes itself (docs/ledger.md#server-signatures):
 * Ed25519 by the server key over {@code "peermarket ledger entry " + H}, H being the hex SHA-256
 * of the entry's canonical encoding with an empty signature. Sequence, type, submitter, period,
 * payload and predecessor hash are all covered, so a signed entry also vouches for the whole
 * chain before it, and cannot be moved to another place or chain.
 */
public final class ServerSignatures {
    private ServerSignatures() {}

    /** The text the server signs for an entry with these fields. */
    public static String text(long sequence, String type, String submitter, String period, String payload, String prevHash) {
        return "peermarket ledger entry " + LedgerEntry.create(sequence, type, submitter, period, payload, "", prevHash).hash();
    }

    public static String text(LedgerEntry e) {
        return text(e.sequence(), e.type(), e.submitter(), e.period(), e.payload(), e.prevHash());
    }

    public static String sign(PrivateKey key, long sequence, String type, String submitter, String period, String payload,
                              String prevHash) {
        return Signatures.sign(key, text(sequence, type, submitter, period, payload, prevHash));
    }

    /** True when the entry carries key's valid server signature. */
    public static boolean holds(PublicKey key, LedgerEntry e) {
        return !e.signature().isEmpty() && Signatures.verify(key, text(e), e.signature());
    }
}
