package org.peermarket.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.ActorKind;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Transaction;
import org.peermarket.settlement.TransactionType;

/**
 * Bills of one period of a community market (markets.md section 2, docs/platform.md#community-markets),
 * settled by the settlement module's community rules ({@link MarketSettlement} over the clearing's
 * member flows): member n pays the manager lambda_c (-q_n) ({@code energy_trade}, the manager pays
 * when q_n &gt; 0), phi |q_n| ({@code community_fee}), pi_imp alpha_n ({@code import}) and receives
 * pi_exp beta_n ({@code export}); the manager pays the outside pi_imp q_imp and receives pi_exp q_exp.
 * The settlement's members are order points; each transaction is then booked to the participant
 * holding the order. Checked: {@link Settlement#check()}, and before rounding the manager's
 * books: pool payments sum to zero, the outside receives G, the manager keeps the fees.
 */
final class CommunityBills {
    private static final double TOL = 1e-6;

    private CommunityBills() {}

    static BillCalculator.Settled settle(String market, int period, CommunityClearing.Outcome o) {
        if (!o.solved()) {
            return new BillCalculator.Settled(List.of(), List.of());
        }
        Settlement byPoint = MarketSettlement.settle(o.scenario(), o.horizon().periods(), false, Optional.of(o.horizon()));
        Map<String, String> owner = o.flows().stream().collect(Collectors.toMap(f -> f.member().id(), f -> f.member().order().participant()));
        List<Transaction> txs = new ArrayList<>();
        Set<Actor> actors = new LinkedHashSet<>();
        for (Transaction t : byPoint.transactions()) {
            Transaction booked = new Transaction(period, t.type(), book(t.payer(), owner), book(t.payee(), owner), t.quantity(),
                    t.price(), t.exact(), t.cents());
            txs.add(booked);
            actors.add(booked.payer());
            actors.add(booked.payee());
        }
        List<Actor> sorted = actors.stream().sorted(java.util.Comparator.comparing((Actor a) -> a.kind().ordinal())
                .thenComparing(Actor::id)).toList();
        Settlement s = new Settlement(sorted, txs).check();
        checkBooks(s, o);
        // kWh of the energy lines (pool energy, imports, exports); money over every line
        List<Bill> bills = sorted.stream()
                .map(a -> SettlementBills.bill(market, period, s, a, type -> type != TransactionType.COMMUNITY_FEE)).toList();
        return new BillCalculator.Settled(bills, txs.stream().map(Transaction::row).toList());
    }

    private static Actor book(Actor a, Map<String, String> owner) {
        return a.kind() == ActorKind.PEER ? Actor.peer(owner.get(a.id())) : a;
    }

    /**
     * markets.md section 2: "the CM's books must balance to the cent (sum of internal payments = 0,
     * outside payments = G)"; so the manager keeps exactly the fees. Checked before rounding;
     * rounding each line then moves at most half a cent per line, shown as residuals.
     */
    static void checkBooks(Settlement s, CommunityClearing.Outcome o) {
        Actor manager = new Actor(o.community().manager(), ActorKind.COMMUNITY_MANAGER);
        double pool = 0;
        double fees = 0;
        double scale = 1;
        for (Transaction t : s.transactions()) {
            double signed = t.payee().equals(manager) ? t.exact() : -t.exact();
            if (t.type() == TransactionType.ENERGY_TRADE) {
                pool += signed;
                scale += Math.abs(t.exact());
            } else if (t.type() == TransactionType.COMMUNITY_FEE) {
                fees += signed;
            }
        }
        double g = o.importPrice() * o.imports() - o.exportPrice() * o.exports();
        double outside = s.exactNet(Actor.RETAILER);
        double kept = s.exactNet(manager);
        if (Math.abs(pool) > TOL * scale || Math.abs(outside - g) > TOL * Math.max(1, Math.abs(g))
                || Math.abs(kept - fees) > TOL * Math.max(1, Math.abs(fees))) {
            throw new IllegalStateException("community " + manager.id() + " period " + o.period() + ": the manager's books do not"
                    + " balance: pool payments " + pool + " (must be 0), outside receives " + outside + " (G = " + g
                    + "), manager keeps " + kept + " (fees " + fees + ")");
        }
    }
}
