package org.peermarket.study;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.peermarket.market.AdmmP2P;
import org.peermarket.market.AuctionInputs;
import org.peermarket.market.AuctionResult;
import java.util.Optional;
import org.peermarket.market.ClearingMechanism;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.ConstrainedP2P;
import org.peermarket.market.HorizonMechanism;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Mechanisms;
import org.peermarket.market.OrderMechanism;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;
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
        if (s.study().flatMap(st -> st.draw()).isPresent()) {
            return EuniversalStudy.run(s);
        }
        Optional<HorizonMechanism> horizon = Mechanisms.horizon(s);
        if (horizon.isPresent()) {
            return runHorizon(s, horizon.get());
        }
        if (s.market().isAuction()) {
            Optional<GridStudy.Setup> grid = GridStudy.setup(s); // read once: the filter and the grid check share it
            return runAuction(s, DsoStage.filter(s, grid), grid);
        }
        ClearingMechanism mechanism = mechanism(s);
        Optional<GridStudy.Setup> grid = GridStudy.setup(s);
        Sequential.validate(s, grid);
        TradeGraph graph = DsoStage.graph(s, grid, MarketInputs.graph(s));
        List<ConstrainedP2P.Result> constrained = DsoStage.constrained(s)
                ? DsoStage.clearConstrained(s, grid.orElseThrow(), graph) : List.of();
        List<ClearingResult> results = DsoStage.constrained(s)
                ? DsoStage.clearings(constrained)
                : clearPeriods(s, mechanism, graph);
        Optional<GridStudy.Run> checked = grid.map(g -> GridStudy.run(g, s, results));
        RunResult run = new RunResult(s, mechanism.name(), graph.edges(), results, List.of(), null, checked);
        if (!constrained.isEmpty()) {
            run = run.withStudy(new StudyResults(List.of(), List.of(), DsoStage.congestion(constrained)));
        }
        return Sequential.after(run);
    }

    /** Clears the periods in parallel, showing progress on a terminal. */
    private static List<ClearingResult> clearPeriods(Scenario s, ClearingMechanism mechanism, TradeGraph graph) {
        try (Progress progress = progress(s, mechanism)) {
            ClearingMechanism shown = observed(mechanism, progress);
            AtomicInteger done = new AtomicInteger();
            return IntStream.range(0, s.periods()).parallel()
                    .mapToObj(t -> {
                        ClearingResult r = shown.clear(MarketInputs.forPeriod(s, graph, t));
                        periodDone(progress, shown, done.incrementAndGet(), s.periods());
                        return r;
                    })
                    .toList();
        }
    }

    /** Periods done for most mechanisms; ADMM iterations (over all periods) for a negotiation. */
    private static Progress progress(Scenario s, ClearingMechanism mechanism) {
        return mechanism instanceof AdmmP2P
                ? Progress.start("negotiating " + s.name(), 0, "iterations")
                : Progress.start("clearing " + s.name(), s.periods(), "periods");
    }

    private static ClearingMechanism observed(ClearingMechanism mechanism, Progress progress) {
        return mechanism instanceof AdmmP2P admm && progress != Progress.NONE ? admm.observed(progress::step) : mechanism;
    }

    private static void periodDone(Progress progress, ClearingMechanism mechanism, int done, int periods) {
        if (mechanism instanceof AdmmP2P) {
            progress.message(done + "/" + periods + " periods");
        } else {
            progress.step();
        }
    }

    /**
     * Clears the whole horizon at once (communities, hybrid trees, storage): periods are coupled,
     * or the market is one program over its levels. The grid check sees each peer's dispatch.
     */
    static RunResult runHorizon(Scenario s, HorizonMechanism mechanism) {
        if (s.dso().map(d -> !d.policy().equals(DsoSpec.NONE)).orElse(false)) {
            throw new ValidationException(new Problem("dso.policy", s.dso().get().policy(),
                    "applies to markets cleared period by period (p2p without storage, auction, cda); "
                            + "market.type is " + s.market().type() + (s.hasStorage() ? " with storage" : "")));
        }
        Optional<GridStudy.Setup> grid = GridStudy.setup(s);
        Sequential.validate(s, grid);
        HorizonResult h = mechanism.clear(s);
        List<ClearingResult> results = h.periods();
        return Sequential.after(new RunResult(s, mechanism.name(), h.tradeEdges(), results, List.of(), null,
                grid.map(g -> GridStudy.run(g, s, withStorage(s, h))), Optional.of(h)));
    }

    /** What the grid sees: each peer's dispatch plus its storage's discharge minus charge. */
    private static List<ClearingResult> withStorage(Scenario s, HorizonResult h) {
        if (!s.hasStorage()) {
            return h.periods();
        }
        Map<String, Integer> index = s.indexById();
        List<ClearingResult> out = new java.util.ArrayList<>();
        for (int t = 0; t < h.periods().size(); t++) {
            ClearingResult r = h.periods().get(t);
            if (!r.hasResult()) {
                out.add(r);
                continue;
            }
            double[] p = r.p();
            for (HorizonResult.StorageStep st : h.storage()) {
                if (st.period() == t) {
                    p[index.get(st.peer())] += st.discharge() - st.charge();
                }
            }
            out.add(new ClearingResult(r.status(), r.cause(), r.objective(), p, r.mu(), r.trades(), r.solver(), r.checks()));
        }
        return out;
    }

    /**
     * Clears an auction scenario period by period, every match offered to {@code filter} (the
     * grid-aware acceptance hook; accept-all until grids and DSO policies exist). With orders
     * generated from costs, each period's objective is the true cost of its outcome, so that
     * welfare compares with central clearing; with listed orders it is minus the gains from
     * trade at the orders' limits. Any pair may trade: the auction ignores partner lists.
     */
    public static RunResult runAuction(Scenario s, MatchFilter filter) {
        return runAuction(s, filter, GridStudy.setup(s));
    }

    private static RunResult runAuction(Scenario s, MatchFilter filter, Optional<GridStudy.Setup> grid) {
        OrderMechanism mechanism = Mechanisms.orderBased(s.market().type(), s.market().solver()).orElseThrow(() ->
                new ValidationException(new Problem("market", "{type: " + s.market().type() + ", solver: "
                        + s.market().solver() + "}", "no such market mechanism; available: " + Mechanisms.names())));
        Sequential.validate(s, grid);
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
        return Sequential.after(new RunResult(s, mechanism.name(), n * (n - 1), periods, auctions, comparison,
                grid.map(g -> GridStudy.run(g, s, periods))));
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
