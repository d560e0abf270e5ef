package org.peermarket.model;

import java.util.List;
import java.util.Map;

/**
 * A community (energy collective, markets.md §2): its members (peer ids, or community ids in a
 * hybrid market, §3), its manager's terms, and, in a hybrid market, its own preferences about
 * the other agents of its parent market (cost per kWh, as a peer's {@code prefs}). In kWh.
 */
public record Community(String id, List<String> members, Manager manager, Map<String, Double> prefs) {
    public Community {
        members = List.copyOf(members);
        prefs = Map.copyOf(prefs);
    }

    public double pref(String other) {
        return prefs.getOrDefault(other, 0.0);
    }

    /**
     * The manager's terms: the internal fee phi per kWh bought or sold in the pool, the outside
     * import and export prices (market.type community only) and the caps on the community's
     * total import and export per period (infinite when not given).
     */
    public record Manager(PeriodValues fee, PeriodValues importPrice, PeriodValues exportPrice, PeriodValues importCap,
                          PeriodValues exportCap) {
        public Manager slice(int from, int length) {
            return new Manager(fee.slice(from, length), importPrice.slice(from, length), exportPrice.slice(from, length),
                    importCap.slice(from, length), exportCap.slice(from, length));
        }
    }
}
