package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Trade;
import org.peermarket.model.Communities;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;

/**
 * Settles a cleared market from its results only (the trades), never from how it was cleared.
 * Payment rule (docs/settlement.md): for every trade the buyer pays the seller the trade's
 * price lambda_ij per kWh, what markets.md §1 says the seller receives (mu_i + pref_ij for the
 * full P2P market, central or ADMM; the match price in an auction), and pays the trade's charge
 * on top: g_ij to the DSO in a P2P market (a grid charge), McAfee's margin to the auctioneer in
 * an auction. Preferences are the peers' own valuation, not money, and move no cents.
 */
public final class MarketSettlement {
    /** Energy per peer must match p_n to this (kWh, relative to the peer's scale). */
    private static final double ENERGY_TOLERANCE = 1e-6;
    /**
     * A negotiated (ADMM) result agrees only to its primal tolerance and leaves out trades below
     * it, so its peers' traded energy matches p_n more loosely.
     */
    private static final double NEGOTIATED_TOLERANCE = 1e-3;

    private MarketSettlement() {}

    /**
     * The settlement of a run: {@code auction} says where trade charges go (the auctioneer when
     * true, the DSO otherwise). Periods without a result settle nothing. Checked: accounts sum to
     * zero and each peer's energy bought and sold equals its net injection p_n.
     */
    public static Settlement settle(Scenario s, List<ClearingResult> periods, boolean auction) {
        return settle(s, periods, auction, Optional.empty());
    }

    /**
     * The same for a run cleared over its horizon (communities, hybrid markets, storage): trades
     * may then name communities (their managers' accounts) and the outside grid (a retailer's
     * account), and each community's pool is settled by markets.md §2 from its members' flows.
     */
    public static Settlement settle(Scenario s, List<ClearingResult> periods, boolean auction,
                                    Optional<HorizonResult> horizon) {
        List<Actor> agents = agents(s, horizon);
        Actor chargeTo = auction ? Actor.AUCTIONEER : Actor.DSO;
        TransactionType chargeType = auction ? TransactionType.AUCTION_MARGIN : TransactionType.GRID_CHARGE;
        List<Transaction> out = new ArrayList<>();
        for (int t = 0; t < periods.size(); t++) {
            ClearingResult r = periods.get(t);
            if (!r.hasResult()) {
                continue;
            }
            for (Trade tr : r.trades()) {
                Actor seller = agents.get(tr.seller());
                Actor buyer = agents.get(tr.buyer());
                out.add(Transaction.of(t, TransactionType.ENERGY_TRADE, buyer, seller, tr.quantity(), tr.price()));
                if (tr.charge() != 0) {
                    out.add(Transaction.of(t, chargeType, buyer, chargeTo, tr.quantity(), tr.charge()));
                }
            }
            if (horizon.isEmpty()) {
                checkEnergy(r, t, s);
            }
        }
        List<Actor> actors = new ArrayList<>(agents);
        horizon.ifPresent(h -> CommunitySettlement.add(s, h, out, actors));
        horizon.ifPresent(h -> checkHorizonEnergy(s, periods, h, out));
        actors.add(chargeTo);
        Settlement settlement = new Settlement(actors, out).check();
        horizon.ifPresent(h -> CommunitySettlement.checkBooks(s, h, settlement));
        return settlement;
    }

    /** Accounts of the agents that trades index: peers, then communities, then the outside grid. */
    private static List<Actor> agents(Scenario s, Optional<HorizonResult> horizon) {
        if (horizon.isEmpty()) {
            return s.peers().stream().map(Peer::id).map(Actor::peer).toList();
        }
        Map<String, Boolean> isPeer = new HashMap<>();
        s.peers().forEach(p -> isPeer.put(p.id(), true));
        List<Actor> out = new ArrayList<>();
        for (String id : horizon.get().agents()) {
            if (isPeer.containsKey(id)) {
                out.add(Actor.peer(id));
            } else if (id.equals(Communities.Outside.ID)) {
                out.add(new Actor(id, ActorKind.RETAILER));
            } else {
                out.add(new Actor(id, ActorKind.COMMUNITY_MANAGER));
            }
        }
        return out;
    }

    /**
     * A horizon run's peers: each peer's billed energy in period t (sold minus bought in trades
     * and in its pool, exported minus imported) equals its net injection p_n + dis_n - ch_n, the
     * flows q, alpha, beta and storage of markets.md §2-§4 (a member injects q + beta - alpha).
     */
    static void checkHorizonEnergy(Scenario s, List<ClearingResult> periods, HorizonResult h, List<Transaction> out) {
        Map<String, Integer> index = s.indexById();
        int n = s.peers().size();
        double[][] billed = new double[periods.size()][n];
        double[][] scale = new double[periods.size()][n];
        for (Transaction tr : out) {
            if (!movesEnergy(tr.type())) {
                continue;
            }
            Integer payer = tr.payer().kind() == ActorKind.PEER ? index.get(tr.payer().id()) : null;
            Integer payee = tr.payee().kind() == ActorKind.PEER ? index.get(tr.payee().id()) : null;
            if (payer != null) { // the payer buys energy (pays for a trade or an import)
                billed[tr.period()][payer] -= tr.quantity();
                scale[tr.period()][payer] += tr.quantity();
            }
            if (payee != null) {
                billed[tr.period()][payee] += tr.quantity();
                scale[tr.period()][payee] += tr.quantity();
            }
        }
        double[][] injection = new double[periods.size()][];
        for (int t = 0; t < periods.size(); t++) {
            injection[t] = periods.get(t).hasResult() ? periods.get(t).p().clone() : null;
        }
        for (HorizonResult.StorageStep st : h.storage()) {
            if (injection[st.period()] != null) {
                injection[st.period()][index.get(st.peer())] += st.discharge() - st.charge();
            }
        }
        for (int t = 0; t < periods.size(); t++) {
            for (int k = 0; injection[t] != null && k < n; k++) {
                double gap = Math.abs(billed[t][k] - injection[t][k]);
                if (gap > ENERGY_TOLERANCE * Math.max(1, scale[t][k])) {
                    throw new IllegalStateException("period " + (t + 1) + ": peer " + s.peers().get(k).id() + " is billed for a net "
                            + billed[t][k] + " kWh sold but injects " + injection[t][k] + " (dispatch plus storage)");
                }
            }
        }
    }

    /** Transactions that move energy, to the payer: trades, pool energy, imports, exports. */
    private static boolean movesEnergy(TransactionType type) {
        return type == TransactionType.ENERGY_TRADE || type == TransactionType.IMPORT || type == TransactionType.EXPORT;
    }

    /** Each peer's sold minus bought energy in the trades equals its reported p_n. */
    private static void checkEnergy(ClearingResult r, int t, Scenario s) {
        double[] p = r.p();
        double tolerance = r.solver().negotiation().isPresent() ? NEGOTIATED_TOLERANCE : ENERGY_TOLERANCE;
        double[] traded = new double[p.length];
        double[] scale = new double[p.length];
        for (Trade tr : r.trades()) {
            traded[tr.seller()] += tr.quantity();
            traded[tr.buyer()] -= tr.quantity();
            scale[tr.seller()] += tr.quantity();
            scale[tr.buyer()] += tr.quantity();
        }
        for (int n = 0; n < p.length; n++) {
            double gap = Math.abs(traded[n] - p[n]);
            if (gap > tolerance * Math.max(1, scale[n])) {
                throw new IllegalStateException("period " + (t + 1) + ": peer " + s.peers().get(n).id()
                        + " trades a net " + traded[n] + " kWh but its injection is " + p[n]);
            }
        }
    }
}
