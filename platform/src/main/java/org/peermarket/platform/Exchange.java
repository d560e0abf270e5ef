package org.peermarket.platform;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.Checkpoint;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.Ledger;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerVerifier;
import org.peermarket.ledger.Signatures;
import org.peermarket.ledger.Verification;
import org.peermarket.market.registry.Mechanisms;

/**
 * The live market (issue 9, docs/platform.md): participants, markets, orders, continuous
 * matching, gate closure and settlement, with every change written to the database and the
 * ledger in one commit by the {@link Sequencer}. Reads go straight to the database.
 */
public final class Exchange implements AutoCloseable {
    /** Submitter of the entries the platform writes itself (clearing, settlement, period close). */
    public static final String PLATFORM = "platform";
    private static final double EPS = 1e-9;

    private final Database db;
    private final Clock clock;
    private final BillCalculator billing;
    private volatile Publisher publisher = Publisher.NONE;
    private final DbLedgerStore ledgerStore;
    private final Ledger ledger;
    private final Sequencer sequencer;
    private final WriteBatch batch;
    private final Activator activator;
    private final boolean checkLater;
    private final KeyPair serverKey;
    private final Checkpoints checkpoints;
    private final Map<String, TokenHolder> byTokenHash = new ConcurrentHashMap<>();
    private final Map<String, Participant> byId = new ConcurrentHashMap<>();
    private final Map<String, MarketDef> markets = new ConcurrentHashMap<>();
    // sequencer-thread state
    private final Map<String, LiveBook> books = new HashMap<>();
    private final Map<String, CompiledGrid> grids = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> clientIds = new HashMap<>();
    private final Map<String, Integer> closedThrough = new HashMap<>();
    private long nextOrderId;
    private long nextTradeId;

    public Exchange(Database db, Clock clock, BillCalculator billing, int batchSize) {
        this(db, clock, billing, batchSize, false);
    }

    /**
     * With {@code checkLater} an order is acknowledged once it is stored as received, and its
     * signature is checked afterwards by the {@link Activator} (docs/platform.md#signatures); the
     * API then leaves the check to the exchange.
     */
    public Exchange(Database db, Clock clock, BillCalculator billing, int batchSize, boolean checkLater) {
        this(db, clock, billing, batchSize, checkLater, Signatures.newKeyPair());
    }

    /**
     * {@code serverKey} signs the entries the platform writes and the checkpoints
     * (docs/ledger.md); a ledger whose newest server-key entry announces another key gets one.
     */
    public Exchange(Database db, Clock clock, BillCalculator billing, int batchSize, boolean checkLater, KeyPair serverKey) {
        this.checkLater = checkLater;
        this.serverKey = serverKey;
        this.db = db;
        this.clock = clock;
        this.billing = billing;
        this.batch = new WriteBatch();
        this.ledgerStore = new DbLedgerStore(db.jdbi(), batch);
        this.ledger = new Ledger(ledgerStore, serverKey);
        this.checkpoints = new Checkpoints(serverKey, clock, ledgerStore);
        loadState();
        this.sequencer = new Sequencer(db.jdbi(), batchSize, batch, ledgerStore::use, this::onRollback);
        sequencer.call(h -> new Sequencer.Outcome<>(ledger.announceServerKey(PLATFORM), null));
        // one core fewer than the machine has: the acknowledgements keep a core for themselves
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        List<Activator.Received> left = db.jdbi().withHandle(Store::received); // received before a restart
        // no threads for it when signatures are checked on receipt and nothing is left to check
        this.activator = checkLater || !left.isEmpty() ? new Activator(workers, this::signatureHolds, this::activate) : null;
        if (activator != null) {
            left.forEach(activator::add);
        }
    }

