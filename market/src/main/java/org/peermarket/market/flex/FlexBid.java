package org.peermarket.market.flex;

/**
 * A flexibility bid of the local flexibility market (markets.md section 7): at bus position {@code bus} (case
 * order), direction up (more injection or less consumption) or down (the reverse), at most {@code quantityMw}
 * at {@code price} per MWh; an indivisible bid is taken whole or not at all.
 */
public record FlexBid(String id, int bus, Direction direction, double quantityMw, double price, boolean indivisible) {
    public enum Direction {
        UP, DOWN;

        /** s_b of markets.md section 7: +1 up, -1 down. */
        public int sign() {
            return this == UP ? 1 : -1;
        }

        public String label() {
            return name().toLowerCase();
        }
    }

    public FlexBid {
        if (!(quantityMw >= 0) || !Double.isFinite(quantityMw)) {
            throw new IllegalArgumentException(id + ": quantity must be finite and >= 0: " + quantityMw);
        }
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException(id + ": price must be finite: " + price);
        }
    }

    public FlexBid(String id, int bus, Direction direction, double quantityMw, double price) {
        this(id, bus, direction, quantityMw, price, false);
    }

    public FlexBid withQuantity(double q) {
        return new FlexBid(id, bus, direction, q, price, indivisible);
    }
}
