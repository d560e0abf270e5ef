package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.Tariff;

/**
 * Every peer's stand-alone outcome under the scenario's tariff (no P2P market): its optimal
 * dispatch per period ({@link StandAlone}) and its bill as IMPORT and EXPORT transactions with the
 * retailer. {@code p[n][t]} in kWh.
 */
public record Baseline(Scenario scenario, double[][] p, Settlement settlement) {

    public static Baseline of(Scenario s) {
        Tariff tariff = s.tariff().orElseThrow(() -> new IllegalArgumentException("a baseline needs a tariff"));
        int n = s.peers().size();
        double[][] p = new double[n][s.periods()];
        List<Transaction> out = new ArrayList<>();
        List<Actor> actors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Peer peer = s.peers().get(i);
            Actor a = Actor.peer(peer.id());
            actors.add(a);
            for (int t = 0; t < s.periods(); t++) {
                double r = tariff.retail().at(t);
                double f = tariff.feedIn().at(t);
                double q = StandAlone.dispatch(peer.cost().a().at(t), peer.cost().b().at(t), peer.pmin().at(t),
                        peer.pmax().at(t), r, f);
                p[i][t] = q;
                if (q < 0) {
                    out.add(Transaction.of(t, TransactionType.IMPORT, a, Actor.RETAILER, -q, r));
                } else if (q > 0) {
                    out.add(Transaction.of(t, TransactionType.EXPORT, Actor.RETAILER, a, q, f));
                }
            }
        }
        actors.add(Actor.RETAILER);
        return new Baseline(s, p, new Settlement(actors, out).check());
    }

    /** Sum over periods of C_n(p_n) (production cost, or minus the utility of consuming), currency. */
    public static double assetCost(Peer peer, int periods, java.util.function.IntToDoubleFunction p) {
        double sum = 0;
        for (int t = 0; t < periods; t++) {
            sum += peer.cost().value(t, p.applyAsDouble(t));
        }
        return sum;
    }

    /** Peer n's stand-alone cost: its asset cost plus what it pays the retailer net (billed cents). */
    public double cost(int n) {
        Peer peer = scenario.peers().get(n);
        return assetCost(peer, scenario.periods(), t -> p[n][t]) - settlement.net(Actor.peer(peer.id())) / 100.0;
    }
}
