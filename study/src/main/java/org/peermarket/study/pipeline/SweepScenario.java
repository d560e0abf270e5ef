package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.peermarket.grid.Bus;
import org.peermarket.grid.Generator;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;
import org.peermarket.market.Cleared;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Communities;
import org.peermarket.model.Cost;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.GridSpec;
import org.peermarket.model.MarketSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.PeriodValues;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.model.Units;

/**
 * A study cell (one policy point on one draw) as a scenario run through the pipeline (docs/pipeline.md#sweeps):
 * the peers of the draw in a p2p/central market of one hour (kWh), the feeder with the draw's ratings, the
 * cell's DSO policy, and {@code study.steps} [p2p, lfm] (or [lfm] for lfm-only) with every bid of the draw.
 * The phases get typed inputs made once per draw: the network (a heavy cell's loads and generation scaled) and
 * the study's trading graph, sellers to buyers only.
 */
final class SweepScenario {
    private SweepScenario() {}

    /** The cell's scenario; for a heavy cell, its grid key names the feeder unscaled (a scenario has no load factor). */
    static Scenario of(EuniversalStudy.Draw d, SweepCell cell, boolean balanceNeutral) {
        List<Peer> peers = peers(d);
        List<String> steps = cell.hasP2p() ? List.of("p2p", "lfm") : List.of("lfm");
        StudySpec study = new StudySpec(steps, balanceNeutral, true, bids(d), Optional.empty());
        return new Scenario(cell.name(), "sweep cell " + cell.name() + " on " + cell.feeder(), 1, 1, Units.DEFAULT,
                MarketSpec.DEFAULT, peers, List.of(), Optional.of(gridSpec(d, cell.feeder())), Communities.NONE,
                Map.of(), dso(cell), Optional.of(study), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The cell's KPIs from the pipeline's phases; {@code plain}: the draw's clearing without a DSO policy. */
    static StudyResults.ScenarioOutcome run(EuniversalStudy.Draw d, SweepCell cell, boolean balanceNeutral,
                                            Map<String, Cleared> plain) {
        Scenario s = of(d, cell, balanceNeutral);
        RunResult r = Pipeline.of(s).run(input(s, d, cell.heavy()), () -> graph(s), plain);
        return outcome(cell.name(), r, d.ratingMw());
    }

    /** The KPIs of a run of a cell's scenario: the grid check before the LFM, the LFM, the P2P volume in MW. */
    static StudyResults.ScenarioOutcome outcome(String name, RunResult r, double[] ratings) {
        if (!r.periods().get(0).hasResult()) {
            throw new IllegalStateException("the P2P market of " + name + " did not clear: " + r.periods().get(0).cause());
        }
        StudyResults.LfmPeriod lfm = r.study().orElseThrow().lfm().get(0);
        double[] flows = Sequential.flowsOf(lfm.before());
        double volume = r.scenario().study().orElseThrow().runsP2p() ? r.periods().get(0).tradedVolume() / 1e3 : 0;
        return new StudyResults.ScenarioOutcome(name, lfm.before().kpis(), lfm.lfm(), volume,
                EuniversalStudy.occupancy(flows, ratings), EuniversalStudy.occupancy(lfm.lfm().flowsAfterMw(), ratings));
    }

    /** The input every phase reads, its network made from the draw (no case read, no ratings rule). */
    static RunInput input(Scenario s, EuniversalStudy.Draw d, boolean heavy) {
        GridCase grid = heavy ? scaled(d.grid(), d.heavyFactor()) : d.grid();
        int[] peerBus = new int[s.peers().size()];
        int k = 0;
        for (int b = 0; b < d.bids().size(); b++) {
            if (d.peer()[b]) {
                peerBus[k++] = d.bids().get(b).bus();
            }
        }
        GridStudy.Setup setup = new GridStudy.Setup(s.grid().orElseThrow(), grid, Ptdf.of(grid), d.ratingMw(), peerBus);
        return new RunInput(s, Mechanisms.lookup(s.market()).orElseThrow(), Optional.of(setup));
    }

    /** Sellers (up bids) to buyers (down bids), each side paying PREFERENCE per MWh (seed 003 §5.4.2.4). */
    static TradeGraph graph(Scenario s) {
        int n = s.peers().size();
        TradeGraph.Builder gb = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (s.peers().get(i).pmax().at(0) > 0 && s.peers().get(j).pmin().at(0) < 0) {
                    gb.add(i, j, EuniversalStudy.PREFERENCE / 1e3, EuniversalStudy.PREFERENCE / 1e3, 0);
                }
            }
        }
        return gb.build();
    }

