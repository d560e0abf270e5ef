package org.peermarket.study.pipeline;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.Ledger;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerVerifier;
import org.peermarket.ledger.MemoryLedgerStore;
import org.peermarket.ledger.Signatures;
import org.peermarket.ledger.Verification;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Trade;
import org.peermarket.settlement.Transaction;

/**
 * The run's tamper-evident ledger (markets.md section 9; docs/ledger.md), as the live platform keeps one: a
 * {@code server-key} entry with a key made for this run, then per period a {@code clearing} entry (status and
 * trades), a {@code settlement} entry (every transaction with its cents) and the period's close (the Merkle root of
 * its entries), each signed by the run's key and hash-chained to the one before. Verified before it is written:
 * {@code peermarket ledger verify ledger.jsonl --server-key KEY} checks it again.
 */
public final class LedgerPhase implements Stage<Settled, LedgerPhase.Book> {
    /** Who submits the run's entries. */
    static final String SUBMITTER = "peermarket-run";

    /** The ledger's entries and the run's public key (base64), which {@code summary.json} names. */
    public record Book(List<LedgerEntry> entries, String publicKey) {
        public Book {
            entries = List.copyOf(entries);
        }
    }

    @Override
    public Phase phase() {
        return Phase.LEDGER;
    }

    @Override
    public Book apply(Settled s) {
        KeyPair key = Signatures.newKeyPair();
        MemoryLedgerStore store = new MemoryLedgerStore();
        Ledger ledger = new Ledger(store, key);
        ledger.announceServerKey(SUBMITTER);
        RunResult run = s.run();
        List<List<Transaction>> byPeriod = new ArrayList<>();
        for (int t = 0; t < run.periods().size(); t++) {
            byPeriod.add(new ArrayList<>());
        }
        for (Transaction tr : s.settlement().transactions()) {
            byPeriod.get(tr.period()).add(tr);
        }
        for (int t = 0; t < run.periods().size(); t++) {
            String period = String.valueOf(t + 1);
            ledger.append(EntryTypes.CLEARING, SUBMITTER, period, clearing(run, t), "");
            ledger.append(EntryTypes.SETTLEMENT, SUBMITTER, period, settlement(byPeriod.get(t)), "");
            ledger.closePeriod(period, SUBMITTER);
        }
        List<LedgerEntry> entries = store.entries();
        Verification v = LedgerVerifier.verify(entries, key.getPublic());
        if (!v.ok()) {
            throw new IllegalStateException("the run's ledger does not verify: " + v.describe());
        }
        return new Book(entries, Signatures.encode(key.getPublic()));
    }

    private static String clearing(RunResult run, int t) {
        ClearingResult r = run.periods().get(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mechanism", run.mechanism());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> trades = new ArrayList<>();
        for (Trade tr : r.trades()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("seller", run.agent(tr.seller()));
            x.put("buyer", run.agent(tr.buyer()));
            x.put("quantity", tr.quantity());
            x.put("price", tr.price());
            trades.add(x);
        }
        m.put("trades", trades);
        return Canonical.json(m);
    }

    /** The period's transactions as the platform's settlement entries list them ({@link Transaction#row}). */
    private static String settlement(List<Transaction> txs) {
        return Canonical.json(Map.of("transactions", txs.stream().map(Transaction::row).toList()));
    }
}
