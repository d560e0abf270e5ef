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

    Checkpoints(KeyPair serverKey, Clock clock, DbLedgerStore ledger) {
        this.serverKey = serverKey;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** The checkpoint of the ledger as it stands, stored under the period just closed. */
    Checkpoint make(Handle h, String market, int period) {
        LedgerEntry last = ledger.last().orElseThrow();
        long count = last.sequence() + 1;
        List<String> hashes = ledger.hashesBelow(count);
        long from = h.createQuery("SELECT COALESCE(MAX(entry_count), 0) FROM checkpoints").mapTo(Long.class).one();
        Checkpoint c = Checkpoint.signed(serverKey, market, period, from, count, last.hash(), Merkle.rootOfHashes(hashes),
                clock.instant().toString(), hashes.subList((int) from, (int) count));
        h.createUpdate("INSERT INTO checkpoints (market, period, from_seq, entry_count, head, root, made_at, server_key, signature)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)")
                .bind(0, market).bind(1, period).bind(2, c.from()).bind(3, c.count()).bind(4, c.head()).bind(5, c.root())
                .bind(6, c.time()).bind(7, c.serverKey()).bind(8, c.signature()).execute();
        return c;
    }

    /** Every checkpoint, oldest first, each with its hashes read from the ledger. */
    static List<Checkpoint> all(Handle h) {
        return read(h, "SELECT * FROM checkpoints ORDER BY entry_count");
    }

    static Optional<Checkpoint> latest(Handle h) {
        return read(h, "SELECT * FROM checkpoints ORDER BY entry_count DESC LIMIT 1").stream().findFirst();
    }

    private static List<Checkpoint> read(Handle h, String sql) {
        return h.createQuery(sql).map((rs, ctx) -> new Checkpoint(rs.getString("market"), rs.getInt("period"), rs.getLong("from_seq"),
                rs.getLong("entry_count"), rs.getString("head"), rs.getString("root"), rs.getString("made_at"),
                rs.getString("server_key"), List.of(), rs.getString("signature"))).list().stream()
                .map(c -> new Checkpoint(c.market(), c.period(), c.from(), c.count(), c.head(), c.root(), c.time(), c.serverKey(),
                        hashes(h, c.from(), c.count()), c.signature())).toList();
    }

    private static List<String> hashes(Handle h, long from, long count) {
        return h.createQuery("SELECT hash FROM ledger WHERE seq >= ? AND seq < ? ORDER BY seq").bind(0, from).bind(1, count)
                .mapTo(String.class).list();
    }
}
