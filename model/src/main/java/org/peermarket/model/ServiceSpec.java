package org.peermarket.model;

import java.util.List;

/**
 * The scenario's {@code service} key (seed 003 CM5; docs/dso-policies.md#explicit-service): the DSO asks the peers
 * listed in {@code offers} (the area) for {@code volume} of flexibility in {@code direction} (up: more injection,
 * down: less) in each of {@code periods} (0-based). Each offer is a peer's capacity price; its capacity is its
 * headroom after the P2P market. {@code tradeCost}: cost per unit of capacity moved between two peers. Quantities in
 * kWh per period and prices per kWh (converted at parsing).
 */
public record ServiceSpec(double volume, String direction, List<Integer> periods, List<Offer> offers,
                          double tradeCost) {
    public ServiceSpec {
        periods = List.copyOf(periods);
        offers = List.copyOf(offers);
    }

    /** A peer's capacity price per kWh. */
    public record Offer(String peer, double price) {}

    public boolean up() {
        return direction.equals("up");
    }
}
