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

    /** One period's bills and its transactions, each a map for the ledger. */
    record Settled(List<Bill> bills, List<Map<String, Object>> transactions) {}
}
