package org.peermarket.study.pipeline;

import java.util.Optional;
import java.util.function.Supplier;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Mechanism;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * The pre-market DSO phase (markets.md section 6; docs/dso-policies.md): block, incentive and charge reshape the
 * trading graph, block is also the auction's acceptance filter, and constrained puts the line limits into the
 * clearing. Lines at risk are judged on the base flows ({@link DsoStage}). At a live gate closure the platform's
 * judge of the live orders applies the same policy functions and hands the shaped program in
 * ({@link #live}; docs/platform.md#dso-policy).
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
        refuseCoupledPeriods(in);
        // an auction clears orders, not a cost program: there constrained adds no limits (as before the pipeline)
        boolean lineLimits = DsoStage.constrained(s) && !s.market().isAuction();
        Optional<LineLimits> limits = lineLimits ? Optional.of(LineLimits.of(s, in.grid().orElseThrow())) : Optional.empty();
        return new Program(in, () -> DsoStage.graph(s, in.grid(), own.get()),
                () -> DsoStage.filter(s, in.grid()), limits);
    }

    /**
     * The live phase: the same refusal of coupled periods, the program as the platform's judge shaped it; as in
     * batch, an auction takes no line limits.
     */
    Program live(RunInput in, Supplier<TradeGraph> graph, Supplier<MatchFilter> filter, Optional<LineLimits> limits) {
        refuseCoupledPeriods(in);
        return new Program(in, graph, filter, in.scenario().market().isAuction() ? Optional.empty() : limits);
    }

    /** The policies act on one period's trades; a horizon cleared as one program has none to shape. */
    static void refuseCoupledPeriods(RunInput in) {
        coupledPeriods(in.scenario(), in.mechanism()).ifPresent(p -> {
            throw new ValidationException(p);
        });
    }

    /**
     * The problem of a DSO policy on a market whose periods are coupled, as a batch run reports it (the platform
     * reports the same for a live market from a scenario).
     */
    public static Optional<Problem> coupledPeriods(Scenario s, Mechanism mechanism) {
        if (mechanism.couplesPeriods(s) && !DsoStage.spec(s).policy().equals(DsoSpec.NONE)) {
            return Optional.of(new Problem("dso.policy", s.dso().get().policy(),
                    "applies to markets cleared period by period (p2p without storage, auction, cda); "
                            + "market.type is " + s.market().type() + (s.hasStorage() ? " with storage" : "")));
        }
        return Optional.empty();
    }
}
