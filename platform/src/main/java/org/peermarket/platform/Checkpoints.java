package org.peermarket.platform;

import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.peermarket.ledger.Checkpoint;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.Merkle;

/**
 * Makes, stores and reads the signed checkpoints (docs/ledger.md#checkpoints): one per closed
 * period, in the gate closure's own transaction, over every ledger entry so far.
 */
final class Checkpoints {
    private final KeyPair serverKey;
    private final Clock clock;
    private final DbLedgerStore ledger;
    // the Merkle frontier of the first frontier.count() entries, whose last hash is frontierHead (sequencer thread only)
    private Merkle.Frontier frontier;
    private String frontierHead;

    Checkpoints(KeyPair serverKey, Clock clock, DbLedgerStore ledger) {
        this.serverKey = serverKey;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** The checkpoint of the ledger as it stands, stored under the period just closed. */
    Checkpoint make(Handle h, String market, int period) {
        LedgerEntry last = ledger.last().orElseThrow();
        long count = last.sequence() + 1;
        Optional<Checkpoint> previous = latest(h, false);
        long from = previous.map(Checkpoint::count).orElse(0L);
        Merkle.Frontier f = frontierAt(from, previous.map(Checkpoint::head).orElse(null));
        List<String> fresh = ledger.hashesBetween(from, count);
        fresh.forEach(f::addHash);
        Checkpoint c = Checkpoint.signed(serverKey, market, period, from, count, last.hash(), f.root(), clock.instant().toString(), fresh);
        h.createUpdate("INSERT INTO checkpoints (market, period, from_seq, entry_count, head, root, made_at, server_key, signature)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)")
                .bind(0, market).bind(1, period).bind(2, c.from()).bind(3, c.count()).bind(4, c.head()).bind(5, c.root())
                .bind(6, c.time()).bind(7, c.serverKey()).bind(8, c.signature()).execute();
        frontier = f;
        frontierHead = c.head();
        return c;
    }

    /**
     * A copy of the cached frontier when it covers exactly the committed previous checkpoint
     * (same count and head hash, hence the same entries), else one rebuilt from the ledger: after
     * a start, or a gate closure rolled back after its checkpoint was made.
     */
    private Merkle.Frontier frontierAt(long from, String head) {
        if (frontier != null && frontier.count() == from && (from == 0 || frontierHead.equals(head))) {
            return frontier.copy();
        }
        Merkle.Frontier f = new Merkle.Frontier();
        ledger.hashesBetween(0, from).forEach(f::addHash);
        return f;
    }

    /** Every checkpoint, oldest first, each with its hashes read from the ledger. */
    static List<Checkpoint> all(Handle h) {
        return read(h, "SELECT * FROM checkpoints ORDER BY entry_count");
    }

    static Optional<Checkpoint> latest(Handle h) {
        return latest(h, true);
    }

    private static Optional<Checkpoint> latest(Handle h, boolean withHashes) {
        return read(h, "SELECT * FROM checkpoints ORDER BY entry_count DESC LIMIT 1", withHashes).stream().findFirst();
    }

    private static List<Checkpoint> read(Handle h, String sql) {
        return read(h, sql, true);
    }

    /** Without hashes: the stored row only (its signature then does not hold). */
    private static List<Checkpoint> read(Handle h, String sql, boolean withHashes) {
        List<Checkpoint> rows = h.createQuery(sql).map((rs, ctx) -> new Checkpoint(rs.getString("market"), rs.getInt("period"),
                rs.getLong("from_seq"), rs.getLong("entry_count"), rs.getString("head"), rs.getString("root"), rs.getString("made_at"),
                rs.getString("server_key"), List.of(), rs.getString("signature"))).list();
        if (!withHashes) {
            return rows;
        }
        return rows.stream().map(c -> new Checkpoint(c.market(), c.period(), c.from(), c.count(), c.head(), c.root(), c.time(),
                c.serverKey(), hashes(h, c.from(), c.count()), c.signature())).toList();
    }

    private static List<String> hashes(Handle h, long from, long count) {
        return h.createQuery("SELECT hash FROM ledger WHERE seq >= ? AND seq < ? ORDER BY seq").bind(0, from).bind(1, count)
                .mapTo(String.class).list();
    }
}
