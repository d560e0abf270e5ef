package org.peermarket.study.pipeline;

/**
 * The same scenario cleared centrally and by auction: welfare of both in the scenario's own
 * terms (-(sum C_n(p_n) + sum c_ij x_ij)), and the volume-weighted average trade price of both
 * (the price sellers receive). Per kWh inside; NaN where a side has no result or no trade.
 */
public record Comparison(String centralStatus, double centralWelfare, double auctionWelfare,
                         double centralPrice, double auctionPrice) {

    /** Welfare the auction leaves on the table: central minus auction. */
    public double welfareGap() {
        return centralWelfare - auctionWelfare;
    }

    /** Auction price minus central price. */
    public double priceGap() {
        return auctionPrice - centralPrice;
    }
}
