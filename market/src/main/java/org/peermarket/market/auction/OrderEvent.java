package org.peermarket.market.auction;

import org.peermarket.model.OrderEntry.Action;
import org.peermarket.model.OrderEntry.Kind;
import org.peermarket.model.OrderEntry.Side;

/**
 * One event of an auction's order stream, in kWh and currency per kWh. {@code order} is the
 * order's id: a submit creates it, a cancel or modify names it (then {@code quantity} and
 * {@code price} are the new values of a modify). {@code peer} is an index into the input's ids.
 */
public record OrderEvent(double time, Action action, int order, int peer, Side side, Kind kind, double quantity, double price) {

    public static OrderEvent submit(double time, int order, int peer, Side side, Kind kind, double quantity, double price) {
        return new OrderEvent(time, Action.SUBMIT, order, peer, side, kind, quantity, price);
    }

    public static OrderEvent limit(double time, int order, int peer, Side side, double quantity, double price) {
        return submit(time, order, peer, side, Kind.LIMIT, quantity, price);
    }

    public static OrderEvent cancel(double time, int order) {
        return new OrderEvent(time, Action.CANCEL, order, -1, null, null, 0, 0);
    }

    public static OrderEvent modify(double time, int order, double quantity, double price) {
        return new OrderEvent(time, Action.MODIFY, order, -1, null, null, quantity, price);
    }

    public boolean buy() {
        return side == Side.BUY;
    }
}
