package org.peermarket.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.peermarket.grid.Branch;
import org.peermarket.grid.GridCase;
import org.peermarket.market.dso.ConstrainedP2P;
import org.peermarket.market.dso.DsoPolicies;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;
import org.peermarket.study.pipeline.DsoPhase;
import org.peermarket.study.pipeline.DsoStage;
import org.peermarket.study.pipeline.GridStudy;
import org.peermarket.study.pipeline.LineLimits;

/**
 * A market grid ready to judge matches (docs/platform.md#dso-policy): the study's setup of its case
 * ({@link GridStudy#setup}), the base flows {@link DsoStage#baseFlows} gives, and each policy applied by
 * {@link DsoStage} with the live orders as the peers. {@code busLabels} name the case's buses in answers (platform
 * bus ids for the lines form, bus numbers for a case), {@code mwPerKwh} turns the platform's kWh per period into
 * the case's MW (1 for the lines form, whose case is in kWh).
 */
record CompiledGrid(MarketGrid grid, GridStudy.Setup setup, DsoSpec dso, double[] flows, boolean[] atRisk,
                    MatchFilter byBus, List<String> busLabels, Map<String, Integer> busIndex, double mwPerKwh) {

    static CompiledGrid of(MarketGrid g, int periodMinutes) {
        DsoSpec dso = g.spec();
        if (g.network() == null) {
            LinesCase lines = LinesCase.of(g);
            return of(g, dso, lines.setup(), new ArrayList<>(lines.busIndex().keySet()), 1.0);
        }
        GridCase loaded = g.network().load();
        GridStudy.Setup setup = GridStudy.setup(g.network().spec(), loaded, new int[0]);
        List<String> labels = loaded.buses().stream().map(b -> String.valueOf(b.number())).toList();
        return of(g, dso, setup, labels, 60.0 / (1000 * periodMinutes));
    }

    private static CompiledGrid of(MarketGrid g, DsoSpec dso, GridStudy.Setup setup, List<String> labels, double mwPerKwh) {
        double[] flows = DsoStage.baseFlows(setup);
        int[] identity = java.util.stream.IntStream.range(0, labels.size()).toArray();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        // one filter whose peers are the buses: a match is judged by its two bus positions
        MatchFilter byBus = DsoStage.filter(dso, setup.withPeerBus(identity));
        return new CompiledGrid(g, setup, dso, flows, DsoPolicies.atRisk(flows, setup.ratings(), dso.theta()), byBus, labels,
                index, mwPerKwh);
    }

    /**
     * Each participant's bus position: for a case, its bus in {@code grid.buses}; for the lines form, the platform
     * bus {@code busOf} gives; the reference bus when it has none here.
     */
    ToIntFunction<String> positions(Function<String, String> busOf) {
        int slack = setup.grid().slack();
        if (grid.network() != null) {
            Map<String, Integer> buses = grid.network().buses();
            return p -> buses.containsKey(p) ? setup.grid().index(buses.get(p)) : slack;
        }
        return p -> {
            String bus = busOf.apply(p);
            return bus == null ? slack : busIndex.getOrDefault(bus, slack);
        };
    }

    /** The block policy's refusal for a match between these bus positions, or null (other policies). */
    String refusal(int sellerBus, int buyerBus) {
        return byBus.refusal(sellerBus, buyerBus, 0);
    }

    /** This policy judging the matches of a market whose participants are at {@code busOf(participant)}. */
    Clearing.Grid judge(Function<String, String> busOf) {
        ToIntFunction<String> at = positions(busOf);
        CompiledGrid g = this;
        return new Clearing.Grid() {
            @Override
            public String refusal(Order seller, Order buyer) {
                return g.refusal(at.applyAsInt(seller.participant()), at.applyAsInt(buyer.participant()));
            }

            @Override
            public java.util.Optional<DsoSpec> dso() {
                return java.util.Optional.of(g.dso());
            }

            @Override
            public TradeGraph shape(TradeGraph graph, List<Order> owners) {
                return g.shape(graph, positions(owners, at));
            }

            @Override
            public java.util.Optional<HorizonGrid> horizon(List<Order> owners) {
                return java.util.Optional.of(g.horizon(positions(owners, at)));
            }

            @Override
            public Clearing.Constrained constrained() {
                return !g.constrained() ? null : new Clearing.Constrained() {
                    @Override
                    public LineLimits limits(List<Order> owners) {
                        return g.limits(positions(owners, at));
                    }

                    @Override
                    public Map<String, Object> congestion(ConstrainedP2P.Result r) {
                        return g.congestion(r);
                    }
                };
            }
        };
    }

    private static int[] positions(List<Order> owners, ToIntFunction<String> at) {
        return owners.stream().mapToInt(o -> at.applyAsInt(o.participant())).toArray();
    }

    /**
     * The trading graph over peers at these bus positions after incentive or charge ({@link DsoStage#graph}), the
     * same edges in the same order; for incentive every edge first carries each side's {@code preference}, the trade
     * cost that is scaled.
     */
    TradeGraph shape(TradeGraph g, int[] peerBus) {
        if (!dso.policy().equals(DsoSpec.INCENTIVE) && !dso.policy().equals(DsoSpec.CHARGE)) {
            return g; // block judges pairs as they are built (refusal), constrained adds rows: the edges stay as they are
        }
        TradeGraph base = g;
        if (dso.policy().equals(DsoSpec.INCENTIVE)) {
            TradeGraph.Builder b = TradeGraph.builder(g.peers());
            for (int e = 0; e < g.edges(); e++) {
                b.add(g.seller(e), g.buyer(e), g.prefSeller(e) + grid.preference(), g.prefBuyer(e) + grid.preference(),
                        g.charge(e));
            }
            base = b.build();
        }
        return DsoStage.graph(dso, setup.withPeerBus(peerBus), base, flows);
    }

    boolean constrained() {
        return dso.policy().equals(DsoSpec.CONSTRAINED);
    }

    /** The DSO's part in a live community's program, its members at these bus positions (docs/combinations.md). */
    HorizonGrid horizon(int[] memberBus) {
        return DsoPhase.horizonGrid(dso, setup.withPeerBus(memberBus),
                constrained() ? java.util.Optional.of(limits(memberBus)) : java.util.Optional.empty());
    }

    /** Every line's rating as rows of the P2P clearing, the peers at these bus positions. */
    LineLimits limits(int[] peerBus) {
        return new LineLimits(setup.withPeerBus(peerBus), flows, mwPerKwh);
    }

    /**
     * The congestion part of a constrained clearing, published with the period: per line (branch) its flow before and
     * after and its dual nu_l, in the case's units (kWh per period and currency per kWh for the lines form, MW for a
     * case), per bus the congestion component kappa = sum_l PTDF_l,bus nu_l that a peer's marginal cost there adds
     * to its energy price mu.
     */
    Map<String, Object> congestion(ConstrainedP2P.Result r) {
        double[] ratings = setup.ratings();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> ls = new ArrayList<>();
        GridCase c = setup.grid();
        for (int l = 0; l < ratings.length; l++) {
            Branch br = c.branches().get(l);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", busLabels.get(c.index(br.from())));
            row.put("to", busLabels.get(c.index(br.to())));
            row.put("rating", ratings[l]);
            row.put("flowBefore", flows[l]);
            row.put("flowAfter", r.flowsAfterMw()[l]);
            row.put("dual", r.lineDual()[l]);
            ls.add(row);
        }
        out.put("lines", ls);
        Map<String, Object> buses = new java.util.TreeMap<>();
        int[] everyBus = java.util.stream.IntStream.range(0, busLabels.size()).toArray();
        double[] kappa = ConstrainedP2P.congestion(r.lineDual(), setup.ptdf().matrix(), everyBus, 1); // per case unit
        for (int i = 0; i < busLabels.size(); i++) {
            buses.put(busLabels.get(i), kappa[i]);
        }
        out.put("congestion", buses);
        return out;
    }
}
