package org.peermarket.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.peermarket.ledger.Signatures;

/** Every SQL statement of the platform, over one JDBI handle (so a caller decides the transaction). */
final class Store {
    private Store() {}

    record StoredParticipant(Participant participant, String tokenHash) {}

    static void insertParticipant(Handle h, Participant p, String tokenHash, long now) {
        h.createUpdate("INSERT INTO participants (id, roles, public_key, token_hash, bus, created_at) VALUES (?,?,?,?,?,?)")
                .bind(0, p.id()).bind(1, p.roles().stream().map(Role::label).sorted().collect(Collectors.joining(",")))
                .bind(2, p.publicKeyText()).bind(3, tokenHash).bind(4, p.bus()).bind(5, now).execute();
    }

    static List<StoredParticipant> participants(Handle h) {
        return h.createQuery("SELECT id, roles, public_key, token_hash, bus FROM participants").map((rs, ctx) -> {
            var roles = Arrays.stream(rs.getString("roles").split(",")).map(r -> Role.of(r).orElseThrow()).collect(Collectors.toSet());
            String key = rs.getString("public_key");
            Participant p = new Participant(rs.getString("id"), roles, Signatures.decodeStoredKey(key), key, rs.getString("bus"));
            return new StoredParticipant(p, rs.getString("token_hash"));
        }).list();
    }

