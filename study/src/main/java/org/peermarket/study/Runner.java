package org.peermarket.study;

import java.util.List;
import java.util.stream.IntStream;
import org.peermarket.market.AuctionInputs;
import org.peermarket.market.AuctionResult;
import java.util.Optional;
import org.peermarket.market.ClearingMechanism;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonMechanism;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Mechanisms;
import org.peermarket.market.OrderMechanism;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.MarketSpec;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * Runs a scenario period by period. Each period goes through explicit phases: build the
 * market input, clear it with the registered mechanism, record the checked result. Periods are
 * independent for the full P2P market (no storage yet), so they share no state.
 */
public final class Runner {
    private Runner() {}

    /** The mechanism a scenario names, or a validation error naming market.type/market.solver. */
    public static ClearingMechanism mechanism(Scenario s) {
        return Mechanisms.lookup(s.market()).orElseThrow(() -> {
            String key = s.market().type() + "/" + s.market().solver();
            return new ValidationException(new Problem("market", "{type: " + s.market().type() + ", solver: "
                    + s.market().solver() + "}", "no such market mechanism '" + key + "'; available: " + Mechanisms.names()));
        });
    }

    /**
     * Clears every period. Periods share nothing, so they clear in parallel on the common pool;
     * each result depends only on its own input, so the outcome is the same as one by one.
     */
    public static RunResult run(Scenario s) {
        Optional<HorizonMechanism> horizon = Mechanisms.horizon(s);
        if (horizon.isPresent()) {
            return runHorizon(s, horizon.get());
        }
        if (s.market().isAuction()) {
            return runAuction(s, MatchFilter.ACCEPT_ALL);
        }
        ClearingMechanism mechanism = mechanism(s);
        Optional<GridStudy.Setup> grid = GridStudy.setup(s);
        TradeGraph graph = MarketInputs.graph(s);
        List<ClearingResult> results = IntStream.range(0, s.periods()).parallel()
                .mapToObj(t -> mechanism.clear(MarketInputs.forPeriod(s, graph, t)))
                .toList();
        return new RunResult(s, mechanism.name(), graph.edges(), results, List.of(), null,
                grid.map(g -> GridStudy.run(g, s, results)));
    }

    /**
     * Clears the whole horizon at once (communities, hybrid trees, storage): periods are coupled,
     * or the market is one program over its levels. The grid check sees each peer's dispatch.
     */
    static RunResult runHorizon(Scenario s, HorizonMechanism mechanism) {
        Optional<GridStudy.Setup> grid = GridStudy.setup(s);
        HorizonResult h = mechanism.clear(s);
        List<ClearingResult> results = h.periods();
        return new RunResult(s, mechanism.name(), h.tradeEdges(), results, List.of(), null,
                grid.map(g -> GridStudy.run(g, s, results)), Optional.of(h));
    }

    /**
     * Clears an auction scenario period by period, every match offered to {@code filter} (the
     * grid-aware acceptance hook; accept-all until grids and DSO policies exist). With orders
     * generated from costs, each period's objective is the true cost of its outcome, so that
     * welfare compares with central clearing; with listed orders it is minus the gains from
     * trade at the orders' limits. Any pair may trade: the auction ignores partner lists.
     */
    public static RunResult runAuction(Scenario s, MatchFilter filter) {
        OrderMechanism mechanism = Mechanisms.orderBased(s.market().type(), s.market().solver()).orElseThrow(() ->
                new ValidationException(new Problem("market", "{type: " + s.market().type() + ", solver: "
                        + s.market().solver() + "}", "no such market mechanism; available: " + Mechanisms.names())));
        Optional<GridStudy.Setup> grid = GridStudy.setup(s);
        boolean generated = s.orders().isEmpty();
        List<AuctionResult> auctions = IntStream.range(0, s.periods()).parallel()
                .mapToObj(t -> {
                    AuctionResult a = mechanism.clear(AuctionInputs.forPeriod(s, t, filter));
                    return generated ? withObjective(a, -AuctionInputs.welfare(s, t, a.result())) : a;
                })
                .toList();
        List<ClearingResult> periods = auctions.stream().map(AuctionResult::result).toList();
        int n = s.peers().size();
        Comparison comparison = s.market().auction().compare() ? compare(s, periods) : null;
        return new RunResult(s, mechanism.name(), n * (n - 1), periods, auctions, comparison,
                grid.map(g -> GridStudy.run(g, s, periods)));
    }

    private static AuctionResult withObjective(AuctionResult a, double objective) {
        ClearingResult r = a.result();
        ClearingResult changed = new ClearingResult(r.status(), r.cause(), objective, r.p(), r.mu(), r.trades(), r.solver(),
                r.checks());
        return new AuctionResult(changed, a.clearingPrice(), a.auctioneerSurplus(), a.rejected());
    }

    private static Comparison compare(Scenario s, List<ClearingResult> auction) {
        Scenario central = new Scenario(s.name(), s.description(), s.periods(), s.periodHours(), s.units(),
                MarketSpec.DEFAULT, s.peers());
        RunResult c = run(central);
        return new Comparison(c.status().label(), -c.objective(), -auction.stream().mapToDouble(ClearingResult::objective).sum(),
                averagePrice(c.status().hasResult() ? c.periods() : List.of()), averagePrice(auction));
    }

    /** Volume-weighted average of the trades' prices (what sellers receive); NaN without trades. */
    private static double averagePrice(List<ClearingResult> periods) {
        double value = 0;
        double volume = 0;
        for (ClearingResult r : periods) {
            for (Trade t : r.trades()) {
                value += t.quantity() * t.price();
                volume += t.quantity();
            }
        }
        return volume > 0 ? value / volume : Double.NaN;
    }

}
