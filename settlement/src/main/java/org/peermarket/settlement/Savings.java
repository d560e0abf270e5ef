package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;

/**
 * Each peer's market outcome against its stand-alone one (docs/settlement.md). A peer's cost is
 * its asset cost sum_t C_n(p_n,t) plus its net payments (billed cents); savings = stand-alone
 * cost - market cost. Individually rational when savings >= -1 cent (the bills are rounded to
 * the cent). Preferences are not money and are left out.
 */
public final class Savings {
    public static final double TOLERANCE = 0.01;

    private Savings() {}

    public record Row(String peer, double standAloneBill, double marketBill, double standAloneCost, double marketCost) {
        public double savings() {
            return standAloneCost - marketCost;
        }

        public boolean individuallyRational() {
            return savings() >= -TOLERANCE;
        }
    }

    /** One row per peer; empty when some period has no result (nothing to compare). */
    public static List<Row> of(Baseline baseline, Settlement market, List<ClearingResult> periods) {
        Scenario s = baseline.scenario();
        List<Row> rows = new ArrayList<>();
        if (!periods.stream().allMatch(ClearingResult::hasResult)) {
            return rows;
        }
        for (int n = 0; n < s.peers().size(); n++) {
            Peer peer = s.peers().get(n);
            Actor a = Actor.peer(peer.id());
            int i = n;
            double marketAsset = Baseline.assetCost(peer, s.periods(), t -> periods.get(t).p()[i]);
            double standBill = -baseline.settlement().net(a) / 100.0;
            double marketBill = -market.net(a) / 100.0;
            rows.add(new Row(peer.id(), standBill, marketBill, baseline.cost(n), marketAsset + marketBill));
        }
        return rows;
    }
}
