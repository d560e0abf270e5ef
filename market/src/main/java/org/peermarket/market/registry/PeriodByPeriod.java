package org.peermarket.market.registry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.peermarket.market.Cleared;
import org.peermarket.market.ClearingProgress;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MarketProgram;
import org.peermarket.market.Mechanism;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Scenario;

/**
 * A cost-based mechanism over independent periods: each period's market input (markets.md §1) cleared on its own,
 * in parallel on the common pool; each result depends only on its own input, so the outcome is the same as one by
 * one. When storage couples the periods (§4) and a coupled form is given, the horizon clears as one program.
 */
public final class PeriodByPeriod implements Mechanism {
    /** One period's clearing. */
    public interface Period {
        ClearingResult clear(MarketInput in);
    }

    private final String name;
    /** One period's clearing, given what to call after each negotiation iteration. */
    private final Function<Runnable, Period> period;
    private final boolean negotiates;
    private final Mechanism withStorage;

    private PeriodByPeriod(String name, Function<Runnable, Period> period, boolean negotiates, Mechanism withStorage) {
        this.name = name;
        this.period = period;
        this.negotiates = negotiates;
        this.withStorage = withStorage;
    }

    /** Periods clear one by one, with or without storage. */
    static PeriodByPeriod of(String name, Function<Runnable, Period> period, boolean negotiates) {
        return new PeriodByPeriod(name, period, negotiates, null);
    }

    /** Periods clear one by one, unless a peer has storage: then {@code withStorage} clears the horizon. */
    static PeriodByPeriod orCoupled(String name, Function<Runnable, Period> period, Mechanism withStorage) {
        return new PeriodByPeriod(name, period, false, withStorage);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean negotiates() {
        return negotiates;
    }

    @Override
    public boolean couplesPeriods(Scenario s) {
        return withStorage != null && s.hasStorage();
    }

    /** One period on its own (the live platform's gate closure). */
    public ClearingResult clearPeriod(MarketInput in) {
        return period.apply(() -> {}).clear(in);
    }

    @Override
    public Cleared clear(MarketProgram program) {
        Scenario s = program.scenario();
        if (couplesPeriods(s)) {
            return withStorage.clear(program);
        }
        TradeGraph graph = program.graph();
        ClearingProgress progress = program.progress();
        Period shown = period.apply(progress::iteration);
        AtomicInteger done = new AtomicInteger();
        List<ClearingResult> results = IntStream.range(0, s.periods()).parallel()
                .mapToObj(t -> {
                    ClearingResult r = shown.clear(MarketInputs.forPeriod(s, graph, t));
                    progress.periodDone(done.incrementAndGet(), s.periods());
                    return r;
                })
                .toList();
        return Cleared.ofPeriods(name, results, graph.edges());
    }
}
