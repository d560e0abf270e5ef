package org.peermarket.market;

import java.util.List;

/**
 * A horizon cleared at once. {@code periods} holds each period's result as the per-period
 * mechanisms report it (p and mu per peer, trades whose seller and buyer index {@code agents}:
 * the peers first, in scenario order, then the communities, then the outside grid). The plain
 * records below carry what only communities and storage have, for writers, settlement and
 * reports. {@code coordination} is the number of level iterations of a decomposed clearing
 * (0 for a joint one); {@code tradeEdges} the directed trade edges of the root market; {@code heat}
 * the district-heating side of a heat market (docs/heat-market.md); {@code lineDuals} with the DSO's line limits
 * in the program, each period's dual nu_l of every line's row (0 for a line without one), else empty.
 */
public record HorizonResult(List<ClearingResult> periods, List<String> agents, List<MemberFlow> members,
                            List<CommunityPeriod> communities, List<StorageStep> storage, long coordination,
                            int tradeEdges, java.util.Optional<HeatResult> heat, List<double[]> lineDuals) {
    /** A horizon without a heat market. */
    public HorizonResult(List<ClearingResult> periods, List<String> agents, List<MemberFlow> members,
                         List<CommunityPeriod> communities, List<StorageStep> storage, long coordination, int tradeEdges) {
        this(periods, agents, members, communities, storage, coordination, tradeEdges, java.util.Optional.empty());
    }

    /** A horizon without line limits in its program. */
    public HorizonResult(List<ClearingResult> periods, List<String> agents, List<MemberFlow> members,
                         List<CommunityPeriod> communities, List<StorageStep> storage, long coordination, int tradeEdges,
                         java.util.Optional<HeatResult> heat) {
        this(periods, agents, members, communities, storage, coordination, tradeEdges, heat, List.of());
    }

    /** The same horizon with its line rows' duals. */
    public HorizonResult withLineDuals(List<double[]> duals) {
        return new HorizonResult(periods, agents, members, communities, storage, coordination, tradeEdges, heat, duals);
    }

    public HorizonResult {
        heat = heat == null ? java.util.Optional.empty() : heat;
        lineDuals = lineDuals == null ? List.of() : List.copyOf(lineDuals);
        periods = List.copyOf(periods);
        agents = List.copyOf(agents);
        members = List.copyOf(members);
        communities = List.copyOf(communities);
        storage = List.copyOf(storage);
    }

    /**
     * A community member's flows in one period (0-based), kWh: {@code q} net sale to the pool,
     * {@code alpha} import from and {@code beta} export to the community's outside (in a hybrid
     * market: its parent market), and what it pays for them under markets.md §2 settlement; {@code gridCharge} what
     * it pays the DSO for its legs under a network charge (docs/combinations.md; not part of the manager's books).
     */
    public record MemberFlow(int period, String member, String community, double q, double alpha, double beta,
                             double payment, double gridCharge) {
        /** Without a network charge. */
        public MemberFlow(int period, String member, String community, double q, double alpha, double beta,
                          double payment) {
            this(period, member, community, q, alpha, beta, payment, 0);
        }
    }

    /**
     * A community in one period: its level (1 = a community of the root market), its parent (""
     * at the top), its pool price lambda_c, its total import and export and its net position
     * e_c = export - import; the price it faces outside (the manager's pi_imp / pi_exp, or its
     * price in the parent market); the manager's books: fees collected, members' total payment,
     * what the manager pays outside (G) and, in a hybrid market, the congestion rent it keeps
     * when a cap binds ((lambda_c - parent price) * net import). Members pay fees + outside + rent.
     */
    public record CommunityPeriod(int period, String community, int level, String parent, double price, double imports,
                                  double exports, double importPrice, double exportPrice, double fees,
                                  double memberPayments, double outsidePayment, double rent) {
        public double net() {
            return exports - imports;
        }
    }

    /** A storage's schedule in one period (0-based), kWh: charged, discharged, SOC at the end. */
    public record StorageStep(int period, String peer, double charge, double discharge, double soc) {}
}
