package org.peermarket.model;

/**
 * The aggregator of a community ({@code vpp: {community, balancing_price, cap}};
 * docs/vpp.md): after the community market has cleared, its manager offers the members'
 * storage flexibility to an external balancing market that buys energy at
 * {@code balancingPrice} per kWh, up to {@code cap} kWh per period (infinite when absent).
 */
public record VppSpec(String community, PeriodValues balancingPrice, PeriodValues cap) {}
