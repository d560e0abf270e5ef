package org.peermarket.model;

import java.util.Map;
import java.util.Set;

/**
 * The documented magnitude limit of each kind of number in a scenario (docs/scenario-format.md,
 * Limits), in the file's own units. The solvers work to about 1e-9 of a market's scales, so
 * a value far beyond any real market would let a wrong answer pass their checks.
 */
enum Scale {
    QUANTITY(1e6, "1e6"),
    PRICE(1e6, "1e6"),
    CURVATURE(1e12, "1e12"),
    MONEY(1e12, "1e12"),
    TIME(1e9, "1e9"),
    PLAIN(1e6, "1e6");

    final double limit;
    final String limitText;

    Scale(double limit, String limitText) {
        this.limit = limit;
        this.limitText = limitText;
    }

    private static final Map<Scale, Set<String>> KEYS = Map.of(
            QUANTITY, Set.of("pmin", "pmax", "quantity", "volume", "capacity", "charge_max", "discharge_max",
                    "soc_initial", "soc_final", "import_cap", "export_cap", "cap", "primal_tolerance", "floor", "hmin", "hmax",
                    "heat_max"),
            PRICE, Set.of("b", "price", "fee", "fee_inside", "retail", "feed_in", "import_price", "export_price",
                    "balancing_price", "penalty", "w_imp", "w_exp", "trade_cost", "dual_tolerance", "buyer_value", "fuel_cost"),
            CURVATURE, Set.of("a", "rho"),
            MONEY, Set.of("d"),
            TIME, Set.of("time", "gate"));

    /** The kind of the number at a field path, from its key (a map entry takes its map's kind). */
    static Scale of(String path) {
        String p = path.replaceAll("\\[\\d+]$", "");
        if (p.contains(".prefs.") || p.contains(".offers.")) {
            return PRICE;
        }
        if (p.contains(".branches.")) {
            return QUANTITY;
        }
        String key = p.substring(p.lastIndexOf('.') + 1);
        for (Map.Entry<Scale, Set<String>> e : KEYS.entrySet()) {
            if (e.getValue().contains(key)) {
                return e.getKey();
            }
        }
        return PLAIN;
    }
}