    public void publishTo(Publisher p) {
        this.publisher = p;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Reads participants, markets and how far each market is closed from the database. The
     * maps that request threads read are refilled in place, never emptied first, so a read
     * during a rollback's reload still finds what exists (it used to get 500 or 401).
     */
    private void loadState() {
        Map<String, TokenHolder> tokens = new HashMap<>();
        Map<String, Participant> participants = new HashMap<>();
        Map<String, MarketDef> stored = new HashMap<>();
        db.jdbi().useHandle(h -> {
            for (Store.StoredParticipant sp : Store.participants(h)) {
                tokens.put(sp.tokenHash().substring(0, 16), new TokenHolder(sp.tokenHash(), sp.participant()));
                participants.put(sp.participant().id(), sp.participant());
                if (!sp.participant().publicKey().onCurve()) {
                    System.err.println("peermarket: participant " + sp.participant().id()
                            + "'s stored public key is not a point of Ed25519; no order of theirs will verify");
                }
            }
            for (MarketDef m : Store.markets(h)) {
                stored.put(m.id(), m);
                // a quarantined period counts as closed: the market goes on with the next one
                closedThrough.put(m.id(), Store.closedPeriods(h, m.id()) + Store.quarantinedCount(h, m.id()));
            }
            nextOrderId = Store.maxId(h, "orders") + 1;
            nextTradeId = Store.maxId(h, "trades") + 1;
        });
        refill(byTokenHash, tokens);
        refill(byId, participants);
        refill(markets, stored);
    }

    private static <K, V> void refill(Map<K, V> live, Map<K, V> fresh) {
        live.putAll(fresh);
        live.keySet().retainAll(fresh.keySet());
    }

    private void onRollback() {
        books.clear();
        grids.clear();
        clientIds.clear();
        closedThrough.clear();
        ledgerStore.reload();
        loadState();
    }

    // ---- participants -------------------------------------------------------------------

    /** Creates the first admin when there is no participant yet; returns its token, or empty. */
    public Optional<String> bootstrapAdmin(KeyPair key) {
        if (!byId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(register(PLATFORM, "admin", Set.of(Role.ADMIN), Signatures.encode(key.getPublic()), null));
    }

    /**
     * The participant holding this token. Tokens are looked up by the first 16 hex digits of
     * their SHA-256, then the whole hash is compared in constant time.
     */
    public Optional<Participant> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        TokenHolder holder = byTokenHash.get(hash.substring(0, 16));
        return holder != null && Tokens.same(holder.hash(), hash) ? Optional.of(holder.participant()) : Optional.empty();
    }

    private record TokenHolder(String hash, Participant participant) {}

    public Optional<Participant> participant(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Registers a participant and returns its API token (shown once; only its hash is kept). */
    public String register(String by, String id, Set<Role> roles, String publicKey, String bus) {
        String token = Tokens.newToken();
        String hash = Tokens.hash(token);
        Participant p = new Participant(id, roles, Signatures.decodeVerifyingKey(publicKey), publicKey, bus);
        sequencer.call(h -> {
            if (byId.containsKey(id)) {
                throw new ApiException(409, "participant " + id + " exists");
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", id);
            payload.put("roles", roles.stream().map(Role::label).sorted().toList());
            payload.put("publicKey", publicKey);
            payload.put("bus", bus == null ? "" : bus);
            Store.insertParticipant(h, p, hash, clock.millis());
            ledger.append(EntryTypes.PARTICIPANT, by, "", Canonical.json(payload), "");
            byId.put(id, p);
            byTokenHash.put(hash.substring(0, 16), new TokenHolder(hash, p));
            return new Sequencer.Outcome<>(null, null);
        });
        return token;
    }

    // ---- markets, buses, assets -----------------------------------------------------------

    public MarketDef createMarket(String by, MarketDef m) {
        if (!Mechanisms.names().contains(m.mechanism())) {
            throw ApiException.invalid("mechanism", m.mechanism(), "not a registered mechanism; one of " + Mechanisms.names());
        }
        if (m.mechanism().startsWith("hybrid/")) {
            throw ApiException.invalid("mechanism", m.mechanism(), "not available live (nested communities have no live definition)");
        }
        if (m.mechanism().startsWith("heat/")) {
            throw ApiException.invalid("mechanism", m.mechanism(), "not available live (a district-heating network has no live definition;"
                    + " heat markets run with peermarket run, docs/heat-market.md)");
        }
        if (m.mechanism().equals(Api.COMMUNITY) != (m.community() != null)) {
            throw ApiException.invalid("community", null, "a " + Api.COMMUNITY + " market, and only such a market, has a community");
        }
        return sequencer.call(h -> {
            if (markets.containsKey(m.id())) {
                throw new ApiException(409, "market " + m.id() + " exists");
            }
            Store.insertMarket(h, m);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", m.id());
            payload.put("mechanism", m.mechanism());
            payload.put("start", m.start().toString());
            payload.put("periodMinutes", m.periodMinutes());
            payload.put("gateMinutes", m.gateMinutes());
            payload.put("periods", m.periods());
            if (m.grid() != null) {
                payload.put("grid", m.grid().toMap());
            }
            if (m.community() != null) {
                payload.put("community", m.community().toMap());
            }
            if (m.limits() != null) {
                payload.put("limits", m.limits().toMap());
            }
            if (m.imbalance() != null) {
                payload.put(MarketImbalance.FIELD, m.imbalance().toMap());
            }
            ledger.append("market", by, "", Canonical.json(payload), "");
            markets.put(m.id(), m);
            closedThrough.put(m.id(), 0);
            return new Sequencer.Outcome<>(m, null);
        });
    }

    public Optional<MarketDef> market(String id) {
        return Optional.ofNullable(markets.get(id));
    }

    public List<MarketDef> markets() {
        return markets.values().stream().sorted(java.util.Comparator.comparing(MarketDef::id)).toList();
    }

    public void createBus(String id, String name, Double capacity) {
        sequencer.call(h -> {
            if (Store.buses(h).stream().anyMatch(b -> id.equals(b.get("id")))) {
                throw new ApiException(409, "bus " + id + " exists");
            }
            Store.insertBus(h, id, name, capacity);
            return new Sequencer.Outcome<>(null, null);
        });
    }

    public List<Map<String, Object>> buses() {
        return db.jdbi().withHandle(Store::buses);
    }

    public void createAsset(String id, String owner, String bus, String kind, double capacity) {
        if (!byId.containsKey(owner)) {
            throw ApiException.invalid("owner", owner, "no such participant");
        }
        sequencer.call(h -> {
            if (Store.buses(h).stream().noneMatch(b -> bus.equals(b.get("id")))) {
                throw ApiException.invalid("bus", bus, "no such bus");
            }
            if (Store.assets(h).stream().anyMatch(a -> id.equals(a.get("id")))) {
                throw new ApiException(409, "asset " + id + " exists");
            }
            Store.insertAsset(h, id, owner, bus, kind, capacity);
            return new Sequencer.Outcome<>(null, null);
        });
    }

    public List<Map<String, Object>> assets() {
        return db.jdbi().withHandle(Store::assets);
    }

    // ---- orders ---------------------------------------------------------------------------

    /** True when orders are acknowledged as received and their signatures checked afterwards. */
    public boolean checksSignaturesLater() {
        return checkLater;
    }

    /**
     * Records, places (and in a continuous market matches) an order; returns it as committed.
     * When signatures are checked later the order is only stored as received: its signature
     * has not been checked yet, and the {@link Activator} activates or kills it.
     */
    public Order submit(Participant who, OrderRequest r) {
        return submitAll(who, List.of(r)).get(0);
    }

    /**
     * Records a batch of one participant's orders in one commit, all or none: every order is
     * checked (gate, client id, also against the others of the batch) before any is written;
     * then each is placed as {@link #submit} would, in the batch's order.
     */
    public List<Order> submitAll(Participant who, List<OrderRequest> requests) {
        boolean onlyInserts = checkLater || requests.stream().noneMatch(r -> markets.get(r.market()).continuous());
        return sequencer.call(h -> {
            java.util.Set<String> used = clientIds(h, who.id());
            java.util.Set<String> fresh = new java.util.HashSet<>();
            for (int i = 0; i < requests.size(); i++) {
                OrderRequest r = requests.get(i);
                MarketDef m = markets.get(r.market());
                String at = requests.size() == 1 ? "" : "orders[" + i + "].";
                if (!mayOrder(m, who)) {
                    throw notAMember(m, who);
                }
                if (!clock.instant().isBefore(m.gateClosure(r.period()))) {
                    throw ApiException.invalid(at + "from", m.periodStart(r.period()), "the gate of this period closed at " + m.gateClosure(r.period()));
                }
                if (used.contains(r.clientId()) || !fresh.add(r.clientId())) {
                    throw new ApiException(409, "clientId " + r.clientId() + " was used already",
                            List.of(new org.peermarket.model.Problem(at + "clientId", r.clientId(), "already used by one of your orders")));
                }
            }
            used.addAll(fresh);
            List<Order> placed = new ArrayList<>();
            List<Runnable> after = new ArrayList<>();
            for (OrderRequest r : requests) {
                Sequencer.Outcome<Order> o = place(h, who, markets.get(r.market()), r);
                placed.add(o.value());
                if (o.afterCommit() != null) {
                    after.add(o.afterCommit());
                }
            }
            return new Sequencer.Outcome<>(placed, () -> after.forEach(Runnable::run));
        }, onlyInserts);
    }

    /** Only the members of a community market's community may order in it. */
    static boolean mayOrder(MarketDef m, Participant who) {
        return m.community() == null || m.community().isMember(who.id());
    }

    static ApiException notAMember(MarketDef m, Participant who) {
        return new ApiException(403, "only the members of community market " + m.id() + " may submit orders to it; "
                + who.id() + " is not in its community.members");
    }

    /** Records one checked order: received, or active (in a continuous market, matched). */
    private Sequencer.Outcome<Order> place(Handle h, Participant who, MarketDef m, OrderRequest r) {
        if (checkLater) {
            Order o = newOrder(who, m, r, OrderStatus.RECEIVED, -1);
            batch.order(o, r.payload(), r.signature());
            return new Sequencer.Outcome<>(o, () -> activator.add(new Activator.Received(o, r.payload(), r.signature())));
        }
        LiveBook book = m.continuous() ? book(h, m, r.period()) : null; // loaded before anything is written
        LedgerEntry entry = ledger.append(EntryTypes.ORDER, who.id(), m.scope(r.period()), r.payload(), r.signature());
        Order o = newOrder(who, m, r, OrderStatus.ACTIVE, entry.sequence());
        if (!m.continuous()) {
            batch.order(o, null, null);
            return new Sequencer.Outcome<>(o, null);
        }
        return placeContinuous(h, m, book, o, true);
    }

    private Order newOrder(Participant who, MarketDef m, OrderRequest r, OrderStatus status, long ledgerSeq) {
        return new Order(nextOrderId++, who.id(), r.clientId(), m.id(), r.period(), r.side(), r.kind(), r.regulation(), r.points(),
                r.quantity(), r.minQuantity(), 0, status, clock.millis(), ledgerSeq);
    }

    private boolean signatureHolds(Activator.Received r) {
        Participant p = byId.get(r.order().participant());
        return p != null && Signatures.verify(p.publicKey(), r.payload(), r.signature());
    }

    /**
     * Activates received orders whose signature holds (each now goes to the ledger, and in a
     * continuous market is matched, in the order received) and kills the others.
     */
    private void activate(List<Activator.Checked> verdicts) {
        sequencer.call(h -> {
            List<Runnable> after = new ArrayList<>();
            for (Activator.Checked c : verdicts) {
                Order o = c.received().order();
                MarketDef m = markets.get(o.market());
                if (!c.valid()) {
                    Store.updateOrder(h, o.id(), 0, OrderStatus.KILLED);
                    Store.insertRefusal(h, o.market(), o.period(), o.id(), BAD_SIGNATURE);
                    after.add(() -> publishStatus(o.participant(), o.id(), OrderStatus.KILLED));
                    continue;
                }
                LiveBook book = m.continuous() ? book(h, m, o.period()) : null;
                LedgerEntry entry = ledger.append(EntryTypes.ORDER, o.participant(), m.scope(o.period()), c.received().payload(),
                        c.received().signature());
                Order active = o.activated(entry.sequence());
                if (m.continuous()) {
                    Sequencer.Outcome<Order> placed = placeContinuous(h, m, book, active, false);
                    after.add(placed.afterCommit());
                    after.add(() -> publishStatus(o.participant(), o.id(), placed.value().status()));
                } else {
                    Store.activate(h, active);
                    after.add(() -> publishStatus(o.participant(), o.id(), OrderStatus.ACTIVE));
                }
            }
            return new Sequencer.Outcome<>(null, () -> after.forEach(Runnable::run));
        });
    }

    /** The refusal a received order gets when its signature does not hold. */
    static final String BAD_SIGNATURE = "signature: does not verify with the participant's registered Ed25519 key over the"
            + " canonical JSON of the body without signature";

    private void publishStatus(String participant, long order, OrderStatus status) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "order");
        e.put("order", order);
        e.put("status", status.label());
        publisher.privateEvent(participant, e);
    }

    /** {commit groups, commands in them} since the start: how much the single writer groups (bench/PlatformLoad). */
    public long[] commitGroups() {
        return sequencer.groupStatistics();
    }

    /** Received orders whose signature is not checked yet. */
    public int pendingActivations() {
        return activator == null ? 0 : activator.pending();
    }

    /**
     * The client ids a participant has used, loaded on its first order after a start; a
     * rolled-back group clears them all (so an id added by an order that was not committed is
     * forgotten again).
     */
    private java.util.Set<String> clientIds(Handle h, String participant) {
        return clientIds.computeIfAbsent(participant, p -> {
            batch.flush();
            return new java.util.HashSet<>(Store.clientIds(h, p));
        });
    }

    /** Matches an order on arrival; {@code fresh}: its row is inserted, else it exists as received. */
    private Sequencer.Outcome<Order> placeContinuous(Handle h, MarketDef m, LiveBook book, Order o, boolean fresh) {
        LiveBook.Placed placed = book.place(o);
        double filled = placed.fills().stream().mapToDouble(Clearing.Fill::quantity).sum();
        OrderStatus status = filled >= o.quantity() - EPS ? OrderStatus.FILLED
                : o.kind().equals("limit") && !placed.restRefused() ? OrderStatus.ACTIVE : OrderStatus.KILLED;
        Order placedOrder = o.with(filled, status);
        if (fresh) {
            Store.insertOrder(h, placedOrder);
        } else {
            Store.activate(h, placedOrder);
        }
        book.update(placedOrder);
        placed.refusals().forEach(x -> Store.insertRefusal(h, m.id(), o.period(), x.order(), x.reason()));
        List<TradeRow> trades = new ArrayList<>();
        for (Clearing.Fill f : placed.fills()) {
            long restingId = o.buy() ? f.sellerOrder() : f.buyerOrder();
            Order resting = book.get(restingId);
            Order after = resting.with(resting.filled() + f.quantity(),
                    resting.filled() + f.quantity() >= resting.quantity() - EPS ? OrderStatus.FILLED : OrderStatus.ACTIVE);
            Store.updateOrder(h, after.id(), after.filled(), after.status());
            book.update(after);
            trades.add(recordTrade(h, m, o.period(), f, o.buy() ? resting : o, o.buy() ? o : resting));
        }
        return new Sequencer.Outcome<>(placedOrder, () -> trades.forEach(t -> publishTrade(t)));
    }

    private LiveBook book(Handle h, MarketDef m, int period) {
        return books.computeIfAbsent(m.scope(period), k -> {
            LiveBook b = new LiveBook(grid(m));
            for (Order o : Store.liveOrders(h, m.id(), period)) {
                if (!b.place(o).fills().isEmpty()) {
                    throw new IllegalStateException("resting orders of " + k + " cross: the stored book is inconsistent");
                }
            }
            return b;
        });
    }

    /** The DSO's policy over this market's matches: none without a grid (docs/platform.md). */
    private Clearing.Grid grid(MarketDef m) {
        if (m.grid() == null) {
            return Clearing.Grid.NONE;
        }
        return grids.computeIfAbsent(m.id(), k -> m.grid().compile(m.periodMinutes())).judge(this::busOf);
    }

    private String busOf(String participant) {
        Participant p = byId.get(participant);
        return p == null ? null : p.bus();
    }

    /** Why matches of the caller's order were refused (empty when none were). */
    public List<String> refusals(long order) {
        return db.jdbi().withHandle(h -> Store.refusals(h, order));
    }

    private TradeRow recordTrade(Handle h, MarketDef m, int period, Clearing.Fill f, Order seller, Order buyer) {
        TradeRow t = new TradeRow(nextTradeId++, m.id(), period, f.sellerOrder(), f.buyerOrder(), seller.participant(),
                buyer.participant(), f.quantity(), f.price(), clock.millis(), f.charge());
        Store.insertTrade(h, t);
        return t;
    }

    private void publishTrade(TradeRow t) {
        Map<String, Object> pub = new LinkedHashMap<>();
        pub.put("type", "trade");
        pub.put("market", t.market());
        pub.put("period", t.period());
        pub.put("quantity", t.quantity());
        pub.put("price", t.price());
        publisher.publicEvent(pub);
        for (String[] side : new String[][] {{t.seller(), "sell", String.valueOf(t.sellerOrder())}, {t.buyer(), "buy", String.valueOf(t.buyerOrder())}}) {
            Map<String, Object> fill = new LinkedHashMap<>(pub);
            fill.put("type", "fill");
            fill.put("side", side[1]);
            fill.put("order", Long.parseLong(side[2]));
            fill.put("trade", t.id());
            publisher.privateEvent(side[0], fill);
        }
    }

    /** Cancels one of the caller's live orders; another participant's order is "not found". */
    public Order cancel(Participant who, long orderId, String payload, String signature) {
        return sequencer.call(h -> {
            Order o = Store.order(h, orderId).filter(x -> x.participant().equals(who.id()))
                    .orElseThrow(() -> ApiException.notFound("order " + orderId));
            if (!o.status().live()) {
                throw new ApiException(409, "order " + orderId + " is " + o.status().label() + ", it cannot be cancelled");
            }
            if (o.status() == OrderStatus.RECEIVED) {
                throw new ApiException(409, "order " + orderId + " is received and its signature not checked yet; cancel it once it is active");
            }
            MarketDef m = markets.get(o.market());
            ledger.append(EntryTypes.CANCEL, who.id(), m.scope(o.period()), payload, signature);
            Order after = o.with(o.filled(), OrderStatus.CANCELLED);
            Store.updateOrder(h, orderId, o.filled(), OrderStatus.CANCELLED);
            LiveBook b = books.get(m.scope(o.period()));
            if (b != null) {
                b.cancel(orderId);
            }
            return new Sequencer.Outcome<>(after, null);
        });
    }

    public Optional<Order> order(Participant who, long id) {
        return db.jdbi().withHandle(h -> Store.order(h, id)).filter(o -> o.participant().equals(who.id()) || who.has(Role.ADMIN));
    }

    public List<Order> orders(Participant who, int limit) {
        return db.jdbi().withHandle(h -> Store.ordersOf(h, who.id(), limit));
    }

    public List<TradeRow> trades(Participant who) {
        return db.jdbi().withHandle(h -> Store.tradesOf(h, who.id()));
    }

    /** The caller's bills; for a participant with role dso also the DSO account's (grid charges received). */
    public List<Bill> bills(Participant who) {
        return db.jdbi().withHandle(h -> {
            List<Bill> out = new ArrayList<>(Store.billsOf(h, who.id()));
            if (who.has(Role.DSO) && !who.id().equals(SettlementBills.DSO_ACCOUNT)) {
                out.addAll(Store.billsOf(h, SettlementBills.DSO_ACCOUNT));
            }
            return out;
        });
    }

    // ---- meter readings ---------------------------------------------------------------------

    /** What a post of meter readings did: how many were new, corrected (estimated to measured) or already there. */
    public record ReadingsOutcome(int stored, int corrected, int unchanged) {}

    /**
     * Records meter readings, all or none (docs/platform.md#meter-readings): a reading already there with the same
     * values is left as it is; a different one for an interval already read is a 409 naming every such interval,
     * unless it corrects an estimated reading with a measured one. What changed goes to the ledger in one entry.
     */
    public ReadingsOutcome recordReadings(String by, List<MeterReading> readings) {
        return sequencer.call(h -> {
            List<MeterReading> fresh = new ArrayList<>();
            List<MeterReading> corrections = new ArrayList<>();
            List<org.peermarket.model.Problem> conflicts = new ArrayList<>();
            int unchanged = 0;
            for (int i = 0; i < readings.size(); i++) {
                MeterReading r = readings.get(i);
                Optional<MeterReading> old = Store.reading(h, r.participant(), r.market(), r.period());
                if (old.isEmpty()) {
                    fresh.add(r);
                } else if (old.get().sameValue(r)) {
                    unchanged++;
                } else if (r.corrects(old.get())) {
                    corrections.add(r);
                } else {
                    conflicts.add(new org.peermarket.model.Problem(readings.size() == 1 ? "reading" : "readings[" + i + "]",
                            r.interval(), "already read: injection " + old.get().injection() + ", withdrawal "
                            + old.get().withdrawal() + " (" + old.get().quality() + "); only a measured reading replaces an"
                            + " estimated one"));
                }
            }
            if (!conflicts.isEmpty()) {
                throw new ApiException(409, "meter reading conflicts with one already recorded", conflicts);
            }
            long now = clock.millis();
            fresh.forEach(r -> Store.insertReading(h, r, by, now));
            corrections.forEach(r -> Store.updateReading(h, r, by, now));
            if (!fresh.isEmpty() || !corrections.isEmpty()) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("readings", fresh.stream().map(MeterReading::toMap).toList());
                payload.put("corrections", corrections.stream().map(MeterReading::toMap).toList());
                ledger.append(METER_READINGS, by, "", Canonical.json(payload), "");
            }
            return new Sequencer.Outcome<>(new ReadingsOutcome(fresh.size(), corrections.size(), unchanged), null);
        });
    }

