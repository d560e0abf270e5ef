package org.peermarket.model;

/**
 * One event of a scenario's order stream ({@code orders:}), in kWh and currency per kWh.
 * A submit carries peer, side, kind, quantity and limit price; a cancel names the order it
 * withdraws ({@code ref}); a modify names it and gives the new quantity and price. Events
 * are processed by {@code time}, ties in list order; {@code period} is 1-based.
 */
public record OrderEntry(
        String id,
        Action action,
        String ref,
        String peer,
        Side side,
        Kind kind,
        double quantity,
        double price,
        double time,
        int period) {

    public enum Side { BUY, SELL }

    /** LIMIT rests when not filled; FOK fills completely at once or not at all; FAK fills what crosses, drops the rest. */
    public enum Kind { LIMIT, FOK, FAK }

    public enum Action { SUBMIT, CANCEL, MODIFY }
}
