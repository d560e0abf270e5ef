package org.peermarket.market;

/**
 * Energy {@code quantity} sold by peer {@code seller} to peer {@code buyer} at {@code price}
 * (lambda_ij, what the seller receives per unit); the buyer also pays {@code charge} (g_ij)
 * per unit to the DSO.
 */
public record Trade(int seller, int buyer, double quantity, double price, double charge) {}
