package org.peermarket.platform;

/** One executed trade between two orders: the seller receives {@code price} per kWh, the buyer pays it. */
public record TradeRow(long id, String market, int period, long sellerOrder, long buyerOrder, String seller, String buyer,
                       double quantity, double price, long createdAt) {}
