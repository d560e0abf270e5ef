package org.peermarket.market.solver;

import java.util.Locale;
import java.util.Optional;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;

/**
 * The last word before a result is called optimal (or an auction cleared): every reported
 * number is finite, and the market's scales are within what the relative checks can certify.
 * The checks accept violations up to about 1e-6 of the largest bound and price; at 1e300 that
 * certifies nothing about a market whose trades are a few kWh (docs/solvers.md#result-checks).
 */
public final class ResultCheck {
    /** Largest quantity scale certified, in kWh: the validation limit 1e6 in MWh. */
    static final double MAX_QUANTITY = 1e9;
    /** Largest price scale certified, per kWh: a = 1e6 per kWh² at 1e6 kWh, plus b = 1e6. */
    static final double MAX_PRICE = 2e12;

    private ResultCheck() {}

    /** Why the market's bounds and marginal costs are too large to certify a result, if they are. */
    public static Optional<String> beyondScale(MarketInput in) {
        return beyondScale(Kkt.quantityScale(in), Kkt.priceScale(in));
    }

    static Optional<String> beyondScale(double quantity, double price) {
        if (Double.isFinite(quantity) && quantity <= MAX_QUANTITY && Double.isFinite(price) && price <= MAX_PRICE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "numerical failure: the market's scales (bounds up to %.3g kWh, marginal costs up to %.3g per kWh)"
                        + " are beyond what double-precision checks can certify (at most %.0e kWh and %.0e per kWh)",
                quantity, price, MAX_QUANTITY, MAX_PRICE));
    }

    /**
     * The result itself when it has none to report or every reported number is finite; else a
     * NOT_SOLVED result naming the first bad number. A peer's price may be NaN only in an
     * auction (a peer that did not trade when there is no uniform price).
     */
    public static ClearingResult vetted(ClearingResult r) {
        return r.hasResult() ? firstNonFinite(r).map(cause -> ClearingResult.failed(Status.NOT_SOLVED,
                "numerical failure: " + cause, r.solver())).orElse(r) : r;
    }

    private static Optional<String> firstNonFinite(ClearingResult r) {
        if (!Double.isFinite(r.objective())) {
            return Optional.of("objective = " + r.objective());
        }
        double[] p = r.p();
        double[] mu = r.mu();
        boolean auction = r.status() == Status.CLEARED;
        for (int n = 0; n < p.length; n++) {
            if (!Double.isFinite(p[n])) {
                return Optional.of("peer " + n + ": p = " + p[n]);
            }
            if (!Double.isFinite(mu[n]) && !(auction && Double.isNaN(mu[n]))) {
                return Optional.of("peer " + n + ": price mu = " + mu[n]);
            }
        }
        for (Trade t : r.trades()) {
            if (!Double.isFinite(t.quantity()) || !Double.isFinite(t.price()) || !Double.isFinite(t.charge())) {
                return Optional.of("trade " + t.seller() + " -> " + t.buyer() + ": quantity " + t.quantity()
                        + ", price " + t.price() + ", charge " + t.charge());
            }
        }
        Checks c = r.checks();
        if (!auction && !(Double.isFinite(c.worstPrimal()) && Double.isFinite(c.worstDual())
                && Double.isFinite(c.dualityGap()))) {
            return Optional.of("optimality checks " + c);
        }
        return Optional.empty();
    }
}
