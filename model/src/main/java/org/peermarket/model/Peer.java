package org.peermarket.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A market participant. Quantities are energy per period (kWh inside the engine), net injection
 * positive when selling. {@code prefs} maps a partner id to this peer's cost per kWh of trading
 * with it; {@code partners}, when present, lists whom this peer is willing to trade with
 * (absent: everyone).
 */
public record Peer(
        String id,
        OptionalInt bus,
        Cost cost,
        PeriodValues pmin,
        PeriodValues pmax,
        Map<String, Double> prefs,
        Optional<List<String>> partners) {

    public Peer {
        prefs = Map.copyOf(prefs);
        partners = partners.map(List::copyOf);
    }

    public double pref(String partner) {
        return prefs.getOrDefault(partner, 0.0);
    }

    /** True when this peer named {@code other} as a partner or named no partners at all. */
    public boolean accepts(String other) {
        return partners.map(list -> list.contains(other)).orElse(true);
    }

    /** True when this peer lists {@code other} explicitly. */
    public boolean lists(String other) {
        return partners.map(list -> list.contains(other)).orElse(false);
    }
}
