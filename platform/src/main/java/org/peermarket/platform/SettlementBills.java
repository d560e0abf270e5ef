package org.peermarket.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Transaction;
import org.peermarket.settlement.TransactionType;

/**
 * The platform's default bills, from the settlement module (docs/settlement.md, markets.md
 * section 8): every trade is one {@code energy_trade} transaction, buyer to seller, quantity x
 * price rounded half-even to the cent. {@link Settlement#check()} verifies that every account's
 * bill lines add up and that all accounts sum to zero cents; each bill shows its rounding
 * residual (exact minus billed).
 */
public final class SettlementBills implements BillCalculator {

    @Override
    public List<Bill> bills(String market, int period, List<TradeRow> trades) {
        return settle(market, period, trades).bills();
    }

    @Override
    public Settled settle(String market, int period, List<TradeRow> trades) {
        Set<String> ids = new LinkedHashSet<>();
        List<Transaction> txs = new ArrayList<>();
        for (TradeRow t : trades) {
            ids.add(t.seller());
            ids.add(t.buyer());
            txs.add(Transaction.of(period, TransactionType.ENERGY_TRADE, Actor.peer(t.buyer()), Actor.peer(t.seller()),
                    t.quantity(), t.price()));
        }
        List<Actor> actors = ids.stream().sorted().map(Actor::peer).toList();
        Settlement s = new Settlement(actors, txs).check();
        List<Bill> bills = new ArrayList<>();
        for (Actor a : actors) {
            bills.add(bill(market, period, s, a));
        }
        return new Settled(bills, txs.stream().map(SettlementBills::row).toList());
    }

    private static Bill bill(String market, int period, Settlement s, Actor a) {
        double bought = 0;
        double sold = 0;
        long paid = 0;
        long received = 0;
        for (Transaction t : s.transactions()) {
            if (t.payer().equals(a)) {
                bought += t.quantity();
                paid += t.cents();
            }
            if (t.payee().equals(a)) {
                sold += t.quantity();
                received += t.cents();
            }
        }
        return new Bill(market, period, a.id(), bought, sold, paid / 100.0, received / 100.0, s.roundingResidual(a));
    }

    static Map<String, Object> row(Transaction t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", t.type().label());
        m.put("payer", t.payer().id());
        m.put("payee", t.payee().id());
        m.put("quantity", t.quantity());
        m.put("price", t.price());
        m.put("cents", t.cents());
        return m;
    }
}
