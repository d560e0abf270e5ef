package org.peermarket.market;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.peermarket.model.AuctionSpec;

/** Registry of clearing mechanisms by {@code market.type/market.solver}: cost-based and order-based. */
public final class Mechanisms {
    private static final Map<String, Supplier<ClearingMechanism>> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, Supplier<OrderMechanism>> ORDER_BASED = new LinkedHashMap<>();

    static {
        REGISTRY.put("p2p/central", CentralP2P::new);
        for (AuctionSpec.Pricing p : AuctionSpec.Pricing.values()) {
            ORDER_BASED.put("auction/" + p.label(), () -> new PeriodicAuction(p));
        }
        ORDER_BASED.put("cda/book", ContinuousAuction::new);
    }

    private Mechanisms() {}

    public static Optional<ClearingMechanism> lookup(String type, String solver) {
        return Optional.ofNullable(REGISTRY.get(type + "/" + solver)).map(Supplier::get);
    }

    /** The order-based mechanism (an auction) registered as {@code type/solver}. */
    public static Optional<OrderMechanism> orderBased(String type, String solver) {
        return Optional.ofNullable(ORDER_BASED.get(type + "/" + solver)).map(Supplier::get);
    }

    /** Registered keys, {@code type/solver}, of both kinds. */
    public static Set<String> names() {
        Set<String> all = new java.util.LinkedHashSet<>(REGISTRY.keySet());
        all.addAll(ORDER_BASED.keySet());
        return all;
    }
}