    static void insertMarket(Handle h, MarketDef m) {
        h.createUpdate("INSERT INTO markets (id, mechanism, start_at, period_minutes, gate_minutes, periods, grid, community,"
                        + " limits, imbalance) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .bind(0, m.id()).bind(1, m.mechanism()).bind(2, m.start().getEpochSecond()).bind(3, m.periodMinutes())
                .bind(4, m.gateMinutes()).bind(5, m.periods()).bind(6, m.grid() == null ? null : Json.write(m.grid().toMap()))
                .bind(7, m.community() == null ? null : Json.write(m.community().toMap()))
                .bind(8, m.limits() == null ? null : Json.write(m.limits().toMap()))
                .bind(9, m.imbalance() == null ? null : Json.write(m.imbalance().toMap())).execute();
    }

    static List<MarketDef> markets(Handle h) {
        return h.createQuery("SELECT * FROM markets ORDER BY id").map((rs, ctx) -> new MarketDef(rs.getString("id"),
                rs.getString("mechanism"), Instant.ofEpochSecond(rs.getLong("start_at")), rs.getInt("period_minutes"),
                rs.getInt("gate_minutes"), rs.getInt("periods"), MarketGrid.fromJson(rs.getString("grid")),
                MarketCommunity.fromJson(rs.getString("community")), OrderLimits.fromJson(rs.getString("limits")),
                MarketImbalance.fromJson(rs.getString("imbalance")))).list();
    }

    static void insertRefusal(Handle h, String market, int period, long order, String reason) {
        h.createUpdate("INSERT INTO refusals (market, period, order_id, reason) VALUES (?,?,?,?)")
                .bind(0, market).bind(1, period).bind(2, order).bind(3, reason).execute();
    }

    /** Why matches of this order were refused, oldest first, each reason once. */
    static List<String> refusals(Handle h, long order) {
        return h.createQuery("SELECT reason FROM refusals WHERE order_id = ? GROUP BY reason ORDER BY MIN(seq)").bind(0, order)
                .mapTo(String.class).list();
    }

    static void insertBus(Handle h, String id, String name, Double capacity) {
        h.createUpdate("INSERT INTO buses (id, name, capacity) VALUES (?,?,?)").bind(0, id).bind(1, name).bind(2, capacity).execute();
    }

    static List<java.util.Map<String, Object>> buses(Handle h) {
        return h.createQuery("SELECT id, name, capacity FROM buses ORDER BY id").mapToMap().list();
    }

    static void insertAsset(Handle h, String id, String owner, String bus, String kind, double capacity) {
        h.createUpdate("INSERT INTO assets (id, owner, bus, kind, capacity) VALUES (?,?,?,?,?)")
                .bind(0, id).bind(1, owner).bind(2, bus).bind(3, kind).bind(4, capacity).execute();
    }

    static List<java.util.Map<String, Object>> assets(Handle h) {
        return h.createQuery("SELECT id, owner, bus, kind, capacity FROM assets ORDER BY id").mapToMap().list();
    }

    /** One order row now (a continuous market reads and updates it in the same command). */
    static void insertOrder(Handle h, Order o) {
        WriteBatch.insertNow(h, o);
    }

    /** A received order goes active (in a continuous market, as placed): it is in the ledger now, and its signed text is no longer kept here. */
    static void activate(Handle h, Order o) {
        h.createUpdate("UPDATE orders SET status = ?, filled = ?, ledger_seq = ?, payload = NULL, sig = NULL WHERE id = ?")
                .bind(0, o.status().name()).bind(1, o.filled()).bind(2, o.ledgerSeq()).bind(3, o.id()).execute();
    }

    /** Orders received and not yet activated, with their signed text, oldest first. */
    static List<Activator.Received> received(Handle h) {
        return h.createQuery("SELECT * FROM orders WHERE status = 'RECEIVED' ORDER BY id")
                .map((rs, ctx) -> new Activator.Received(order(rs), rs.getString("payload"), rs.getString("sig"))).list();
    }

    static int receivedCount(Handle h, String market, int period) {
        return h.createQuery("SELECT COUNT(*) FROM orders WHERE market = ? AND period = ? AND status = 'RECEIVED'")
                .bind(0, market).bind(1, period).mapTo(Integer.class).one();
    }

    static void updateOrder(Handle h, long id, double filled, OrderStatus status) {
        h.createUpdate("UPDATE orders SET filled = ?, status = ? WHERE id = ?").bind(0, filled).bind(1, status.name()).bind(2, id).execute();
    }

    static Optional<Order> order(Handle h, long id) {
        return h.createQuery("SELECT * FROM orders WHERE id = ?").bind(0, id).map((rs, ctx) -> order(rs)).findOne();
    }

    static List<String> clientIds(Handle h, String participant) {
        return h.createQuery("SELECT client_id FROM orders WHERE participant = ?").bind(0, participant).mapTo(String.class).list();
    }

    static List<Order> ordersOf(Handle h, String participant, int limit) {
        return h.createQuery("SELECT * FROM orders WHERE participant = ? ORDER BY id DESC LIMIT " + limit)
                .bind(0, participant).map((rs, ctx) -> order(rs)).list();
    }

    static List<Order> liveOrders(Handle h, String market, int period) {
        return h.createQuery("SELECT * FROM orders WHERE market = ? AND period = ? AND status = 'ACTIVE' ORDER BY id")
                .bind(0, market).bind(1, period).map((rs, ctx) -> order(rs)).list();
    }

    static long maxId(Handle h, String table) {
        return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM " + table).mapTo(Long.class).one();
    }

    static void insertTrade(Handle h, TradeRow t) {
        h.createUpdate("INSERT INTO trades (id, market, period, seller_order, buyer_order, seller, buyer, quantity, price, created_at,"
                        + " charge) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                .bind(0, t.id()).bind(1, t.market()).bind(2, t.period()).bind(3, t.sellerOrder()).bind(4, t.buyerOrder())
                .bind(5, t.seller()).bind(6, t.buyer()).bind(7, t.quantity()).bind(8, t.price()).bind(9, t.createdAt())
                .bind(10, t.charge()).execute();
    }

    static List<TradeRow> tradesOf(Handle h, String participant) {
        return h.createQuery("SELECT * FROM trades WHERE seller = ? OR buyer = ? ORDER BY id").bind(0, participant).bind(1, participant)
                .map((rs, ctx) -> trade(rs)).list();
    }

    static List<TradeRow> tradesOfPeriod(Handle h, String market, int period) {
        return h.createQuery("SELECT * FROM trades WHERE market = ? AND period = ? ORDER BY id").bind(0, market).bind(1, period)
                .map((rs, ctx) -> trade(rs)).list();
    }

    static List<TradeRow> recentTrades(Handle h, String market, int limit) {
        return h.createQuery("SELECT * FROM trades WHERE market = ? ORDER BY id DESC LIMIT " + limit).bind(0, market)
                .map((rs, ctx) -> trade(rs)).list();
    }

    static void insertResult(Handle h, String market, int period, String status, Double price, double volume, long now, String root) {
        h.createUpdate("INSERT INTO period_results (market, period, status, price, volume, closed_at, merkle_root) VALUES (?,?,?,?,?,?,?)")
                .bind(0, market).bind(1, period).bind(2, status).bind(3, price).bind(4, volume).bind(5, now).bind(6, root).execute();
    }

    /** A constrained period's congestion (JSON: line duals and congestion components), docs/platform.md#dso-policy. */
    static void setCongestion(Handle h, String market, int period, String json) {
        h.createUpdate("UPDATE period_results SET congestion = ? WHERE market = ? AND period = ?")
                .bind(0, json).bind(1, market).bind(2, period).execute();
    }

    static List<java.util.Map<String, Object>> results(Handle h, String market) {
        return h.createQuery("SELECT period, status, price, volume, closed_at, merkle_root, congestion FROM period_results WHERE market = ?"
                        + " ORDER BY period")
                .bind(0, market).mapToMap().list();
    }

    static int closedPeriods(Handle h, String market) {
        return h.createQuery("SELECT COUNT(*) FROM period_results WHERE market = ?").bind(0, market).mapTo(Integer.class).one();
    }

    static int quarantinedCount(Handle h, String market) {
        return h.createQuery("SELECT COUNT(*) FROM quarantined_periods WHERE market = ?").bind(0, market).mapTo(Integer.class).one();
    }

    static void insertQuarantine(Handle h, String market, int period, String cause, int attempts, long at) {
        h.createUpdate("INSERT INTO quarantined_periods (market, period, cause, attempts, quarantined_at) VALUES (?,?,?,?,?)")
                .bind(0, market).bind(1, period).bind(2, cause).bind(3, attempts).bind(4, at).execute();
    }

    /** Quarantined periods, of one market or (null) of every market, by market and period. */
    static List<Map<String, Object>> quarantined(Handle h, String market) {
        var q = h.createQuery("SELECT * FROM quarantined_periods" + (market == null ? "" : " WHERE market = :m")
                + " ORDER BY market, period");
        if (market != null) {
            q.bind("m", market);
        }
        return q.map((rs, ctx) -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("market", rs.getString("market"));
            m.put("period", rs.getInt("period"));
            m.put("cause", rs.getString("cause"));
            m.put("attempts", rs.getInt("attempts"));
            m.put("at", Instant.ofEpochMilli(rs.getLong("quarantined_at")).toString());
            return m;
        }).list();
    }

    static void insertBill(Handle h, Bill b) {
        h.createUpdate("INSERT INTO bills (market, period, participant, bought, sold, paid, received, residual, grid_charges)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)")
                .bind(0, b.market()).bind(1, b.period()).bind(2, b.participant()).bind(3, b.bought()).bind(4, b.sold())
                .bind(5, b.paid()).bind(6, b.received()).bind(7, b.residual())
                .bind(8, b.gridCharges()).execute();
    }

    static List<Bill> billsOf(Handle h, String participant) {
        return h.createQuery("SELECT * FROM bills WHERE participant = ? ORDER BY market, period").bind(0, participant)
                .map((rs, ctx) -> new Bill(rs.getString("market"), rs.getInt("period"), rs.getString("participant"),
                        rs.getDouble("bought"), rs.getDouble("sold"), rs.getDouble("paid"), rs.getDouble("received"), rs.getDouble("residual"),
                        rs.getDouble("grid_charges"))).list();
    }

    static void insertReading(Handle h, MeterReading r, String by, long now) {
        h.createUpdate("INSERT INTO meter_readings (participant, market, period, start_at, end_at, injection, withdrawal, quality,"
                        + " recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .bind(0, r.participant()).bind(1, r.market()).bind(2, r.period()).bind(3, r.startAt()).bind(4, r.endAt())
                .bind(5, r.injection()).bind(6, r.withdrawal()).bind(7, r.quality()).bind(8, by).bind(9, now).execute();
    }

    /** A correction: the measured values replace the estimated ones. */
    static void updateReading(Handle h, MeterReading r, String by, long now) {
        h.createUpdate("UPDATE meter_readings SET injection = ?, withdrawal = ?, quality = ?, recorded_by = ?, recorded_at = ?"
                        + " WHERE participant = ? AND market = ? AND period = ?")
                .bind(0, r.injection()).bind(1, r.withdrawal()).bind(2, r.quality()).bind(3, by).bind(4, now)
                .bind(5, r.participant()).bind(6, r.market()).bind(7, r.period()).execute();
    }

    static Optional<MeterReading> reading(Handle h, String participant, String market, int period) {
        return h.createQuery("SELECT * FROM meter_readings WHERE participant = ? AND market = ? AND period = ?")
                .bind(0, participant).bind(1, market).bind(2, period).map((rs, ctx) -> reading(rs)).findOne();
    }

    static List<MeterReading> readingsOfPeriod(Handle h, String market, int period) {
        return h.createQuery("SELECT * FROM meter_readings WHERE market = ? AND period = ? ORDER BY participant")
                .bind(0, market).bind(1, period).map((rs, ctx) -> reading(rs)).list();
    }

    /** Readings filtered by market and participant (null: any) and by interval: starting at or after from, ending at or before to. */
    static List<MeterReading> readings(Handle h, String market, String participant, Long from, Long to) {
        StringBuilder sql = new StringBuilder("SELECT * FROM meter_readings WHERE 1 = 1");
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        filter(sql, args, "market", "market = :market", market);
        filter(sql, args, "participant", "participant = :participant", participant);
        filter(sql, args, "from", "start_at >= :from", from);
        filter(sql, args, "to", "end_at <= :to", to);
        var q = h.createQuery(sql + " ORDER BY market, participant, period");
        args.forEach(q::bind);
        return q.map((rs, ctx) -> reading(rs)).list();
    }

    private static void filter(StringBuilder sql, Map<String, Object> args, String name, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.put(name, value);
        }
    }

    private static MeterReading reading(ResultSet rs) throws SQLException {
        return new MeterReading(rs.getString("participant"), rs.getString("market"), rs.getInt("period"), rs.getLong("start_at"),
                rs.getLong("end_at"), rs.getDouble("injection"), rs.getDouble("withdrawal"), rs.getString("quality"));
    }

    private static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getLong("id"), rs.getString("participant"), rs.getString("client_id"), rs.getString("market"),
                rs.getInt("period"), rs.getString("side"), rs.getString("kind"), rs.getString("regulation"),
                Json.points(rs.getString("points")), rs.getDouble("quantity"), rs.getDouble("min_quantity"),
                rs.getDouble("filled"), OrderStatus.valueOf(rs.getString("status")), rs.getLong("created_at"), rs.getLong("ledger_seq"));
    }

    private static TradeRow trade(ResultSet rs) throws SQLException {
        return new TradeRow(rs.getLong("id"), rs.getString("market"), rs.getInt("period"), rs.getLong("seller_order"),
                rs.getLong("buyer_order"), rs.getString("seller"), rs.getString("buyer"), rs.getDouble("quantity"),
                rs.getDouble("price"), rs.getLong("created_at"), rs.getDouble("charge"));
    }
}
