package org.peermarket.study.pipeline;

import java.util.Optional;
import java.util.function.Supplier;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Mechanism;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * The pre-market DSO phase (markets.md section 6; docs/dso-policies.md, docs/combinations.md): block, incentive and
 * charge reshape the trading graph, block is also the auction's acceptance filter, and constrained puts the line
 * limits into the clearing. A mechanism that clears the horizon as one program (storage, communities, hybrid
 * trees) gets the same policies on its trades and on each member's pool and outside legs, and the line limits as
 * rows of its program ({@link HorizonGrid}). Lines at risk are judged on the base flows ({@link DsoStage}). At a
 * live gate closure the platform's judge of the live orders applies the same policy functions and hands the shaped
 * program in ({@link #live}; docs/platform.md#dso-policy).
 */
public final class DsoPhase implements Stage<RunInput, Program> {
    @Override
    public Phase phase() {
        return Phase.DSO;
    }

    @Override
    public Program apply(RunInput in) {
        return apply(in, () -> MarketInputs.graph(in.scenario()));
    }

    /** As {@link #apply(RunInput)} on a trading graph given as a typed input (a sweep cell's sellers to buyers). */
    public Program apply(RunInput in, Supplier<TradeGraph> own) {
        Scenario s = in.scenario();
        refuse(in);
        Supplier<TradeGraph> graph = () -> DsoStage.graph(s, in.grid(), own.get());
        if (in.mechanism().couplesPeriods(s)) {
            return new Program(in, graph, () -> MatchFilter.ACCEPT_ALL, Optional.empty(),
                    Optional.of(horizonGrid(s, in.grid())));
        }
        Optional<LineLimits> limits = DsoStage.constrained(s) ? Optional.of(LineLimits.of(s, in.grid().orElseThrow()))
                : Optional.empty();
        return new Program(in, graph, () -> DsoStage.filter(s, in.grid()), limits);
    }

    /**
     * The DSO's part in a horizon program: the policy on a graph whose nodes sit at given buses (the network's, or
     * none for a unique charge without a grid), each peer's bus, the reference bus and, when constrained, the lines.
     */
    static HorizonGrid horizonGrid(Scenario s, Optional<GridStudy.Setup> grid) {
        if (grid.isEmpty()) { // a unique charge needs no network: every leg at one bus
            return new HorizonGrid(new int[s.peers().size()], 0, (g, bus) -> DsoStage.graph(s, grid, g), Optional.empty());
        }
        DsoSpec d = DsoStage.spec(s);
        return horizonGrid(d, grid.get(), d.policy().equals(DsoSpec.CONSTRAINED) ? Optional.of(LineLimits.of(s, grid.get()))
                : Optional.empty());
    }

    /**
     * The DSO's part in a horizon program on a network with each peer at {@code setup.peerBus()}, and the line limits
     * when constrained: a batch run's, or a live community's with its members at their participants' buses.
     */
    public static HorizonGrid horizonGrid(DsoSpec d, GridStudy.Setup setup, Optional<LineLimits> limits) {
        // the base flows do not depend on where the peers are: made once for every leg and window
        double[] base = DsoStage.readsFlows(d) ? DsoStage.baseFlows(setup) : null;
        HorizonGrid.Shaper shaper = (g, bus) -> DsoStage.graph(d, setup.withPeerBus(bus), g, base);
        Optional<HorizonGrid.LineRows> rows = limits.map(l -> new HorizonGrid.LineRows(l.grid().ptdf().matrix(), l.flows(),
                l.grid().ratings(), l.mwPerKwh()));
        return new HorizonGrid(setup.peerBus(), setup.grid().slack(), shaper, rows);
    }

    /**
     * The live phase: the same refusals, the program as the platform's judge shaped it.
     */
    Program live(RunInput in, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter, Optional<LineLimits> limits,
                 Optional<HorizonGrid> horizon) {
        refuse(in);
        if (in.mechanism().couplesPeriods(in.scenario())) {
            return new Program(in, graph, filter, Optional.empty(), horizon);
        }
        return new Program(in, graph, filter, limits);
    }

    static void refuse(RunInput in) {
        refusal(in.scenario(), in.mechanism()).ifPresent(p -> {
            throw new ValidationException(p);
        });
    }

    /**
     * A DSO policy the market design cannot take, for the mathematical reasons docs/combinations.md gives, as a
     * batch run reports it (the platform reports the same for a live market from a scenario): trade costs and line
     * limits need a cost program (auctions match orders at their own prices), and line limits one whose levels are
     * solved together (hybrid/decomposed separates them); heat markets clear a heat network, not the feeder.
     */
    public static Optional<Problem> refusal(Scenario s, Mechanism mechanism) {
        String policy = DsoStage.spec(s).policy();
        if (policy.equals(DsoSpec.NONE)) {
            return Optional.empty();
        }
        String type = s.market().type();
        if (type.equals("heat")) {
            return problem(s, "applies to electricity markets; market.type heat clears a heat network");
        }
        if (s.market().isAuction() && !policy.equals(DsoSpec.BLOCK)) {
            String what = policy.equals(DsoSpec.CONSTRAINED) ? "puts line limits into a cost program"
                    : "changes the trade costs of a cost program";
            return problem(s, what + "; market.type " + type + " matches orders at the prices they state"
                    + " (use block, the grid-aware acceptance)");
        }
        if (policy.equals(DsoSpec.CONSTRAINED) && mechanism.name().equals("hybrid/decomposed")) {
            return problem(s, "couples every community through the line limits; hybrid/decomposed clears each"
                    + " community on its own (use hybrid/joint)");
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(Scenario s, String message) {
        return Optional.of(new Problem("dso.policy", s.dso().orElseThrow().policy(), message));
    }
}
