package org.peermarket.settlement;

/** What a payment is for (markets.md §1, §2, §5, §8). */
public enum TransactionType {
    /** Buyer pays seller lambda_ij per kWh of a bilateral trade or auction match. */
    ENERGY_TRADE,
    /** Buyer pays the DSO g_ij per kWh traded (negative g: the DSO pays). */
    GRID_CHARGE,
    /** A peer (or community manager) pays the retailer for energy bought from outside. */
    IMPORT,
    /** The retailer pays a peer (or community manager) for energy sold to it. */
    EXPORT,
    /** A member pays the community manager its internal transaction fee phi |q|. */
    COMMUNITY_FEE,
    /** An external market pays for flexibility delivered. */
    FLEXIBILITY_PAYMENT,
    /** The supplier settles a residual imbalance. */
    BALANCING,
    /** Buyer pays the auctioneer the McAfee trade-reduction margin per kWh. */
    AUCTION_MARGIN,
    /** A metered deviation from the traded position, at the imbalance price (docs/metering.md). */
    IMBALANCE,
    /** A trade's share of the network losses, bought by its buyer from the DSO (docs/metering.md). */
    LOSSES,
    /** An activated balancing bid on its settled volume: the balancing market pays for up, is paid for down (docs/vpp.md). */
    BALANCING_ACTIVATION,
    /** The aggregator pays the balancing market for an activation's shortfall against its metered delivery. */
    BALANCING_PENALTY;

    public String label() {
        return name().toLowerCase();
    }
}
