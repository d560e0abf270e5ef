package org.peermarket.platform;

import java.util.List;

/**
 * A validated order submission: {@code payload} is the canonical JSON the participant signed
 * (the request body without its signature) and goes to the ledger as it is.
 */
public record OrderRequest(String market, int period, String side, String kind, String regulation, List<Order.Point> points,
                           double minQuantity, String clientId, String payload, String signature) {

    public double quantity() {
        return points.stream().mapToDouble(Order.Point::quantity).sum();
    }
}
