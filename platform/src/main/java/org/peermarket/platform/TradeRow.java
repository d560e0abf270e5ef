package org.peermarket.platform;

/**
 * One executed trade between two orders: the seller receives {@code price} per kWh, the buyer pays it and, on top,
 * {@code charge} per kWh to the DSO (a grid charge, docs/platform.md#dso-policy; 0 without one).
 */
public record TradeRow(long id, String market, int period, long sellerOrder, long buyerOrder, String seller, String buyer,
                       double quantity, double price, long createdAt, double charge) {

    /** A trade without a grid charge. */
    public TradeRow(long id, String market, int period, long sellerOrder, long buyerOrder, String seller, String buyer,
                    double quantity, double price, long createdAt) {
        this(id, market, period, sellerOrder, buyerOrder, seller, buyer, quantity, price, createdAt, 0);
    }
}
