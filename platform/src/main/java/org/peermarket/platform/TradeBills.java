package org.peermarket.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bills straight from the trades: a buyer pays quantity x price, the seller receives it; no fees.
 * Checked: money paid equals money received over the period.
 */
public final class TradeBills implements BillCalculator {

    @Override
    public List<Bill> bills(String market, int period, List<TradeRow> trades) {
        Map<String, double[]> sums = new TreeMap<>();
        double paidTotal = 0;
        double receivedTotal = 0;
        for (TradeRow t : trades) {
            double money = t.quantity() * t.price();
            double[] b = sums.computeIfAbsent(t.buyer(), k -> new double[4]);
            b[0] += t.quantity();
            b[2] += money;
            double[] s = sums.computeIfAbsent(t.seller(), k -> new double[4]);
            s[1] += t.quantity();
            s[3] += money;
            paidTotal += money;
            receivedTotal += money;
        }
        if (Math.abs(paidTotal - receivedTotal) > 1e-9 * Math.max(1, paidTotal)) {
            throw new IllegalStateException("bills do not balance: paid " + paidTotal + ", received " + receivedTotal);
        }
        List<Bill> out = new ArrayList<>();
        sums.forEach((who, v) -> out.add(new Bill(market, period, who, v[0], v[1], v[2], v[3])));
        return out;
    }
}
