package org.peermarket.model;

import java.util.Optional;

/**
 * The aggregator of a community ({@code vpp: {community, balancing_price, cap}};
 * docs/vpp.md): after the community market has cleared, its manager offers the members'
 * storage flexibility to an external balancing market that buys energy at
 * {@code balancingPrice} per kWh, up to {@code cap} kWh per period (infinite when absent).
 * With {@code balancing} the aggregators bid up and down instead (docs/vpp.md#balancing-bids);
 * then {@code community} is the first aggregator's and the price and cap are null.
 */
public record VppSpec(String community, PeriodValues balancingPrice, PeriodValues cap, Optional<BalancingSpec> balancing) {

    public VppSpec(String community, PeriodValues balancingPrice, PeriodValues cap) {
        this(community, balancingPrice, cap, Optional.empty());
    }
}
