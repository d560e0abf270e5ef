package org.peermarket.market;

import java.util.Optional;

/**
 * The DSO's part in a program cleared over the whole horizon (markets.md §6; docs/combinations.md): how its
 * pre-market policy shapes trades, and the line limits that {@code constrained} puts inside the program.
 *
 * <p>A community member's pool trades and its manager's outside trades have no counterpart peer. Each is seen as a
 * trade between the member's bus and the network's reference bus (the PTDF slack): a sale to the pool or an export
 * runs member to reference, a purchase or an import reference to member. The pool balances in every period, so the
 * reference parts cancel and the legs' flows are exactly the members' net injections. The same policy functions
 * then apply to the legs as to P2P trades ({@link #shape}): a blocked leg is closed, an incentive scales its
 * transaction cost (the manager's fee, the member's outside weight), a charge is paid per kWh to the DSO. A
 * hybrid market's communities and its outside grid trade in the root market from the reference bus.
 *
 * @param peerBus each peer's bus position (PTDF column)
 * @param referenceBus the PTDF's slack position
 * @param shaper the policy on a trading graph whose nodes sit at the given bus positions
 * @param limits the line limits inside the program, when constrained
 */
public record HorizonGrid(int[] peerBus, int referenceBus, Shaper shaper, Optional<LineRows> limits) {
    /** The pre-market policy (block, incentive, charge) on a graph whose node i sits at bus position nodeBus[i]. */
    public interface Shaper {
        TradeGraph shape(TradeGraph g, int[] nodeBus);
    }

    /**
     * For every rated line l and period t, {@code -R_l <= F_l + mwPerKwh sum_n PTDF[l][bus_n] inj_n,t <= R_l}, with
     * inj the peer's dispatch plus its storage's discharge minus charge (docs/dso-policies.md, constrained).
     */
    public record LineRows(double[][] ptdf, double[] baseFlowMw, double[] ratingMw, double mwPerKwh) {}

    public HorizonGrid {
        peerBus = peerBus.clone();
    }

    /** A trade leg under the policy: closed by block, its preference scaled by an incentive, its charge per kWh. */
    public record Leg(boolean open, double factor, double charge) {
        /** A leg no policy touches. */
        public static final Leg OPEN = new Leg(true, 1, 0);
        static final Leg CLOSED = new Leg(false, 1, 0);
    }

    /** The policy on one trade from bus position {@code from} to {@code to} (a member's leg). */
    public Leg leg(int from, int to) {
        TradeGraph one = TradeGraph.builder(2).add(0, 1, 1, 0, 0).build();
        TradeGraph shaped = shaper.shape(one, new int[] {from, to});
        return shaped.edges() == 0 ? Leg.CLOSED : new Leg(true, shaped.prefSeller(0), shaped.charge(0));
    }

    /** True when the program takes the line limits. */
    public boolean constrained() {
        return limits.isPresent();
    }
}
