package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.List;

/**
 * Shares a period's network losses among its trades (docs/metering.md#losses): the losses are a scenario loss
 * factor times the energy traded; a trade's share is pro rata to its energy, or to its energy times its electrical
 * distance (PTDF: the total flow, summed over lines, that one kWh from the seller's bus to the buyer's bus makes).
 * The buyer pays the DSO its trade's share at the loss price.
 */
public final class LossAllocation {
    private LossAllocation() {}

    /** One trade of a period: agent ids, kWh, and its distance (1 for pro rata). */
    public record TradeRef(int period, String seller, String buyer, double quantity, double distance) {}

    public record Share(TradeRef trade, double losses, double price, long cents) {}

    /** Each trade's share of {@code factor} x the period's traded energy, weighted by quantity x distance. */
    public static List<Share> shares(List<TradeRef> trades, double factor, double[] price) {
        int periods = price.length;
        double[] volume = new double[periods];
        double[] weight = new double[periods];
        for (TradeRef r : trades) {
            volume[r.period()] += r.quantity();
            weight[r.period()] += r.quantity() * r.distance();
        }
        List<Share> out = new ArrayList<>();
        for (TradeRef r : trades) {
            int t = r.period();
            double w = weight[t] > 0 ? r.quantity() * r.distance() / weight[t] : 0;
            double losses = factor * volume[t] * w;
            out.add(new Share(r, losses, price[t], Money.cents(losses * price[t])));
        }
        return out;
    }

    /** The settlement with each share's line: buyer pays the DSO (a negative loss price: the DSO pays). */
    public static Settlement add(Settlement base, List<Share> shares) {
        List<Transaction> out = new ArrayList<>(base.transactions());
        List<Actor> actors = new ArrayList<>(base.actors());
        if (!actors.contains(Actor.DSO)) {
            actors.add(Actor.DSO);
        }
        for (Share s : shares) {
            if (s.losses() > 0) {
                Actor buyer = base.actors().stream().filter(a -> a.id().equals(s.trade().buyer())).findFirst()
                        .orElse(Actor.peer(s.trade().buyer()));
                out.add(Transaction.of(s.trade().period(), TransactionType.LOSSES, buyer, Actor.DSO, s.losses(), s.price()));
            }
        }
        return new Settlement(actors, out).check();
    }
}
