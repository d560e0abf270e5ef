package org.peermarket.market.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.peermarket.market.Mechanism;
import org.peermarket.market.auction.ContinuousAuction;
import org.peermarket.market.auction.PeriodicAuction;
import org.peermarket.market.community.CommunityMarket;
import org.peermarket.market.community.HorizonP2P;
import org.peermarket.market.community.HybridDecomposed;
import org.peermarket.market.community.HybridJoint;
import org.peermarket.market.heat.HeatMarket;
import org.peermarket.market.p2p.AdmmP2P;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.MarketSpec;

/** The one registry of clearing mechanisms, keyed {@code market.type/market.solver}. */
public final class Mechanisms {
    private static final Map<String, Function<MarketSpec, Mechanism>> REGISTRY = new LinkedHashMap<>();

    static {
        // with storage the periods are coupled (markets.md §4): the central P2P market clears them as one program
        REGISTRY.put("p2p/central", spec -> PeriodByPeriod.orCoupled("p2p/central", onIteration -> new CentralP2P()::clear,
                new WholeHorizon("p2p/central", p -> new HorizonP2P().clear(p.scenario(), p.graph(), p.grid()))));
        REGISTRY.put("p2p/admm", spec -> PeriodByPeriod.of("p2p/admm",
                onIteration -> new AdmmP2P(spec.admm()).observed(onIteration)::clear, true));
        for (AuctionSpec.Pricing p : AuctionSpec.Pricing.values()) {
            String name = "auction/" + p.label();
            REGISTRY.put(name, spec -> new PeriodAuctions(name, () -> new PeriodicAuction(p)::clear));
        }
        REGISTRY.put("cda/book", spec -> new PeriodAuctions("cda/book", () -> new ContinuousAuction()::clear));
        REGISTRY.put("community/central", spec -> new WholeHorizon("community/central",
                p -> new CommunityMarket().clear(p.scenario(), p.grid())));
        REGISTRY.put("hybrid/joint", spec -> new WholeHorizon("hybrid/joint",
                p -> new HybridJoint().clear(p.scenario(), p.grid())));
        REGISTRY.put("hybrid/decomposed", spec -> new WholeHorizon("hybrid/decomposed",
                p -> new HybridDecomposed().clear(p.scenario(), p.grid())));
        for (String solver : new String[] {"p2p", "community", "joint"}) {
            REGISTRY.put("heat/" + solver, spec -> new WholeHorizon("heat/" + solver,
                    p -> new HeatMarket(solver).clear(p.scenario())));
        }
    }

    private Mechanisms() {}

    /** The mechanism with its default options. */
    public static Optional<Mechanism> lookup(String type, String solver) {
        return lookup(new MarketSpec(type, solver));
    }

    /** The mechanism a scenario's {@code market} names, configured with its options. */
    public static Optional<Mechanism> lookup(MarketSpec spec) {
        return Optional.ofNullable(REGISTRY.get(spec.type() + "/" + spec.solver())).map(f -> f.apply(spec));
    }

    /** Registered keys, {@code type/solver}. */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(REGISTRY.keySet());
    }
}