    /** The ledger entry type of posted meter readings (payload {@code {readings, corrections}}). */
    static final String METER_READINGS = "meter-readings";

    /** Readings by market, participant (null: any) and interval within [from, to] (null: open), by market, participant, period. */
    public List<MeterReading> readings(String market, String participant, Instant from, Instant to) {
        return db.jdbi().withHandle(h -> Store.readings(h, market, participant, from == null ? null : from.getEpochSecond(),
                to == null ? null : to.getEpochSecond()));
    }

    /**
     * Each participant's deviation in the closed periods of a market (one period, or null: all), metered minus
     * traded, priced with the market's imbalance prices when it has them (docs/platform.md#deviations).
     */
    public List<Map<String, Object>> deviations(MarketDef m, Integer period) {
        return db.jdbi().withHandle(h -> {
            List<Integer> closed = Store.results(h, m.id()).stream().map(r -> ((Number) r.get("period")).intValue()).toList();
            if (period != null && !closed.contains(period)) {
                throw new ApiException(404, "period " + period + " of market " + m.id() + " has not been closed and settled");
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (int k : period == null ? closed : List.of(period)) {
                out.addAll(MeterReadings.deviations(m, k, Store.tradesOfPeriod(h, m.id(), k), Store.readingsOfPeriod(h, m.id(), k)));
            }
            return out;
        });
    }

    // ---- gate closure ----------------------------------------------------------------------

    /** A delivery period that was closed: how it cleared and its Merkle root. */
    public record Closed(String market, int period, String status, Double price, double volume, int trades, String merkleRoot) {}

    /**
     * Closes, in order, every period whose gate has closed by the clock's now. A market whose
     * closure fails is left for the next call while the other markets go on; a period whose
     * closure itself fails ({@link ClosureFailure}) {@link #QUARANTINE_AFTER} times in a row is
     * quarantined and its market goes on with the next period (docs/platform.md#quarantined-periods).
     * The first failure is thrown after every market had its turn, the others suppressed in it.
     */
    public List<Closed> closeDuePeriods() {
        try {
            if (activator != null) {
                activator.awaitIdle(30_000); // orders received before a gate are cleared with its period
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<Closed> done = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (MarketDef m : markets()) {
            while (true) {
                Closed c;
                try {
                    c = sequencer.call(h -> closing(h, m));
                } catch (RuntimeException e) {
                    failures.add(e);
                    if (quarantineIfDue(m, e, failures)) {
                        continue;
                    }
                    break;
                }
                if (c == null) {
                    break;
                }
                attempts.remove(m.scope(c.period()));
                done.add(c);
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
        return done;
    }

    /** Failed closures of a period, not database errors, before it is quarantined. */
    static final int QUARANTINE_AFTER = 3;
    /** Failed attempts per period scope since the last start (reset by a success). */
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /**
     * A gate closure that failed by itself (a bug, an overflow, a failed result check), as
     * opposed to a failure of the database under it: its cause is the original error.
     */
    static final class ClosureFailure extends IllegalStateException {
        final int period;

        ClosureFailure(MarketDef m, int period, RuntimeException cause) {
            super("gate closure of " + m.scope(period) + " failed: " + cause, cause);
            this.period = period;
        }
    }

    /** The next closure of {@code m}; any error but the database's becomes a {@link ClosureFailure}. */
    private Sequencer.Outcome<Closed> closing(Handle h, MarketDef m) {
        int k = closedThrough.getOrDefault(m.id(), 0);
        try {
            return closeNext(h, m);
        } catch (RuntimeException e) {
            if (causedBy(e, java.sql.SQLException.class)) {
                throw e;
            }
            // wrapped also when it is an ApiException or ValidationException, so the group is rolled back
            throw new ClosureFailure(m, k, e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Counts a failed attempt; the third in a row quarantines the period. True when it did. */
    private boolean quarantineIfDue(MarketDef m, RuntimeException e, List<RuntimeException> failures) {
        ClosureFailure f = null;
        for (Throwable t = e; t != null && f == null; t = t.getCause()) {
            f = t instanceof ClosureFailure x ? x : null;
        }
        if (f == null) {
            return false; // the database: retried on the next tick, never quarantined
        }
        int period = f.period;
        int n = attempts.merge(m.scope(period), 1, Integer::sum);
        if (n < QUARANTINE_AFTER) {
            return false;
        }
        String cause = cause(f.getCause());
        try {
            sequencer.call(h -> quarantine(h, m, period, cause, n));
        } catch (RuntimeException q) {
            failures.add(q);
            return false;
        }
        attempts.remove(m.scope(period));
        return true;
    }

    /** The error and, when different, its root cause, as text for the admin. */
    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.toString() + (root == e ? "" : "; root cause: " + root);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    /**
     * Sets a period aside for good: stored with its cause, its orders untouched (still active,
     * no trades, no bills), and the market goes on with the next period. The admins are told.
     */
    private Sequencer.Outcome<Closed> quarantine(Handle h, MarketDef m, int k, String cause, int tries) {
        if (closedThrough.getOrDefault(m.id(), 0) != k) {
            return new Sequencer.Outcome<>(null, null); // closed meanwhile
        }
        long at = clock.millis();
        Store.insertQuarantine(h, m.id(), k, cause, tries, at);
        books.remove(m.scope(k));
        closedThrough.put(m.id(), k + 1);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "quarantine");
        e.put("market", m.id());
        e.put("period", k);
        e.put("cause", cause);
        e.put("attempts", tries);
        e.put("at", java.time.Instant.ofEpochMilli(at).toString());
        return new Sequencer.Outcome<>(null, () -> byId.values().stream().filter(p -> p.has(Role.ADMIN))
                .forEach(p -> publisher.privateEvent(p.id(), e)));
    }

    /** Quarantined periods with their causes: of one market, or (null) of all. */
    public List<Map<String, Object>> quarantined(String market) {
        return db.jdbi().withHandle(h -> Store.quarantined(h, market));
    }

    private Sequencer.Outcome<Closed> closeNext(Handle h, MarketDef m) {
        int k = closedThrough.getOrDefault(m.id(), 0);
        if (k >= m.periods() || clock.instant().isBefore(m.gateClosure(k)) || Store.receivedCount(h, m.id(), k) > 0) {
            return new Sequencer.Outcome<>(null, null); // not due, or received orders still to be activated (next tick)
        }
        List<Order> live = Store.liveOrders(h, m.id(), k);
        if (m.community() != null) {
            return closeCommunity(h, m, k, live);
        }
        Clearing.Outcome cleared = m.continuous() ? new Clearing.Outcome("cleared", List.of()) : Clearing.clear(m.mechanism(), live, grid(m));
        cleared.refusals().forEach(x -> Store.insertRefusal(h, m.id(), k, x.order(), x.reason()));
        Map<Long, Order> byOrder = live.stream().collect(Collectors.toMap(Order::id, o -> o));
        List<TradeRow> fresh = new ArrayList<>();
        Map<Long, Double> filled = new HashMap<>();
        for (Clearing.Fill f : cleared.fills()) {
            fresh.add(recordTrade(h, m, k, f, byOrder.get(f.sellerOrder()), byOrder.get(f.buyerOrder())));
            filled.merge(f.sellerOrder(), f.quantity(), Double::sum);
            filled.merge(f.buyerOrder(), f.quantity(), Double::sum);
        }
        settleOrders(h, live, filled);
        books.remove(m.scope(k));
        List<TradeRow> all = Store.tradesOfPeriod(h, m.id(), k);
        double volume = all.stream().mapToDouble(TradeRow::quantity).sum();
        Double price = volume > 0 ? all.stream().mapToDouble(t -> t.quantity() * t.price()).sum() / volume : null;
        Map<String, Object> clearing = clearingPayload(m, k, cleared.status(), price, volume, all);
        if (cleared.congestion() != null) {
            clearing.put("congestion", cleared.congestion());
        }
        BillCalculator.Settled settled = billing.settle(m.id(), k, all);
        return finish(h, m, k, new Closed(m.id(), k, cleared.status(), price, volume, all.size(), null), clearing, settled,
                settled.bills(), fresh, cleared.congestion());
    }

    /** Every live order of a closed period ends filled, or expired with what it traded. */
    private static void settleOrders(Handle h, List<Order> live, Map<Long, Double> filled) {
        for (Order o : live) {
            double total = o.filled() + filled.getOrDefault(o.id(), 0.0);
            Store.updateOrder(h, o.id(), total, total >= o.quantity() - EPS ? OrderStatus.FILLED : OrderStatus.EXPIRED);
        }
    }

    /**
     * The end of every gate closure: the clearing and settlement entries, the bills kept
     * ({@code stored}: those of participants), the period's Merkle root, its result row, and what
     * to publish after the commit. {@code c} is the period as closed, without its root yet.
     */
    private Sequencer.Outcome<Closed> finish(Handle h, MarketDef m, int k, Closed c, Map<String, Object> clearing,
                                             BillCalculator.Settled settled, List<Bill> stored, List<TradeRow> fresh,
                                             Map<String, Object> congestion) {
        ledger.append(EntryTypes.CLEARING, PLATFORM, m.scope(k), Canonical.json(clearing), "");
        stored.forEach(b -> Store.insertBill(h, b));
        ledger.append(EntryTypes.SETTLEMENT, PLATFORM, m.scope(k), Canonical.json(Map.of("market", m.id(), "period", k,
                "bills", settled.bills().stream().map(Exchange::billMap).toList(), "transactions", settled.transactions())), "");
        LedgerEntry close = ledger.closePeriod(m.scope(k), PLATFORM);
        Checkpoint checkpoint = checkpoints.make(h, m.id(), k);
        String root = Canonical.parse(close.payload()).get("root").asText();
        Store.insertResult(h, m.id(), k, c.status(), c.price(), c.volume(), clock.millis(), root);
        if (congestion != null) {
            Store.setCongestion(h, m.id(), k, Json.write(congestion));
        }
        closedThrough.put(m.id(), k + 1);
        Closed closed = new Closed(c.market(), k, c.status(), c.price(), c.volume(), c.trades(), root);
        return new Sequencer.Outcome<>(closed, () -> {
            publishClose(closed, fresh, stored);
            publishCheckpoint(checkpoint);
        });
    }

    /**
     * Gate closure of a community market (docs/platform.md#community-markets): the registered
     * mechanism clears the period's pool, its checked result is recorded as trades with the pool
     * and the outside, the period price is lambda_c, and the bills come from the section 2
     * settlement. One commit, like every gate closure.
     */
    private Sequencer.Outcome<Closed> closeCommunity(Handle h, MarketDef m, int k, List<Order> live) {
        CommunityClearing.Outcome cleared = CommunityClearing.clear(m, k, live, grid(m));
        List<TradeRow> fresh = new ArrayList<>();
        for (CommunityClearing.Leg leg : cleared.legs()) {
            TradeRow t = new TradeRow(nextTradeId++, m.id(), k, leg.sellerOrder(), leg.buyerOrder(), leg.seller(), leg.buyer(),
                    leg.quantity(), leg.price(), clock.millis());
            Store.insertTrade(h, t);
            fresh.add(t);
        }
        settleOrders(h, live, cleared.filled());
        Double price = cleared.solved() ? cleared.price() : null;
        double volume = cleared.volume();
        Map<String, Object> payload = clearingPayload(m, k, cleared.status(), price, volume, fresh);
        payload.put("community", communityPayload(cleared));
        BillCalculator.Settled settled = billing.settleCommunity(m.id(), k, cleared);
        List<Bill> bills = settled.bills().stream().filter(b -> byId.containsKey(b.participant())).toList();
        return finish(h, m, k, new Closed(m.id(), k, cleared.status(), price, volume, fresh.size(), null), payload, settled, bills,
                fresh, null);
    }

    /** The section 2 quantities of a community period for the ledger: lambda_c, totals, each point's flows. */
    private static Map<String, Object> communityPayload(CommunityClearing.Outcome o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("manager", o.community().manager());
        p.put("cause", o.cause());
        p.put("importPrice", o.importPrice());
        p.put("exportPrice", o.exportPrice());
        p.put("fee", o.community().fee(o.period()));
        p.put("imports", o.imports());
        p.put("exports", o.exports());
        // [order, point, p, q, alpha, beta] per member
        p.put("members", o.flows().stream().map(f -> List.of(f.member().order().id(), f.member().point(), f.p(), f.q(), f.alpha(),
                f.beta())).toList());
        return p;
    }

    private static Map<String, Object> clearingPayload(MarketDef m, int k, String status, Double price, double volume, List<TradeRow> trades) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("market", m.id());
        p.put("period", k);
        p.put("mechanism", m.mechanism());
        p.put("status", status);
        p.put("price", price);
        p.put("volume", volume);
        // a trade's grid charge per kWh joins its row only when there is one, so ledgers without charges read as before
        p.put("trades", trades.stream().map(t -> t.charge() == 0
                ? List.of(t.id(), t.sellerOrder(), t.buyerOrder(), t.quantity(), t.price())
                : List.of(t.id(), t.sellerOrder(), t.buyerOrder(), t.quantity(), t.price(), t.charge())).toList());
        return p;
    }

    static Map<String, Object> billMap(Bill b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("market", b.market());
        m.put("period", b.period());
        m.put("participant", b.participant());
        m.put("bought", b.bought());
        m.put("sold", b.sold());
        m.put("paid", b.paid());
        m.put("received", b.received());
        m.put("net", b.net());
        m.put("residual", b.residual());
        m.put("gridCharges", b.gridCharges());
        return m;
    }

    private void publishClose(Closed c, List<TradeRow> fresh, List<Bill> bills) {
        fresh.forEach(this::publishTrade);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "period");
        e.put("market", c.market());
        e.put("period", c.period());
        e.put("status", c.status());
        e.put("price", c.price());
        e.put("volume", c.volume());
        publisher.publicEvent(e);
        for (Bill b : bills) {
            Map<String, Object> bill = new LinkedHashMap<>(billMap(b));
            bill.put("type", "bill");
            publisher.privateEvent(b.participant(), bill);
            if (b.participant().equals(SettlementBills.DSO_ACCOUNT)) {
                // the DSO account's bill goes to every DSO, as GET /api/bills shows it to them
                byId.values().stream().filter(p -> p.has(Role.DSO) && !p.id().equals(SettlementBills.DSO_ACCOUNT))
                        .forEach(p -> publisher.privateEvent(p.id(), bill));
            }
        }
    }

    // ---- public market data -------------------------------------------------------------------

    /** Per closed period: status, price, volume, Merkle root, and a constrained period's congestion (else null). */
    public List<Map<String, Object>> results(String market) {
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> Store.results(h, market));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            Object c = r.get("congestion");
            r.put("congestion", c == null ? null : Json.tree(c.toString()));
            out.add(r);
        }
        return out;
    }

    public List<TradeRow> recentTrades(String market, int limit) {
        return db.jdbi().withHandle(h -> Store.recentTrades(h, market, limit));
    }

    /** Aggregate resting quantity per price level of one period's live orders (no owners). */
    public Map<String, List<double[]>> depth(String market, int period) {
        List<Order> live = db.jdbi().withHandle(h -> Store.liveOrders(h, market, period));
        Map<Double, Double> bids = new java.util.TreeMap<>(java.util.Collections.reverseOrder());
        Map<Double, Double> asks = new java.util.TreeMap<>();
        for (Order o : live) {
            double left = o.remaining();
            for (Order.Point p : o.points()) {
                double q = Math.min(left, p.quantity());
                if (q > 0) {
                    (o.buy() ? bids : asks).merge(p.price(), q, Double::sum);
                }
                left -= q;
            }
        }
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        out.put("bids", bids.entrySet().stream().map(e -> new double[] {e.getKey(), e.getValue()}).toList());
        out.put("asks", asks.entrySet().stream().map(e -> new double[] {e.getKey(), e.getValue()}).toList());
        return out;
    }

    /** The first period of the market whose gate is still open, or -1. */
    public int openPeriod(MarketDef m) {
        for (int k = 0; k < m.periods(); k++) {
            if (clock.instant().isBefore(m.gateClosure(k))) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Grid occupancy per bus with a capacity: |net injection| of the participants at the bus in
     * the last closed period of a market, over the bus capacity (kWh per period).
     */
    public List<Map<String, Object>> gridOccupancy(String market) {
        return db.jdbi().withHandle(h -> {
            int last = Store.closedPeriods(h, market) - 1;
            Map<String, Double> net = new HashMap<>();
            if (last >= 0) {
                for (TradeRow t : Store.tradesOfPeriod(h, market, last)) {
                    net.merge(t.seller(), t.quantity(), Double::sum);
                    net.merge(t.buyer(), -t.quantity(), Double::sum);
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> bus : Store.buses(h)) {
                Object cap = bus.get("capacity");
                double injection = byId.values().stream().filter(p -> bus.get("id").equals(p.bus()))
                        .mapToDouble(p -> net.getOrDefault(p.id(), 0.0)).sum();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("bus", bus.get("id"));
                row.put("period", last);
                row.put("injection", injection);
                row.put("capacity", cap);
                row.put("occupancy", cap instanceof Number c && c.doubleValue() > 0 ? Math.abs(injection) / c.doubleValue() : null);
                out.add(row);
            }
            return out;
        });
    }

    // ---- ledger -----------------------------------------------------------------------------------

    public List<LedgerEntry> ledgerEntries() {
        return db.jdbi().withHandle(DbLedgerStore::all);
    }

    public Verification verifyLedger() {
        return LedgerVerifier.verify(ledgerEntries(), serverKey.getPublic());
    }

    /** The server key's public half, base64 X.509 (GET /api/server-key). */
    public String serverPublicKey() {
        return Signatures.encode(serverKey.getPublic());
    }

    /** Every signed checkpoint, oldest first (GET /api/checkpoints). */
    public List<Checkpoint> checkpoints() {
        return db.jdbi().withHandle(Checkpoints::all);
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return db.jdbi().withHandle(Checkpoints::latest);
    }

    private void publishCheckpoint(Checkpoint c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "checkpoint");
        e.putAll(c.toMap());
        publisher.publicEvent(e);
    }

    @Override
    public void close() {
        if (activator != null) {
            activator.close();
        }
        sequencer.close();
    }
}
