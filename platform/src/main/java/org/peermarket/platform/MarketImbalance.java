package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.peermarket.model.MeteringSpec;
import org.peermarket.model.PeriodValues;

/**
 * A live market's imbalance prices per kWh (docs/platform.md#deviations), as a scenario's
 * {@code metering.imbalance} (docs/metering.md#deviation-settlement): {@code single} pricing pays a
 * long participant and charges a short one {@code price}; {@code dual} pays {@code longPrice} and
 * charges {@code shortPrice}, with shortPrice >= longPrice (the balance-responsible party keeps the spread).
 */
public record MarketImbalance(String pricing, double shortPrice, double longPrice) {

    static final String FIELD = "imbalance";
    /** The same ceiling as an order's price (docs/platform.md#order-limits). */
    private static final double CEILING = 1e6;

    /** Reads {@code imbalance} of a market body (null when absent); problems name e.g. {@code imbalance.shortPrice}. */
    static MarketImbalance parse(Body b, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject() || !n.path("pricing").isTextual()) {
            b.fail(FIELD, n.isObject() ? n.get("pricing") : n, "must be {pricing: single, price} or {pricing: dual, shortPrice, longPrice}");
            return null;
        }
        String pricing = n.get("pricing").asText();
        Set<String> keys = switch (pricing) {
            case "single" -> Set.of("pricing", "price");
            case "dual" -> Set.of("pricing", "shortPrice", "longPrice");
            default -> null;
        };
        if (keys == null) {
            b.fail(FIELD + ".pricing", pricing, "must be one of [dual, single]");
            return null;
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                b.fail(FIELD + "." + k, null, "unknown field for " + pricing + " pricing; expected one of " + new java.util.TreeSet<>(keys));
            }
        });
        if (pricing.equals("single")) {
            double p = price(b, n, "price");
            return Double.isNaN(p) ? null : new MarketImbalance(pricing, p, p);
        }
        double s = price(b, n, "shortPrice");
        double l = price(b, n, "longPrice");
        if (Double.isNaN(s) || Double.isNaN(l)) {
            return null;
        }
        if (s < l) {
            b.fail(FIELD + ".shortPrice", s, "must be >= longPrice " + l + " (else a participant earns by deviating both ways)");
            return null;
        }
        return new MarketImbalance(pricing, s, l);
    }

    private static double price(Body b, JsonNode n, String key) {
        String field = FIELD + "." + key;
        double v = b.number(n.get(key), field, null, -CEILING, true);
        if (Double.isFinite(v) && v > CEILING) {
            b.fail(field, v, "must be from -1000000 to 1000000 per kWh");
            return Double.NaN;
        }
        return Double.isFinite(v) && v >= -CEILING ? v : Double.NaN;
    }

    /** The settlement module's rule for these prices (one value for every period). */
    MeteringSpec.ImbalanceRule rule() {
        return new MeteringSpec.ImbalanceRule(pricing, PeriodValues.constant(shortPrice), PeriodValues.constant(shortPrice),
                PeriodValues.constant(longPrice), "pro_rata");
    }

    /** JSON form (market row, ledger, API). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pricing", pricing);
        if (pricing.equals("single")) {
            m.put("price", shortPrice);
        } else {
            m.put("shortPrice", shortPrice);
            m.put("longPrice", longPrice);
        }
        return m;
    }

    static MarketImbalance fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode n = Json.tree(text);
        String pricing = n.get("pricing").asText();
        return pricing.equals("single") ? new MarketImbalance(pricing, n.get("price").asDouble(), n.get("price").asDouble())
                : new MarketImbalance(pricing, n.get("shortPrice").asDouble(), n.get("longPrice").asDouble());
    }
}
