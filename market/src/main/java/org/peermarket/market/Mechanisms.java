package org.peermarket.market;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Registry of clearing mechanisms by {@code market.type/market.solver}. */
public final class Mechanisms {
    private static final Map<String, Supplier<ClearingMechanism>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("p2p/central", CentralP2P::new);
    }

    private Mechanisms() {}

    public static Optional<ClearingMechanism> lookup(String type, String solver) {
        return Optional.ofNullable(REGISTRY.get(type + "/" + solver)).map(Supplier::get);
    }

    /** Registered keys, {@code type/solver}. */
    public static Set<String> names() {
        return REGISTRY.keySet();
    }
}
