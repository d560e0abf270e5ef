package org.peermarket.model;

/**
 * Options of the auction markets ({@code market.type: auction | cda}): pricing rule, k of the
 * k-rule, tie rule at the margin and its seed, number of steps when orders are generated from
 * the peers' costs, whether to clear centrally too for comparison, and the gate closure time
 * per period (orders later than it are rejected; infinite when absent).
 */
public record AuctionSpec(Pricing pricing, double k, Ties ties, long seed, int steps, boolean compare, PeriodValues gate) {

    public static final AuctionSpec DEFAULT = new AuctionSpec(Pricing.UNIFORM, 0.5, Ties.TIME, 0, 10, false,
            PeriodValues.constant(Double.POSITIVE_INFINITY));

    public enum Pricing {
        UNIFORM("uniform"), PAY_AS_BID("pay-as-bid"), MCAFEE("mcafee");

        private final String label;

        Pricing(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Ties {
        TIME("time"), PRO_RATA("pro-rata"), RANDOM("random");

        private final String label;

        Ties(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
