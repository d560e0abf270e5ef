package org.peermarket.market.flex;

import java.util.List;
import org.peermarket.market.Status;

/**
 * The outcome of a local flexibility market. OPTIMAL: the least-cost accepted quantities (MW per bid, in bid
 * order), their cost, the flows after and the locational flexibility prices per bus (the value of one more MW of
 * up-flexibility at that bus; a down MW is worth minus it), from the line and balance duals. INFEASIBLE: the bids
 * cannot clear every congestion; {@code leastOverflowMw} is the least total overflow they can reach, with the
 * accepted quantities, cost and flows of the cheapest way to reach it and the lines left congested (0-based).
 * NOT_SOLVED: the solver failed; {@code cause} says why.
 */
public record LfmResult(Status status, String cause, double[] acceptedMw, double cost, double[] flowsAfterMw,
                        double[] locationalPrices, double leastOverflowMw, List<Integer> congestedBefore,
                        List<Integer> congestedAfter, String solver) {
    public LfmResult {
        congestedBefore = List.copyOf(congestedBefore);
        congestedAfter = List.copyOf(congestedAfter);
    }

    public boolean optimal() {
        return status == Status.OPTIMAL;
    }

    /** Accepted up volume minus accepted down volume, MW (0 when balance-neutral). */
    public double netMw(List<FlexBid> bids) {
        double s = 0;
        for (int b = 0; b < bids.size(); b++) {
            s += bids.get(b).direction().sign() * acceptedMw[b];
        }
        return s;
    }
}