    /**
     * The bids acting as peers (kWh, EUR/kWh): an up bid sells up to its quantity at marginal cost price + SLOPE q;
     * a down bid buys up to its quantity with willingness to pay buyer_value - price - SLOPE x. A seller names the
     * buyers as partners and a buyer the sellers, each at PREFERENCE per MWh.
     */
    static List<Peer> peers(EuniversalStudy.Draw d) {
        List<String> sellers = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        for (int b = 0; b < d.bids().size(); b++) {
            if (d.peer()[b]) {
                FlexBid bid = d.bids().get(b);
                (bid.direction() == FlexBid.Direction.UP ? sellers : buyers).add(bid.id());
            }
        }
        List<Peer> out = new ArrayList<>();
        for (int b = 0; b < d.bids().size(); b++) {
            if (d.peer()[b]) {
                out.add(peer(d, d.bids().get(b), sellers, buyers));
            }
        }
        return out;
    }

    private static Peer peer(EuniversalStudy.Draw d, FlexBid b, List<String> sellers, List<String> buyers) {
        boolean up = b.direction() == FlexBid.Direction.UP;
        double c = (up ? b.price() : d.buyerValue() - b.price()) / 1e3;
        double lo = up ? 0 : -b.quantityMw() * 1e3;
        double hi = up ? b.quantityMw() * 1e3 : 0;
        List<String> partners = up ? buyers : sellers;
        Map<String, Double> prefs = new HashMap<>();
        for (String p : partners) {
            prefs.put(p, EuniversalStudy.PREFERENCE / 1e3);
        }
        return new Peer(b.id(), OptionalInt.of(d.grid().buses().get(b.bus()).number()),
                new Cost(PeriodValues.constant(EuniversalStudy.SLOPE / 1e6), PeriodValues.constant(c), 0),
                PeriodValues.constant(lo), PeriodValues.constant(hi), prefs, Optional.of(partners));
    }

    /** Every bid of the draw as a flexibility bid, a peer's bid tied to that peer (it keeps what it did not trade). */
    static List<StudySpec.Bid> bids(EuniversalStudy.Draw d) {
        List<StudySpec.Bid> out = new ArrayList<>();
        for (int b = 0; b < d.bids().size(); b++) {
            FlexBid bid = d.bids().get(b);
            out.add(new StudySpec.Bid(bid.id(), d.grid().buses().get(bid.bus()).number(),
                    bid.direction() == FlexBid.Direction.UP ? "up" : "down", bid.quantityMw(), bid.price(),
                    bid.indivisible(), d.peer()[b] ? bid.id() : null));
        }
        return out;
    }

    /** The feeder with the draw's ratings as explicit ratings (branch numbers from 1). */
    static GridSpec gridSpec(EuniversalStudy.Draw d, String feeder) {
        Map<Integer, Double> ratings = new HashMap<>();
        for (int l = 0; l < d.ratingMw().length; l++) {
            ratings.put(l + 1, d.ratingMw()[l]);
        }
        return new GridSpec(feeder, new GridSpec.Ratings(GridSpec.Ratings.EXPLICIT, ratings, 0, 0), GridSpec.BASE_CASE);
    }

    private static Optional<DsoSpec> dso(SweepCell cell) {
        DsoSpec base = DsoSpec.DEFAULT;
        return switch (cell.policy()) {
            case "block" -> Optional.of(new DsoSpec(DsoSpec.BLOCK, cell.theta(), base.w(), base.chargeType(), 0, 0));
            case "incentive" -> Optional.of(new DsoSpec(DsoSpec.INCENTIVE, cell.theta(), cell.w(), base.chargeType(), 0, 0));
            default -> Optional.empty();
        };
    }

    /** The feeder with every load and generation times {@code factor} (a heavy cell; the same ratings). */
    static GridCase scaled(GridCase g, double factor) {
        List<Bus> buses = new ArrayList<>();
        for (Bus b : g.buses()) {
            buses.add(new Bus(b.number(), b.type(), b.pd() * factor, b.qd() * factor, b.gs() * factor, b.bs(), b.area(),
                    b.vm(), b.vaDeg(), b.baseKv(), b.zone(), b.vmax(), b.vmin()));
        }
        List<Generator> gens = new ArrayList<>();
        for (Generator x : g.generators()) {
            gens.add(new Generator(x.bus(), x.pg() * factor, x.qg() * factor, x.qmax(), x.qmin(), x.vg(), x.mbase(),
                    x.status(), x.pmax(), x.pmin()));
        }
        return new GridCase(g.name(), g.baseMva(), buses, gens, g.branches());
    }
}
