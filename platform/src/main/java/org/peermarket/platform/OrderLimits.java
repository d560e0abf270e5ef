package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounds an order must keep to be accepted (docs/platform.md#order-limits): every point's
 * quantity at least {@code minQuantity} kWh (no dust), the order's quantity (its points summed)
 * at most {@code maxQuantity} kWh, every price within [-maxPrice, maxPrice] per kWh (negative
 * prices are legitimate in electricity markets), and the order's value, the sum of
 * |price| x quantity over its points, at most {@code maxValue} in currency. Platform defaults
 * come from the config ({@code order_limits}); a market may override any of them at creation
 * ({@code limits}). A null field here means "not set": the platform's default applies.
 */
public record OrderLimits(Double minQuantity, Double maxQuantity, Double maxPrice, Double maxValue) {

    /**
     * The defaults, sized for a community market in kWh and currency per kWh: 1 Wh is a smart
     * meter's resolution; 10 MWh per order covers an aggregator's or a small plant's period;
     * 10 per kWh covers the EU intraday cap of 9,999 EUR/MWh; 10,000 currency per order keeps a
     * period's bills far inside whole cents in a long (and in a double's exact integers).
     */
    public static final OrderLimits DEFAULTS = new OrderLimits(0.001, 10_000.0, 10.0, 10_000.0);
    /** No market may set limits beyond these: one order's cents then stay below 1e12. */
    static final double CEILING_QUANTITY = 1e9;
    static final double CEILING_PRICE = 1e6;
    static final double CEILING_VALUE = 1e10;
    static final double FLOOR_QUANTITY = 1e-6;

    static final List<String> KEYS = List.of("minQuantity", "maxQuantity", "maxPrice", "maxValue");
    /** The same keys in the config file's snake case. */
    static final List<String> CONFIG_KEYS = List.of("min_quantity", "max_quantity", "max_price", "max_value");

    /** These limits with every unset one taken from {@code base}. */
    OrderLimits over(OrderLimits base) {
        return new OrderLimits(minQuantity != null ? minQuantity : base.minQuantity, maxQuantity != null ? maxQuantity : base.maxQuantity,
                maxPrice != null ? maxPrice : base.maxPrice, maxValue != null ? maxValue : base.maxValue);
    }

    private Double get(int i) {
        return switch (i) {
            case 0 -> minQuantity;
            case 1 -> maxQuantity;
            case 2 -> maxPrice;
            default -> maxValue;
        };
    }

    private static double ceiling(int i) {
        return switch (i) {
            case 0, 1 -> CEILING_QUANTITY;
            case 2 -> CEILING_PRICE;
            default -> CEILING_VALUE;
        };
    }

    /**
     * Reads limits from an object whose keys are {@code keys} (camel case in the API, snake case
     * in the config); each given value must be a finite number in (0, ceiling] (minQuantity from
     * 1e-6), and minQuantity must not exceed maxQuantity once {@code base} fills the gaps.
     * Problems go to {@code fail} as (field, value, message) with {@code prefix} before the key.
     */
    static OrderLimits read(JsonNode n, String prefix, List<String> keys, OrderLimits base, Failure fail) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            fail.add(prefix, n, "must be an object {" + String.join(", ", keys) + "}");
            return null;
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                fail.add(prefix + "." + k, null, "unknown field; expected one of " + new java.util.TreeSet<>(keys));
            }
        });
        Double[] v = new Double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode x = n.get(keys.get(i));
            if (x == null || x.isNull()) {
                continue;
            }
            double low = i == 0 ? FLOOR_QUANTITY : 0;
            if (!x.isNumber() || !Double.isFinite(x.asDouble()) || x.asDouble() <= 0 || x.asDouble() < low || x.asDouble() > ceiling(i)) {
                fail.add(prefix + "." + keys.get(i), x, "must be a number " + (i == 0 ? "from " + low : "> 0 and")
                        + (i == 0 ? " to " : " <= ") + ceiling(i));
                continue;
            }
            v[i] = x.asDouble();
        }
        OrderLimits out = new OrderLimits(v[0], v[1], v[2], v[3]);
        OrderLimits full = out.over(base);
        if (full.minQuantity > full.maxQuantity) {
            fail.add(prefix + "." + keys.get(0), full.minQuantity, "must not exceed " + keys.get(1) + " " + full.maxQuantity);
        }
        return out;
    }

    /**
     * Checks an order's points against these (complete) limits, naming each problem's field:
     * {@code points[i].quantity}, {@code points[i].price}, or {@code points} for the order's
     * total quantity and value.
     */
    void check(List<Order.Point> points, Failure fail) {
        boolean pointOk = true;
        double total = 0;
        double value = 0;
        for (int i = 0; i < points.size(); i++) {
            Order.Point p = points.get(i);
            if (!Double.isFinite(p.quantity()) || !Double.isFinite(p.price())) {
                return; // already refused as not a finite number
            }
            String at = "points[" + i + "]";
            if (p.quantity() < minQuantity) {
                fail.add(at + ".quantity", p.quantity(), "must be >= " + minQuantity + " kWh (the market's limits.minQuantity: no dust)");
                pointOk = false;
            } else if (p.quantity() > maxQuantity) {
                fail.add(at + ".quantity", p.quantity(), "must be <= " + maxQuantity + " kWh (the market's limits.maxQuantity)");
                pointOk = false;
            }
            if (Math.abs(p.price()) > maxPrice) {
                fail.add(at + ".price", p.price(), "must be from " + -maxPrice + " to " + maxPrice
                        + " per kWh (the market's limits.maxPrice; negative prices are allowed down to -maxPrice)");
                pointOk = false;
            }
            total += p.quantity();
            value += Math.abs(p.price()) * p.quantity();
        }
        if (!pointOk) {
            return;
        }
        if (total > maxQuantity) {
            fail.add("points", "total " + total + " kWh", "the order's quantity must be <= " + maxQuantity
                    + " kWh (the market's limits.maxQuantity)");
        }
        if (value > maxValue) {
            fail.add("points", "value " + value, "the order's value, |price| x quantity summed over its points, must be <= "
                    + maxValue + " (the market's limits.maxValue)");
        }
    }

    /** Where {@link #read} and {@link #check} report a problem: field, value, message. */
    interface Failure {
        void add(String field, Object value, String message);
    }

    /** JSON form (market row, ledger, API): only the fields that are set. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            if (get(i) != null) {
                m.put(KEYS.get(i), get(i));
            }
        }
        return m;
    }

    static OrderLimits fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode n = Json.tree(text);
        Double[] v = new Double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode x = n.get(KEYS.get(i));
            v[i] = x == null || x.isNull() ? null : x.asDouble();
        }
        return new OrderLimits(v[0], v[1], v[2], v[3]);
    }
}
