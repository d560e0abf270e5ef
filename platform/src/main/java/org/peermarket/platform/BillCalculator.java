package org.peermarket.platform;

import java.util.List;

/**
 * Turns one period's trades into bills. Kept behind this interface so a fuller settlement
 * (fees, grid tariffs, imbalance) can replace {@link TradeBills} without touching the platform.
 */
public interface BillCalculator {
    List<Bill> bills(String market, int period, List<TradeRow> trades);
}
