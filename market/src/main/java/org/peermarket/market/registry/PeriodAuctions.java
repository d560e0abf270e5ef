package org.peermarket.market.registry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.Cleared;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketProgram;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.Mechanism;
import org.peermarket.market.auction.AuctionInput;
import org.peermarket.market.auction.AuctionInputs;
import org.peermarket.model.Scenario;

/**
 * An order-based mechanism (markets.md §5) over independent periods, each period's order stream cleared on its
 * own, every match offered to the program's filter (the DSO's grid-aware acceptance). With orders generated from
 * costs, each period's objective is the true cost of its outcome, so that welfare compares with central clearing;
 * with listed orders it is minus the gains from trade at the orders' limits. Any pair may trade: the auction
 * ignores partner lists, so its graph has n (n - 1) directed edges.
 */
public final class PeriodAuctions implements Mechanism {
    /** One period's auction. */
    public interface Period {
        AuctionResult clear(AuctionInput in);
    }

    private final String name;
    private final Supplier<Period> period;

    PeriodAuctions(String name, Supplier<Period> period) {
        this.name = name;
        this.period = period;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean couplesPeriods(Scenario s) {
        return false;
    }

    /** One period on its own (the live platform's gate closure). */
    public AuctionResult clearPeriod(AuctionInput in) {
        return period.get().clear(in);
    }

    @Override
    public Cleared clear(MarketProgram program) {
        Scenario s = program.scenario();
        Period auction = period.get();
        MatchFilter filter = program.filter();
        boolean generated = s.orders().isEmpty();
        AtomicInteger done = new AtomicInteger();
        List<AuctionResult> auctions = IntStream.range(0, s.periods()).parallel()
                .mapToObj(t -> {
                    AuctionResult a = auction.clear(AuctionInputs.forPeriod(s, t, filter));
                    program.progress().periodDone(done.incrementAndGet(), s.periods());
                    return generated ? withObjective(a, -AuctionInputs.welfare(s, t, a.result())) : a;
                })
                .toList();
        int n = s.peers().size();
        return Cleared.ofAuctions(name, auctions, n * (n - 1));
    }

    private static AuctionResult withObjective(AuctionResult a, double objective) {
        ClearingResult r = a.result();
        ClearingResult changed = new ClearingResult(r.status(), r.cause(), objective, r.p(), r.mu(), r.trades(), r.solver(),
                r.checks());
        return new AuctionResult(changed, a.clearingPrice(), a.auctioneerSurplus(), a.rejected());
    }
}
