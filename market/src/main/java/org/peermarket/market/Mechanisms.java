package org.peermarket.market;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.peermarket.model.MarketSpec;

/** Registry of clearing mechanisms by {@code market.type/market.solver}. */
public final class Mechanisms {
    private static final Map<String, Function<MarketSpec, ClearingMechanism>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("p2p/central", spec -> new CentralP2P());
        REGISTRY.put("p2p/admm", spec -> new AdmmP2P(spec.admm()));
    }

    private Mechanisms() {}

    /** The mechanism with its default options. */
    public static Optional<ClearingMechanism> lookup(String type, String solver) {
        return lookup(new MarketSpec(type, solver));
    }

    /** The mechanism a scenario's {@code market} names, configured with its options. */
    public static Optional<ClearingMechanism> lookup(MarketSpec spec) {
        return Optional.ofNullable(REGISTRY.get(spec.type() + "/" + spec.solver())).map(f -> f.apply(spec));
    }

    /** Registered keys, {@code type/solver}. */
    public static Set<String> names() {
        return REGISTRY.keySet();
    }
}
