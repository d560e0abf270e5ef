package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.grid.GridCheck;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.flex.LfmInput;
import org.peermarket.market.flex.LocalFlexibilityMarket;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.study.files.LfmFiles;

/**
 * The sequential use of markets.md section 7: the P2P market clears first; its net injections change the flows
 * (the grid check); then the LFM buys what is still needed. A bid tied to a peer ({@code peer:}) loses the volume
 * that peer traded in the bid's direction (sold: its up bids; bought: its down bids, in listed order); what is left
 * is the peer's unmet wish and stays in the LFM at the bid's price, unless {@code unmet_as_bids: false}, which
 * takes every peer's bids out of the LFM.
 */
public final class Sequential {
    private Sequential() {}

    /** Bids must sit on buses of the case and name existing peers; checked before any clearing. */
    public static void validate(Scenario s, java.util.Optional<GridStudy.Setup> grid) {
        if (s.study().isEmpty() || grid.isEmpty()) {
            return;
        }
        List<org.peermarket.model.Problem> problems = new ArrayList<>();
        List<StudySpec.Bid> bids = s.study().get().bids();
        Map<String, Integer> peers = s.indexById();
        for (int i = 0; i < bids.size(); i++) {
            StudySpec.Bid b = bids.get(i);
            if (!grid.get().grid().hasBus(b.bus())) {
                problems.add(new org.peermarket.model.Problem("flexibility.bids[" + i + "].bus", String.valueOf(b.bus()),
                        "no such bus in " + grid.get().grid().name()));
            }
            if (b.peer() != null && !peers.containsKey(b.peer())) {
                problems.add(new org.peermarket.model.Problem("flexibility.bids[" + i + "].peer", b.peer(),
                        "no such peer"));
            }
        }
        if (!problems.isEmpty()) {
            throw new org.peermarket.model.ValidationException(problems);
        }
    }

    /** The run with its LFM periods when the scenario asks for an lfm step; else the run unchanged. */
    public static RunResult lfm(RunResult run) {
        Scenario s = run.scenario();
        if (s.study().isEmpty() || !s.study().get().runsLfm() || run.grid().isEmpty()) {
            return run;
        }
        StudySpec st = s.study().get();
        GridStudy.Run grid = run.grid().get();
        GridStudy.Setup setup = grid.setup();
        double[][] h = setup.ptdf().matrix();
        double[] base = DsoStage.baseFlows(setup);
        Map<String, Integer> peerIndex = s.indexById();
        List<StudyResults.LfmPeriod> periods = new ArrayList<>();
        for (int t = 0; t < run.periods().size(); t++) {
            ClearingResult r = run.periods().get(t);
            GridStudy.Period checked = grid.periods().get(t);
            boolean p2p = st.runsP2p();
            if (p2p && (!r.hasResult() || checked.check() == null)) {
                continue;
            }
            double[] flows = p2p ? flowsOf(checked.check()) : base;
            double[] pMw = p2p ? GridStudy.injectionsPerPeerMw(s, r.p()) : new double[s.peers().size()];
            List<FlexBid> bids = bids(st, setup, peerIndex, pMw, p2p);
            LfmInput in = new LfmInput(h, flows, setup.ratings(), LfmFiles.allLines(h.length), bids, st.balanceNeutral());
            GridCheck.Result before = GridCheck.check(setup.grid(), flows, setup.ratings());
            periods.add(new StudyResults.LfmPeriod(t + 1, before, bids, LocalFlexibilityMarket.clear(in)));
        }
        List<StudyResults.Congestion> congestion = run.study().map(StudyResults::congestion).orElse(List.of());
        return run.withStudy(new StudyResults(periods, List.of(), congestion));
    }

    static double[] flowsOf(GridCheck.Result check) {
        return check.lines().stream().mapToDouble(GridCheck.Line::flow).toArray();
    }

    /** The scenario's bids as LFM bids, each peer's traded volume taken out of its bids in that direction. */
    static List<FlexBid> bids(StudySpec st, GridStudy.Setup setup, Map<String, Integer> peerIndex, double[] pMw,
                              boolean p2p) {
        Map<String, Double> soldLeft = new HashMap<>();
        Map<String, Double> boughtLeft = new HashMap<>();
        List<FlexBid> out = new ArrayList<>();
        for (StudySpec.Bid b : st.bids()) {
            FlexBid.Direction dir = b.direction().equals("up") ? FlexBid.Direction.UP : FlexBid.Direction.DOWN;
            double q = b.quantityMw();
            if (p2p && b.peer() != null && peerIndex.containsKey(b.peer())) {
                if (!st.unmetAsBids()) {
                    continue;
                }
                double p = pMw[peerIndex.get(b.peer())];
                Map<String, Double> left = dir == FlexBid.Direction.UP ? soldLeft : boughtLeft;
                double traded = left.computeIfAbsent(b.peer(), k -> dir == FlexBid.Direction.UP ? Math.max(0, p)
                        : Math.max(0, -p));
                double used = Math.min(q, traded);
                left.put(b.peer(), traded - used);
                q -= used;
            }
            out.add(new FlexBid(b.id(), setup.grid().index(b.bus()), dir, q, b.price(), b.indivisible()));
        }
        return out;
    }
}
