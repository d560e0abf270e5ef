package org.peermarket.model;

/**
 * Cost C(p) = 0.5 a p^2 + b p + d of a peer's net injection p (markets.md section 0).
 * For a consumer (p &lt; 0) it is minus its utility. a and b may vary by period.
 */
public record Cost(PeriodValues a, PeriodValues b, double d) {

    public double value(int t, double p) {
        return 0.5 * a.at(t) * p * p + b.at(t) * p + d;
    }

    public double marginal(int t, double p) {
        return a.at(t) * p + b.at(t);
    }
}
