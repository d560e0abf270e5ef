package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The settlement with the balancing bids' money added: per row, balancing_activation on the settled volume at the
     * activation price (the balancing market pays for up; the aggregator pays for down) and balancing_penalty on the
     * shortfall; in the last period each aggregator pays its net out to its community's members by
     * {@code weights} (community id to members and weights), as {@link #add} does.
     */
    public static Settlement addBalancing(Settlement base, Balancing.Result result, int periods,
                                          java.util.function.Function<String, Map.Entry<List<String>, double[]>> weights) {
        List<Actor> actors = new ArrayList<>(base.actors());
        List<Transaction> out = new ArrayList<>(base.transactions());
        Map<String, Long> got = new LinkedHashMap<>(); // community: cents received net
        Map<String, Double> exact = new LinkedHashMap<>(); // community: the same, unrounded
        for (String community : result.settledOn().keySet()) {
            for (Actor a : List.of(aggregator(community), BALANCING_MARKET)) {
                if (!actors.contains(a)) {
                    actors.add(a);
                }
            }
            got.put(community, 0L);
            exact.put(community, 0.0);
        }
        for (Balancing.Row r : result.rows()) {
            Actor agg = aggregator(r.community());
            if (r.settled() > 0) {
                boolean up = r.direction().equals("up");
                Transaction pay = Transaction.of(r.period(), TransactionType.BALANCING_ACTIVATION,
                        up ? BALANCING_MARKET : agg, up ? agg : BALANCING_MARKET, r.settled(), r.price());
                out.add(pay);
                got.merge(r.community(), up ? pay.cents() : -pay.cents(), Long::sum);
            }
            if (r.penalty() > 0) {
                Transaction pen = Transaction.of(r.period(), TransactionType.BALANCING_PENALTY, agg, BALANCING_MARKET,
                        r.shortfall(), r.penaltyPrice());
                out.add(pen);
                got.merge(r.community(), -pen.cents(), Long::sum);
            }
            exact.merge(r.community(), r.payment() - r.penalty(), Double::sum);
        }
        for (String community : got.keySet()) {
            Map.Entry<List<String>, double[]> w = weights.apply(community);
            out.addAll(payOut(periods - 1, aggregator(community), got.get(community), exact.get(community),
                    w.getKey(), w.getValue()));
        }
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
