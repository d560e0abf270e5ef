package org.peermarket.platform;

/** What one participant bought and sold in one delivery period, and the money: net = received - paid. */
public record Bill(String market, int period, String participant, double bought, double sold, double paid, double received) {
    public double net() {
        return received - paid;
    }
}
