package org.peermarket.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only, hash-chained ledger of markets.md section 9 over any {@link LedgerStore}:
 * every entry carries its predecessor's hash, and a period's close entry carries the Merkle
 * root of that period's entries. Appends are serialised: the chain has one order.
 */
public final class Ledger {
    private final LedgerStore store;

    public Ledger(LedgerStore store) {
        this.store = store;
    }

    public LedgerStore store() {
        return store;
    }

    /** Appends an entry with the next sequence number and the last entry's hash as predecessor. */
    public synchronized LedgerEntry append(String type, String submitter, String period, String payload, String signature) {
        var last = store.last();
        long sequence = last.map(e -> e.sequence() + 1).orElse(0L);
        String prev = last.map(LedgerEntry::hash).orElse(LedgerEntry.GENESIS);
        LedgerEntry entry = LedgerEntry.create(sequence, type, submitter, period, payload, signature, prev);
        store.append(entry);
        return entry;
    }

    /** Closes a delivery period: appends the Merkle root of its entries since its previous close. */
    public synchronized LedgerEntry closePeriod(String period, String submitter) {
        List<String> hashes = store.periodHashes(period, store.lastClose(period));
        return append(EntryTypes.PERIOD_CLOSE, submitter, period, closePayload(hashes), "");
    }

    static String closePayload(List<String> hashes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", hashes.size());
        m.put("root", Merkle.rootOfHashes(hashes));
        return Canonical.json(m);
    }
}
