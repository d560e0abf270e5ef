package org.peermarket.settlement;

/** Who holds an account in a settlement (markets.md §8). */
public enum ActorKind {
    PEER,
    COMMUNITY_MANAGER,
    DSO,
    RETAILER,
    AGGREGATOR,
    /** The auctioneer: keeps McAfee's trade-reduction margin. */
    MARKET_OPERATOR,
    /** The balance-responsible party: settles metered deviations at imbalance prices (docs/metering.md). */
    BALANCE_RESPONSIBLE;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
