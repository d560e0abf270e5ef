package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.List;

/**
 * The aggregator's money (docs/vpp.md): per period the balancing market pays it for the energy
 * sold (flexibility_payment), it pays the retailer the change in the supplier's bill for the
 * community's new net import (balancing; negative when the bill falls); in the last period it pays
 * the horizon's gain out to the community's members by weights (flexibility_payment), split in
 * whole cents by largest remainders so that the aggregator's own account ends at exactly zero.
 */
public final class VppSettlement {
    public static final Actor BALANCING_MARKET = new Actor("balancing-market", ActorKind.MARKET_OPERATOR);

    private VppSettlement() {}

    public static Actor aggregator(String community) {
        return new Actor(community + "-aggregator", ActorKind.AGGREGATOR);
    }

    /** The settlement with the VPP's transactions added; {@code weights} per member (>= 0, not all zero). */
    public static Settlement add(Settlement base, Vpp.Result vpp, List<String> members, double[] weights) {
        Actor agg = aggregator(vpp.community());
        List<Actor> actors = new ArrayList<>(base.actors());
        for (Actor a : List.of(agg, BALANCING_MARKET, Actor.RETAILER)) {
            if (!actors.contains(a)) {
                actors.add(a);
            }
        }
        List<Transaction> out = new ArrayList<>(base.transactions());
        long got = 0;
        int last = 0;
        for (Vpp.Step s : vpp.steps()) {
            int t = s.period();
            last = Math.max(last, t);
            if (s.sold() > 0) {
                Transaction pay = Transaction.of(t, TransactionType.FLEXIBILITY_PAYMENT, BALANCING_MARKET, agg, s.sold(),
                        s.price());
                out.add(pay);
                got += pay.cents();
            }
            double change = s.netImportAfter() - s.netImportBefore();
            if (s.supplierChange() != 0) {
                Transaction bal = new Transaction(t, TransactionType.BALANCING, agg, Actor.RETAILER, change,
                        change != 0 ? s.supplierChange() / change : Double.NaN, s.supplierChange(),
                        Money.cents(s.supplierChange()));
                out.add(bal);
                got -= bal.cents();
            }
        }
        out.addAll(payOut(last, agg, got, vpp.gain(), members, weights));
        return new Settlement(actors, out).check();
    }

    /** cents split by weights, largest remainder first; exact shares of the gain kept for the residual. */
    static List<Transaction> payOut(int t, Actor agg, long cents, double gain, List<String> members, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        long[] split = Money.split(cents, weights);
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            double exact = gain * weights[i] / total;
            if (split[i] != 0 || exact != 0) {
                out.add(new Transaction(t, TransactionType.FLEXIBILITY_PAYMENT, agg, Actor.peer(members.get(i)), 0,
                        Double.NaN, exact, split[i]));
            }
        }
        return out;
    }
}
