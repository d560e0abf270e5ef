package org.peermarket.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Transaction;
import org.peermarket.settlement.TransactionType;

/**
 * The platform's default bills, from the settlement module (docs/settlement.md, markets.md
 * section 8): every trade is one {@code energy_trade} transaction, buyer to seller, quantity x
 * price rounded half-even to the cent, and a trade with a grid charge also one {@code grid_charge}
 * transaction, buyer to the DSO's account {@code dso}, quantity x charge (the study's payment rule,
 * {@code MarketSettlement}). {@link Settlement#check()} verifies that every account's bill lines add
 * up and that all accounts sum to zero cents; each bill shows its rounding residual (exact minus billed).
 */
public final class SettlementBills implements BillCalculator {
    /** The DSO's account: its bills are those of participant {@code dso}, shown to every participant with role dso. */
    public static final String DSO_ACCOUNT = Actor.DSO.id();

    @Override
    public List<Bill> bills(String market, int period, List<TradeRow> trades) {
        return settle(market, period, trades).bills();
    }

    @Override
    public Settled settle(String market, int period, List<TradeRow> trades) {
        Set<String> ids = new LinkedHashSet<>();
        List<Transaction> txs = new ArrayList<>();
        boolean charged = false;
        for (TradeRow t : trades) {
            ids.add(t.seller());
            ids.add(t.buyer());
            txs.add(Transaction.of(period, TransactionType.ENERGY_TRADE, Actor.peer(t.buyer()), Actor.peer(t.seller()),
                    t.quantity(), t.price()));
            if (t.charge() != 0) {
                txs.add(Transaction.of(period, TransactionType.GRID_CHARGE, Actor.peer(t.buyer()), Actor.DSO, t.quantity(), t.charge()));
                charged = true;
            }
        }
        List<Actor> actors = new ArrayList<>(ids.stream().sorted().map(Actor::peer).toList());
        if (charged) {
            actors.add(Actor.DSO);
        }
        Settlement s = new Settlement(actors, txs).check();
        List<Bill> bills = new ArrayList<>();
        for (Actor a : actors) {
            bills.add(bill(market, period, s, a, type -> type == TransactionType.ENERGY_TRADE));
        }
        return new Settled(bills, txs.stream().map(Transaction::row).toList());
    }

    /** An account's bill: kWh of the transactions that are {@code energy}, money and grid charges over every one. */
    static Bill bill(String market, int period, Settlement s, Actor a, java.util.function.Predicate<TransactionType> energy) {
        double bought = 0;
        double sold = 0;
        long paid = 0;
        long received = 0;
        long charges = 0;
        for (Transaction t : s.transactions()) {
            double kwh = energy.test(t.type()) ? t.quantity() : 0;
            // exact sums: a bill beyond a long's cents fails the gate closure instead of wrapping round
            if (t.payer().equals(a)) {
                bought += kwh;
                paid = Math.addExact(paid, t.cents());
            }
            if (t.payee().equals(a)) {
                sold += kwh;
                received = Math.addExact(received, t.cents());
            }
            if (t.type() == TransactionType.GRID_CHARGE && (t.payer().equals(a) || t.payee().equals(a))) {
                charges = Math.addExact(charges, t.cents());
            }
        }
        return new Bill(market, period, a.id(), bought, sold, paid / 100.0, received / 100.0, s.roundingResidual(a),
                charges / 100.0);
    }

}
