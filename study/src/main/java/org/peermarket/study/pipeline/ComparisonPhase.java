package org.peermarket.study.pipeline;

import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Trade;
import org.peermarket.model.MarketSpec;
import org.peermarket.model.Scenario;

/** The auction against central clearing of the same peers (docs/auctions.md): welfare and average prices. */
public final class ComparisonPhase implements Stage<Clearing, Comparison> {
    @Override
    public Phase phase() {
        return Phase.COMPARISON;
    }

    @Override
    public Comparison apply(Clearing c) {
        Scenario s = c.input().scenario();
        List<ClearingResult> auction = c.cleared().periods();
        Scenario central = new Scenario(s.name(), s.description(), s.periods(), s.periodHours(), s.units(),
                MarketSpec.DEFAULT, s.peers());
        RunResult r = Pipeline.of(central).run();
        return new Comparison(r.status().label(), -r.objective(),
                -auction.stream().mapToDouble(ClearingResult::objective).sum(),
                averagePrice(r.status().hasResult() ? r.periods() : List.of()), averagePrice(auction));
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
