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

    /** Types whose payload the submitter signs with its own key. */
    public static final Set<String> SIGNED = Set.of(ORDER, CANCEL);

    private EntryTypes() {}
}
