package org.peermarket.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A ledger kept in a list (tests, exports read back). */
public final class MemoryLedgerStore implements LedgerStore {
    private final List<LedgerEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(LedgerEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized Optional<LedgerEntry> last() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    @Override
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }
}
