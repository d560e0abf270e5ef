package org.peermarket.market;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.MarketSpec;

/** Registry of clearing mechanisms by {@code market.type/market.solver}: cost-based and order-based. */
public final class Mechanisms {
    private static final Map<String, Function<MarketSpec, ClearingMechanism>> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, Supplier<OrderMechanism>> ORDER_BASED = new LinkedHashMap<>();
    private static final Map<String, Function<MarketSpec, HorizonMechanism>> HORIZON = new LinkedHashMap<>();

    static {
        REGISTRY.put("p2p/central", spec -> new CentralP2P());
        REGISTRY.put("p2p/admm", spec -> new AdmmP2P(spec.admm()));
        for (AuctionSpec.Pricing p : AuctionSpec.Pricing.values()) {
            ORDER_BASED.put("auction/" + p.label(), () -> new PeriodicAuction(p));
        }
        ORDER_BASED.put("cda/book", ContinuousAuction::new);
        HORIZON.put("community/central", spec -> new CommunityMarket());
        HORIZON.put("hybrid/joint", spec -> new HybridJoint());
        HORIZON.put("hybrid/decomposed", spec -> new HybridDecomposed());
        for (String solver : new String[] {"p2p", "community", "joint"}) {
            HORIZON.put("heat/" + solver, spec -> new HeatMarket(solver));
        }
    }

    /**
     * The horizon mechanism for a scenario: the community and hybrid markets always, and the
     * central P2P market when storage couples the periods (markets.md §4).
     */
    public static Optional<HorizonMechanism> horizon(org.peermarket.model.Scenario s) {
        String key = s.market().type() + "/" + s.market().solver();
        if (key.equals("p2p/central") && s.hasStorage()) {
            return Optional.of(new HorizonP2P());
        }
        return Optional.ofNullable(HORIZON.get(key)).map(f -> f.apply(s.market()));
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

    /** The order-based mechanism (an auction) registered as {@code type/solver}. */
    public static Optional<OrderMechanism> orderBased(String type, String solver) {
        return Optional.ofNullable(ORDER_BASED.get(type + "/" + solver)).map(Supplier::get);
    }

    /** Registered keys, {@code type/solver}, of both kinds. */
    public static Set<String> names() {
        Set<String> all = new java.util.LinkedHashSet<>(REGISTRY.keySet());
        all.addAll(ORDER_BASED.keySet());
        all.addAll(HORIZON.keySet());
        return all;
    }
}
