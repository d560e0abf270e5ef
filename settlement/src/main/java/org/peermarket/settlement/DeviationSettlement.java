package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.model.Community;
import org.peermarket.model.MeteringSpec;
import org.peermarket.model.Scenario;

/**
 * Settlement after delivery (docs/metering.md#deviation-settlement): each peer's imbalance, metered minus traded
 * net injection, settled with the balance-responsible party at the imbalance price. A member of a community is
 * settled through its manager: the manager settles the community's net imbalance with the BRP and passes that
 * money on to its members by its allocation rule, to the cent, so the manager keeps nothing.
 */
public final class DeviationSettlement {
    public static final Actor BRP = new Actor("brp", ActorKind.BALANCE_RESPONSIBLE);

    private DeviationSettlement() {}

    /** One peer's deviation in one period (kWh; cents: received minus paid, > 0 when the peer is paid). */
    public record Row(int period, String peer, String community, double traded, double metered, double imbalance,
                      double price, long cents) {}

    public record Result(Settlement settlement, List<Row> rows) {}

    /** Each peer's traded position per period: energy sold minus bought in its trade, pool, import and export lines. */
    public static double[][] positions(Scenario s, Settlement market) {
        Map<String, Integer> index = s.indexById();
        double[][] out = new double[s.periods()][s.peers().size()];
        for (Transaction tr : market.transactions()) {
            if (!movesEnergy(tr.type())) {
                continue;
            }
            if (tr.payer().kind() == ActorKind.PEER && index.containsKey(tr.payer().id())) {
                out[tr.period()][index.get(tr.payer().id())] -= tr.quantity();
            }
            if (tr.payee().kind() == ActorKind.PEER && index.containsKey(tr.payee().id())) {
                out[tr.period()][index.get(tr.payee().id())] += tr.quantity();
            }
        }
        return out;
    }

    private static boolean movesEnergy(TransactionType type) {
        return type == TransactionType.ENERGY_TRADE || type == TransactionType.IMPORT || type == TransactionType.EXPORT;
    }

    /** Metered net injection per period and peer. */
    public static double[][] metered(Scenario s, MeteringSpec m) {
        Map<String, Integer> index = s.indexById();
        double[][] out = new double[s.periods()][s.peers().size()];
        for (MeteringSpec.Reading x : m.readings()) {
            out[x.period()][index.get(x.peer())] += x.net();
        }
        return out;
    }

    /** The market settlement with the imbalance lines added (and checked: still zero to the cent). */
    public static Result add(Scenario s, Settlement market, double[][] traded, double[][] metered,
                             MeteringSpec.ImbalanceRule rule) {
        List<Transaction> out = new ArrayList<>(market.transactions());
        List<Row> rows = new ArrayList<>();
        List<Actor> actors = new ArrayList<>(market.actors());
        actors.add(BRP);
        for (Community c : s.communities().list()) {
            Actor manager = new Actor(c.id(), ActorKind.COMMUNITY_MANAGER);
            if (!actors.contains(manager)) {
                actors.add(manager);
            }
        }
        for (int t = 0; t < s.periods(); t++) {
            for (int n = 0; n < s.peers().size(); n++) {
                String id = s.peers().get(n).id();
                if (community(s, id).isEmpty()) {
                    double e = metered[t][n] - traded[t][n];
                    Transaction tr = withBrp(t, Actor.peer(id), e, rule);
                    if (tr != null) {
                        out.add(tr);
                    }
                    rows.add(new Row(t, id, "", traded[t][n], metered[t][n], e, priceFor(e, rule, t),
                            received(tr, Actor.peer(id))));
                }
            }
            for (Community c : s.communities().list()) {
                settleCommunity(s, c, t, traded, metered, rule, out, rows);
            }
        }
        return new Result(new Settlement(actors, out).check(), rows);
    }

    private static Optional<Community> community(Scenario s, String peer) {
        return s.communities().list().stream().filter(c -> c.members().contains(peer)).findFirst();
    }

