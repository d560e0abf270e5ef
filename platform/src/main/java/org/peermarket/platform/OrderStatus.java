package org.peermarket.platform;

/**
 * UMEI order lifecycle: RECEIVED (recorded in the ledger as submitted) then ACTIVE in the same
 * commit; it ends FILLED (all of it traded), KILLED (a fill-or-kill or fill-and-kill whose rest
 * was dropped, or a rest that could not be placed), EXPIRED (gate closure came first; any part
 * already traded stays traded) or CANCELLED by its owner.
 */
public enum OrderStatus {
    RECEIVED, ACTIVE, FILLED, KILLED, EXPIRED, CANCELLED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean live() {
        return this == RECEIVED || this == ACTIVE;
    }
}
