package org.peermarket.platform;

import java.util.List;
import java.util.Map;

/**
 * Turns one period's trades into bills. Kept behind this interface so a fuller settlement
 * (fees, grid tariffs, imbalance) can replace {@link SettlementBills} without touching the platform.
 */
public interface BillCalculator {
    List<Bill> bills(String market, int period, List<TradeRow> trades);

    /** The bills and the transactions behind them (ledger payload rows); none by default. */
    default Settled settle(String market, int period, List<TradeRow> trades) {
        return new Settled(bills(market, period, trades), List.of());
    }

    /**
     * The bills of one period of a community market from its clearing (markets.md section 2);
     * by default {@link CommunityBills}, on the settlement module's typed transactions.
     */
    default Settled settleCommunity(String market, int period, CommunityClearing.Outcome outcome) {
        return CommunityBills.settle(market, period, outcome);
    }

    /** One period's bills and its transactions, each a map for the ledger. */
    record Settled(List<Bill> bills, List<Map<String, Object>> transactions) {}
}
