package org.peermarket.platform;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerStore;

/**
 * The ledger in the platform's database. Appends go through the handle of the sequencer's
 * current transaction, so an entry commits with the change it records; the last entry is cached
 * and reloaded when a transaction rolls back. Rows go out through the transaction's
 * {@link WriteBatch}, flushed before this store reads.
 */
final class DbLedgerStore implements LedgerStore {
    private final Jdbi jdbi;
    private final WriteBatch batch;
    private Handle current;
    private LedgerEntry last;

    DbLedgerStore(Jdbi jdbi, WriteBatch batch) {
        this.jdbi = jdbi;
        this.batch = batch;
        reload();
    }

    void use(Handle h) {
        current = h;
    }

    void reload() {
        last = jdbi.withHandle(h -> h.createQuery("SELECT * FROM ledger ORDER BY seq DESC LIMIT 1").map((rs, ctx) -> entry(rs)).findOne())
                .orElse(null);
    }

    @Override
    public void append(LedgerEntry e) {
        batch.ledger(e);
        last = e;
    }

    @Override
    public Optional<LedgerEntry> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public List<LedgerEntry> entries() {
        return jdbi.withHandle(DbLedgerStore::all);
    }

    static List<LedgerEntry> all(Handle h) {
        return h.createQuery("SELECT * FROM ledger ORDER BY seq").map((rs, ctx) -> entry(rs)).list();
    }

    @Override
    public List<String> periodHashes(String period, long afterSequence) {
        batch.flush();
        return current.createQuery("SELECT hash FROM ledger WHERE period = ? AND seq > ? AND type <> ? ORDER BY seq")
                .bind(0, period).bind(1, afterSequence).bind(2, EntryTypes.PERIOD_CLOSE).mapTo(String.class).list();
    }

    @Override
    public long lastClose(String period) {
        batch.flush();
        return current.createQuery("SELECT COALESCE(MAX(seq), -1) FROM ledger WHERE period = ? AND type = ?")
                .bind(0, period).bind(1, EntryTypes.PERIOD_CLOSE).mapTo(Long.class).one();
    }

    /** Hashes of the entries with sequence from {@code from} to {@code to} - 1, in order, read in the current transaction. */
    List<String> hashesBetween(long from, long to) {
        batch.flush();
        return current.createQuery("SELECT hash FROM ledger WHERE seq >= ? AND seq < ? ORDER BY seq").bind(0, from).bind(1, to)
                .mapTo(String.class).list();
    }

    @Override
    public Optional<LedgerEntry> lastOfType(String type) {
        batch.flush();
        return current.createQuery("SELECT * FROM ledger WHERE type = ? ORDER BY seq DESC LIMIT 1").bind(0, type)
                .map((rs, ctx) -> entry(rs)).findOne();
    }

    private static LedgerEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LedgerEntry(rs.getLong("seq"), rs.getString("type"), rs.getString("submitter"), rs.getString("period"),
                rs.getString("payload"), rs.getString("sig"), rs.getString("prev"), rs.getString("hash"));
    }
}
