package org.peermarket.platform;

/**
 * What one participant bought and sold in one delivery period, and the money in whole cents
 * (as currency): net = received - paid. {@code residual} is the exact net minus the billed net,
 * what rounding each transaction to the cent moved on this account (shown, never billed).
 * {@code gridCharges} is the part of {@code paid} that went to the DSO as grid charges (a buyer's), or for the
 * DSO's own account ({@code dso}) the part of {@code received} that came from them.
 */
public record Bill(String market, int period, String participant, double bought, double sold, double paid, double received,
                   double residual, double gridCharges) {

    public Bill(String market, int period, String participant, double bought, double sold, double paid, double received) {
        this(market, period, participant, bought, sold, paid, received, 0);
    }

    public Bill(String market, int period, String participant, double bought, double sold, double paid, double received,
                double residual) {
        this(market, period, participant, bought, sold, paid, received, residual, 0);
    }

    public double net() {
        return received - paid;
    }
}
