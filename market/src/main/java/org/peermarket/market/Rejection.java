package org.peermarket.market;

/**
 * An order or a match that an auction refused, and why. For a match both {@code seller} and
 * {@code buyer} are peers; for an order only the peer on its side is set, the other is -1.
 * Quantity in kWh, price per kWh (the order's limit, or the match's price).
 */
public record Rejection(int seller, int buyer, double quantity, double price, String reason) {

    public boolean isMatch() {
        return seller >= 0 && buyer >= 0;
    }
}
