package org.peermarket.ledger;

import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only, hash-chained ledger of markets.md section 9 over any {@link LedgerStore}:
 * every entry carries its predecessor's hash, and a period's close entry carries the Merkle
 * root of that period's entries. Appends are serialised: the chain has one order. With a
 * server key, every entry the platform writes itself (all but orders and cancels) is signed
 * with it ({@link ServerSignatures}).
 */
public final class Ledger {
    private final LedgerStore store;
    private final KeyPair serverKey;

    public Ledger(LedgerStore store) {
        this(store, null);
    }

    /** {@code serverKey}: signs the platform's own entries; null for none. */
    public Ledger(LedgerStore store, KeyPair serverKey) {
        this.store = store;
        this.serverKey = serverKey;
    }

    public LedgerStore store() {
        return store;
    }

    /** Appends an entry with the next sequence number and the last entry's hash as predecessor. */
    public synchronized LedgerEntry append(String type, String submitter, String period, String payload, String signature) {
        var last = store.last();
        long sequence = last.map(e -> e.sequence() + 1).orElse(0L);
        String prev = last.map(LedgerEntry::hash).orElse(LedgerEntry.GENESIS);
        String sig = signature == null ? "" : signature;
        if (serverKey != null && sig.isEmpty() && EntryTypes.serverSigned(type)) {
            sig = ServerSignatures.sign(serverKey.getPrivate(), sequence, type, submitter, period, payload, prev);
        }
        LedgerEntry entry = LedgerEntry.create(sequence, type, submitter, period, payload, sig, prev);
        store.append(entry);
        return entry;
    }

    /** Closes a delivery period: appends the Merkle root of its entries since its previous close. */
    public synchronized LedgerEntry closePeriod(String period, String submitter) {
        List<String> hashes = store.periodHashes(period, store.lastClose(period));
        return append(EntryTypes.PERIOD_CLOSE, submitter, period, closePayload(hashes), "");
    }

    /**
     * Appends a {@code server-key} entry with this ledger's server key unless the newest one
     * already announces it (a new ledger: its first entry; a key that changed: a new entry).
     */
    public synchronized Optional<LedgerEntry> announceServerKey(String submitter) {
        String key = Signatures.encode(serverKey.getPublic());
        Optional<String> announced = store.lastOfType(EntryTypes.SERVER_KEY).map(e -> Canonical.parse(e.payload()).path("publicKey").asText());
        if (announced.isPresent() && announced.get().equals(key)) {
            return Optional.empty();
        }
        return Optional.of(append(EntryTypes.SERVER_KEY, submitter, "", Canonical.json(Map.of("publicKey", key)), ""));
    }

    static String closePayload(List<String> hashes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", hashes.size());
        m.put("root", Merkle.rootOfHashes(hashes));
        return Canonical.json(m);
    }
}
