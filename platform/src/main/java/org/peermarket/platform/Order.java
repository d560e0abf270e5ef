package org.peermarket.platform;

import java.util.List;

/**
 * An order shaped after the UMEI Order (docs/platform.md#orders): side, regulation type
 * ({@code none}, {@code up} or {@code down} for flexibility), one delivery period, price-quantity
 * points (each a step of the order's curve, in kWh and currency per kWh), the minimum quantity a
 * single match must reach, its kind in a continuous market (limit, fok, fak), how much is filled
 * and its lifecycle status.
 */
public record Order(long id, String participant, String clientId, String market, int period, String side, String kind,
                    String regulation, List<Point> points, double quantity, double minQuantity, double filled,
                    OrderStatus status, long createdAt, long ledgerSeq) {

    public record Point(double quantity, double price) {}

    public Order {
        points = List.copyOf(points);
    }

    public boolean buy() {
        return side.equals("buy");
    }

    public double remaining() {
        return quantity - filled;
    }

    /** This received order as activated: active, nothing filled, at its ledger entry. */
    public Order activated(long ledgerEntry) {
        return new Order(id, participant, clientId, market, period, side, kind, regulation, points, quantity, minQuantity, 0,
                OrderStatus.ACTIVE, createdAt, ledgerEntry);
    }

    public Order with(double newFilled, OrderStatus newStatus) {
        return new Order(id, participant, clientId, market, period, side, kind, regulation, points, quantity, minQuantity,
                newFilled, newStatus, createdAt, ledgerSeq);
    }
}
