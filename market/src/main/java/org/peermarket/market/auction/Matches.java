package org.peermarket.market.auction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Rejection;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.solver.ResultCheck;

/**
 * Collects an auction's matches and refusals and turns them into an {@link AuctionResult}:
 * p_n = sold - bought; mu_n = the volume-weighted price n traded at (what a buyer pays, what a
 * seller receives); a peer that did not trade gets the uniform price when there is one, else
 * NaN (written as an empty cell).
 */
final class Matches {
    private final int peers;
    private final MatchFilter filter;
    private final List<Trade> trades = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private double declaredWelfare;

    Matches(int peers, MatchFilter filter) {
        this.peers = peers;
        this.filter = filter;
    }

    /**
     * Offers one match to the acceptance rule; makes it unless refused. {@code gains} is the
     * match's declared gains from trade, quantity times (bid limit - ask limit).
     */
    boolean offer(int seller, int buyer, double quantity, double price, double charge, double gains) {
        String reason = filter == MatchFilter.ACCEPT_ALL ? null : filter.refusal(seller, buyer, quantity);
        if (reason != null) {
            rejected.add(new Rejection(seller, buyer, quantity, price, reason));
            return false;
        }
        trades.add(new Trade(seller, buyer, quantity, price, charge));
        declaredWelfare += gains;
        return true;
    }

    void reject(Rejection r) {
        rejected.add(r);
    }

    AuctionResult result(String mechanism, double uniformPrice, long startNanos) {
        double[] p = new double[peers];
        double[] paid = new double[peers];
        double[] volume = new double[peers];
        double surplus = 0;
        for (Trade t : trades) {
            p[t.seller()] += t.quantity();
            p[t.buyer()] -= t.quantity();
            paid[t.seller()] += t.quantity() * t.price();
            paid[t.buyer()] += t.quantity() * (t.price() + t.charge());
            volume[t.seller()] += t.quantity();
            volume[t.buyer()] += t.quantity();
            surplus += t.quantity() * t.charge();
        }
        double[] mu = new double[peers];
        for (int n = 0; n < peers; n++) {
            mu[n] = volume[n] > 0 ? paid[n] / volume[n] : uniformPrice;
        }
        double balance = Math.abs(Arrays.stream(p).sum());
        Checks checks = new Checks(balance, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        SolverInfo info = new SolverInfo(mechanism, 0, (System.nanoTime() - startNanos) * 1e-9, false);
        ClearingResult r = new ClearingResult(Status.CLEARED, "", -declaredWelfare, p, mu, trades, info, checks);
        ClearingResult vetted = ResultCheck.vetted(r);
        return new AuctionResult(vetted, trades.isEmpty() || !vetted.hasResult() ? Double.NaN : uniformPrice,
                surplus, rejected);
    }
}
