package org.peermarket.settlement;

/** An account holder: a peer (by its scenario id) or one of the system actors below. */
public record Actor(String id, ActorKind kind) {
    public static final Actor DSO = new Actor("dso", ActorKind.DSO);
    public static final Actor RETAILER = new Actor("retailer", ActorKind.RETAILER);
    public static final Actor AUCTIONEER = new Actor("auctioneer", ActorKind.MARKET_OPERATOR);

    public static Actor peer(String id) {
        return new Actor(id, ActorKind.PEER);
    }
}
