package org.peermarket.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.peermarket.ledger.LedgerEntry;

/**
 * The rows a group of commands inserts into {@code orders} and {@code ledger}, sent as two JDBC
 * batches instead of one statement each: the single writer's hot path (README, Live platform:
 * per-statement overhead was about half of the writer's time). Rows wait here only inside one
 * transaction; the {@link Sequencer} flushes them before any command that may read or update
 * them and before the commit, so nothing is acknowledged that was not written.
 */
final class WriteBatch {
    static final String ORDER_SQL = "INSERT INTO orders (id, participant, client_id, market, period, side, kind, regulation,"
            + " points, quantity, min_quantity, filled, status, created_at, ledger_seq, payload, sig)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String LEDGER_SQL = "INSERT INTO ledger (seq, type, submitter, period, payload, sig, prev, hash) VALUES (?,?,?,?,?,?,?,?)";

    private record Row(Order order, String payload, String signature) {}

    private final List<Row> orders = new ArrayList<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private Handle handle;

    /** Starts a transaction's batch on its handle (nothing may be pending from another). */
    void begin(Handle h) {
        orders.clear();
        entries.clear();
        handle = h;
    }

    /** An order row; {@code payload} and {@code signature} only while its signature is unchecked. */
    void order(Order o, String payload, String signature) {
        orders.add(new Row(o, payload, signature));
    }

    void ledger(LedgerEntry e) {
        entries.add(e);
    }

    /** Drops what is pending: its transaction rolled back. */
    void discard() {
        orders.clear();
        entries.clear();
    }

    /** Writes what is pending. */
    void flush() {
        if (orders.isEmpty() && entries.isEmpty()) {
            return;
        }
        try {
            // ledger rows first: an order row names its ledger entry
            execute(handle.getConnection(), LEDGER_SQL, entries, WriteBatch::bindLedger);
            execute(handle.getConnection(), ORDER_SQL, orders, WriteBatch::bindOrder);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + entries.size() + " ledger entries and " + orders.size() + " orders: "
                    + e.getMessage(), e);
        }
        discard();
    }

    /** One order row at once, through the same statement as the batches. */
    static void insertNow(Handle h, Order o) {
        try {
            execute(h.getConnection(), ORDER_SQL, List.of(new Row(o, null, null)), WriteBatch::bindOrder);
        } catch (SQLException e) {
            throw new IllegalStateException("writing order " + o.id() + ": " + e.getMessage(), e);
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement s, T row) throws SQLException;
    }

    private static <T> void execute(Connection c, String sql, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(s, row);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bindLedger(PreparedStatement s, LedgerEntry e) throws SQLException {
        s.setLong(1, e.sequence());
        s.setString(2, e.type());
        s.setString(3, e.submitter());
        s.setString(4, e.period());
        s.setString(5, e.payload());
        s.setString(6, e.signature());
        s.setString(7, e.prevHash());
        s.setString(8, e.hash());
    }

    private static void bindOrder(PreparedStatement s, Row row) throws SQLException {
        Order o = row.order();
        s.setLong(1, o.id());
        s.setString(2, o.participant());
        s.setString(3, o.clientId());
        s.setString(4, o.market());
        s.setInt(5, o.period());
        s.setString(6, o.side());
        s.setString(7, o.kind());
        s.setString(8, o.regulation());
        s.setString(9, Json.points(o.points()));
        s.setDouble(10, o.quantity());
        s.setDouble(11, o.minQuantity());
        s.setDouble(12, o.filled());
        s.setString(13, o.status().name());
        s.setLong(14, o.createdAt());
        s.setLong(15, o.ledgerSeq());
        s.setString(16, row.payload());
        s.setString(17, row.signature());
    }
}
