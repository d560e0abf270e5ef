package org.peermarket.ledger;

import java.util.List;
import java.util.Optional;

/** Where entries are kept: memory, a file or a database table. Appends come one at a time, in order. */
public interface LedgerStore {
    void append(LedgerEntry entry);

    Optional<LedgerEntry> last();

    /** Every entry in sequence order. */
    List<LedgerEntry> entries();

    /** Hashes of the entries of one period with sequence above {@code afterSequence}, in sequence order. */
    default List<String> periodHashes(String period, long afterSequence) {
        return entries().stream().filter(e -> e.period().equals(period) && e.sequence() > afterSequence
                && !e.type().equals(EntryTypes.PERIOD_CLOSE)).map(LedgerEntry::hash).toList();
    }

    /** Sequence of the period's last close entry, or -1. */
    default long lastClose(String period) {
        return entries().stream().filter(e -> e.period().equals(period) && e.type().equals(EntryTypes.PERIOD_CLOSE))
                .mapToLong(LedgerEntry::sequence).max().orElse(-1);
    }

    /** The newest entry of a type, if any. */
    default Optional<LedgerEntry> lastOfType(String type) {
        List<LedgerEntry> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).type().equals(type)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
