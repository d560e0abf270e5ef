package org.peermarket.market.auction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Trade;
import org.peermarket.model.OrderEntry;
import org.peermarket.model.OrderEntry.Side;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;

/** Builds one period's auction input from a scenario (already in kWh): listed or generated orders. */
public final class AuctionInputs {
    private AuctionInputs() {}

    public static AuctionInput forPeriod(Scenario s, int t, MatchFilter filter) {
        List<String> ids = s.peers().stream().map(Peer::id).toList();
        List<OrderEvent> events = s.orders().isEmpty() ? generated(s, t) : listed(s, t);
        return new AuctionInput(ids, events, s.market().auction(), s.market().auction().gate().at(t), filter);
    }

    /** The listed events of period t (1-based in the file, t is 0-based); ids numbered by list position. */
    static List<OrderEvent> listed(Scenario s, int t) {
        Map<String, Integer> number = new HashMap<>();
        List<OrderEntry> all = s.orders();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).action() == OrderEntry.Action.SUBMIT) {
                number.put(all.get(i).id(), i);
            }
        }
        Map<String, Integer> peer = s.indexById();
        List<OrderEvent> out = new ArrayList<>();
        for (OrderEntry o : all) {
            if (o.period() != t + 1) {
                continue;
            }
            switch (o.action()) {
                case SUBMIT -> out.add(OrderEvent.submit(o.time(), number.get(o.id()), peer.get(o.peer()), o.side(),
                        o.kind(), o.quantity(), o.price()));
                case CANCEL -> out.add(OrderEvent.cancel(o.time(), number.get(o.ref())));
                case MODIFY -> out.add(OrderEvent.modify(o.time(), number.get(o.ref()), o.quantity(), o.price()));
            }
        }
        return out;
    }

    /**
     * Stepwise orders from the peers' costs: the selling range [max(pmin, 0), pmax] and the
     * buying range [max(-pmax, 0), -pmin] are each cut into {@code steps} equal steps, priced at
     * the marginal cost (seller) or marginal value (buyer) at the step's middle. For a
     * quadratic cost the middle price makes a step's area equal the cost of that energy, so
     * the declared welfare of whole steps is the true welfare. All at time 0, peers in order.
     */
    static List<OrderEvent> generated(Scenario s, int t) {
        int steps = s.market().auction().steps();
        List<OrderEvent> out = new ArrayList<>();
        int id = 0;
        for (int n = 0; n < s.peers().size(); n++) {
            Peer peer = s.peers().get(n);
            double lo = peer.pmin().at(t);
            double hi = peer.pmax().at(t);
            double a = peer.cost().a().at(t);
            double b = peer.cost().b().at(t);
            double sellFrom = Math.max(lo, 0);
            if (hi > sellFrom) {
                double q = (hi - sellFrom) / steps;
                for (int k = 0; k < steps; k++) {
                    double mid = sellFrom + (k + 0.5) * q;
                    out.add(OrderEvent.limit(0, id++, n, Side.SELL, q, a * mid + b));
                }
            }
            double buyFrom = Math.max(-hi, 0);
            if (-lo > buyFrom) {
                double q = (-lo - buyFrom) / steps;
                for (int k = 0; k < steps; k++) {
                    double mid = buyFrom + (k + 0.5) * q;
                    out.add(OrderEvent.limit(0, id++, n, Side.BUY, q, b - a * mid));
                }
            }
        }
        return out;
    }

    /**
     * Welfare of an auction's outcome in the scenario's own terms, comparable to the central
     * clearing's: -(sum C_n(p_n) + sum c_ij x_ij), with c_ij = pref_ij + pref_ji for each
     * matched pair (the auction itself ignores preferences and partner lists).
     */
    public static double welfare(Scenario s, int t, ClearingResult r) {
        double[] p = r.p();
        double cost = 0;
        for (int n = 0; n < p.length; n++) {
            cost += s.peers().get(n).cost().value(t, p[n]);
        }
        for (Trade tr : r.trades()) {
            Peer seller = s.peers().get(tr.seller());
            Peer buyer = s.peers().get(tr.buyer());
            cost += tr.quantity() * (seller.pref(buyer.id()) + buyer.pref(seller.id()));
        }
        return -cost;
    }
}
