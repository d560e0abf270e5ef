package org.peermarket.market;

import java.util.List;
import java.util.Optional;

/**
 * A mechanism's result over the horizon: each period's result; for an auction also each period's
 * {@link AuctionResult} (rejections, clearing price; its {@code result} is the entry in {@code periods}); for a
 * horizon cleared as one program its {@link HorizonResult}; {@code tradeEdges} the directed edges of the trading
 * graph it cleared on.
 */
public record Cleared(String mechanism, List<ClearingResult> periods, List<AuctionResult> auctions,
                      Optional<HorizonResult> horizon, int tradeEdges) {
    public Cleared {
        periods = List.copyOf(periods);
        auctions = List.copyOf(auctions);
    }

    public static Cleared ofPeriods(String mechanism, List<ClearingResult> periods, int tradeEdges) {
        return new Cleared(mechanism, periods, List.of(), Optional.empty(), tradeEdges);
    }

    public static Cleared ofAuctions(String mechanism, List<AuctionResult> auctions, int tradeEdges) {
        return new Cleared(mechanism, auctions.stream().map(AuctionResult::result).toList(), auctions,
                Optional.empty(), tradeEdges);
    }

    public static Cleared ofHorizon(String mechanism, HorizonResult h) {
        return new Cleared(mechanism, h.periods(), List.of(), Optional.of(h), h.tradeEdges());
    }
}