    /** The manager settles the community's net imbalance with the BRP and allocates that money to its members. */
    private static void settleCommunity(Scenario s, Community c, int t, double[][] traded, double[][] metered,
                                        MeteringSpec.ImbalanceRule rule, List<Transaction> out, List<Row> rows) {
        Actor manager = new Actor(c.id(), ActorKind.COMMUNITY_MANAGER);
        Map<String, Integer> index = s.indexById();
        List<String> members = c.members().stream().filter(index::containsKey).toList();
        double[] dev = new double[members.size()];
        double net = 0;
        for (int k = 0; k < dev.length; k++) {
            int n = index.get(members.get(k));
            dev[k] = metered[t][n] - traded[t][n];
            net += dev[k];
        }
        Transaction brp = withBrp(t, manager, net, rule);
        long total = brp == null ? 0 : received(brp, manager);
        if (brp != null) {
            out.add(brp);
        }
        long[] shares = allocate(total, weights(dev, net, rule.allocation()));
        for (int k = 0; k < dev.length; k++) {
            Actor member = Actor.peer(members.get(k));
            int n = index.get(members.get(k));
            double kwh = Math.abs(dev[k]);
            double exact = dev.length == 0 ? 0 : shares[k] / 100.0;
            if (shares[k] > 0) {
                out.add(new Transaction(t, org.peermarket.settlement.TransactionType.IMBALANCE, manager, member, kwh,
                        kwh > 0 ? exact / kwh : 0, exact, shares[k]));
            } else if (shares[k] < 0) {
                out.add(new Transaction(t, TransactionType.IMBALANCE, member, manager, kwh, kwh > 0 ? -exact / kwh : 0,
                        -exact, -shares[k]));
            }
            rows.add(new Row(t, members.get(k), c.id(), traded[t][n], metered[t][n], dev[k],
                    kwh > 0 ? shares[k] / 100.0 / dev[k] : 0, shares[k]));
        }
    }

    /**
     * Pro rata to |deviation| (every member that deviated pays or gets its share); causer: only the members whose
     * deviation has the community's sign, pro rata to it.
     */
    static double[] weights(double[] dev, double net, String allocation) {
        double[] w = new double[dev.length];
        for (int k = 0; k < dev.length; k++) {
            boolean counts = allocation.equals("pro_rata") || Math.signum(dev[k]) == Math.signum(net);
            w[k] = counts ? Math.abs(dev[k]) : 0;
        }
        return w;
    }

    /**
     * Splits {@code cents} pro rata to the weights in whole cents that sum exactly to it (largest remainder; ties
     * to the earlier member). All zero weights get nothing, which only happens when there is nothing to split.
     */
    static long[] allocate(long cents, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (cents == 0 || total <= 0) {
            return new long[weights.length];
        }
        long[] out = Money.split(Math.abs(cents), weights); // the magnitude split, so a debt rounds as a credit does
        if (cents < 0) {
            for (int k = 0; k < out.length; k++) {
                out[k] = -out[k];
            }
        }
        return out;
    }

    /** The line with the BRP for a deviation {@code e}: a surplus is paid at the long price, a deficit pays short. */
    public static Transaction withBrp(int t, Actor who, double e, MeteringSpec.ImbalanceRule rule) {
        if (Math.abs(e) < 1e-9) {
            return null;
        }
        return e > 0
                ? Transaction.of(t, TransactionType.IMBALANCE, BRP, who, e, rule.longPrice().at(t))
                : Transaction.of(t, TransactionType.IMBALANCE, who, BRP, -e, rule.shortPrice().at(t));
    }

    private static double priceFor(double e, MeteringSpec.ImbalanceRule rule, int t) {
        return e >= 0 ? rule.longPrice().at(t) : rule.shortPrice().at(t);
    }

    /** Cents the actor receives on the line (negative: pays); 0 without a line. */
    private static long received(Transaction tr, Actor a) {
        if (tr == null) {
            return 0;
        }
        return tr.payee().equals(a) ? tr.cents() : -tr.cents();
    }
}
