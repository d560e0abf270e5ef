package org.peermarket.ledger;

import java.util.Set;

/** The entry types the platform writes. Orders and cancellations carry the submitter's signature. */
public final class EntryTypes {
    /** Payload {@code {id, roles, publicKey}}: registers a participant and its Ed25519 key. */
    public static final String PARTICIPANT = "participant";
    public static final String ORDER = "order";
    public static final String CANCEL = "cancel";
    public static final String CLEARING = "clearing";
    public static final String SETTLEMENT = "settlement";
    /** Payload {@code {count, root}}: Merkle root of the period's entries before it. */
    public static final String PERIOD_CLOSE = "period-close";

    /**
     * Payload {@code {publicKey}}: the platform's Ed25519 server key, signed by itself. Every
     * entry the platform writes after it carries the server's signature (docs/ledger.md).
     */
    public static final String SERVER_KEY = "server-key";

    /** Types whose payload the submitter signs with its own key. */
    public static final Set<String> SIGNED = Set.of(ORDER, CANCEL);

    /** True for the entries the platform writes itself and signs with its server key: all but orders and cancels. */
    public static boolean serverSigned(String type) {
        return !SIGNED.contains(type);
    }

    private EntryTypes() {}
}
