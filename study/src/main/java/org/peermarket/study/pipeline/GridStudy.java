package org.peermarket.study.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peermarket.grid.AcPowerFlow;
import org.peermarket.grid.Bus;
import org.peermarket.grid.Cases;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.Generator;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.GridCheck;
import org.peermarket.grid.Ptdf;
import org.peermarket.grid.RatingRule;
import org.peermarket.grid.VoltageCheck;
import org.peermarket.market.ClearingResult;
import org.peermarket.model.GridSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ValidationException;

/**
 * The grid check of a run (markets.md section 6): each period's net injections of the peers, converted from
 * energy per period (kWh) to MW with period_hours, are added at their buses to the base (the case's own
 * injections, or nothing); DC flows through the PTDF are checked against the ratings, and an AC load flow of
 * the same injections gives the voltage violations.
 */
public final class GridStudy {
    /** The network, its PTDF and ratings, and each peer's bus position (case order). */
    public record Setup(GridSpec spec, GridCase grid, Ptdf ptdf, double[] ratings, int[] peerBus) {
        /** The same network with other peers: {@code peerBus[n]} is peer n's bus position (the live platform's orders). */
        public Setup withPeerBus(int[] positions) {
            return new Setup(spec, grid, ptdf, ratings, positions);
        }
    }

    /** One period's check; null check when the period has no optimal market result. */
    public record Period(int period, GridCheck.Result check, double tradedVolumeKwh, boolean acConverged,
                  List<VoltageCheck.Violation> violations, double minVoltagePu, int minVoltageBus) {}

    public record Run(Setup setup, List<Period> periods) {}

    private GridStudy() {}

    /** Loads and checks the network before any clearing, so bad grid input stops the run early. */
    public static Optional<Setup> setup(Scenario s) {
        if (s.grid().isEmpty()) {
            return Optional.empty();
        }
        GridSpec spec = s.grid().get();
        GridCase grid = load(spec.caseRef());
        List<Problem> problems = new ArrayList<>();
        int[] peerBus = new int[s.peers().size()];
        for (int n = 0; n < peerBus.length; n++) {
            Peer peer = s.peers().get(n);
            int number = peer.bus().orElseThrow();
            if (!grid.hasBus(number)) {
                problems.add(new Problem("peers[" + n + "].bus", String.valueOf(number), "no such bus in " + grid.name()));
            } else {
                peerBus[n] = grid.index(number);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return Optional.of(setup(spec, grid, peerBus));
    }

    /** A loaded network with its peers at these bus positions: PTDF, and ratings by the spec's rule. */
    public static Setup setup(GridSpec spec, GridCase grid, int[] peerBus) {
        Ptdf ptdf = Ptdf.of(grid);
        double[] baseFlows = DcPowerFlow.run(base(spec, grid)).flowMw();
        double[] ratings = rule(spec.ratings()).ratings(grid, baseFlows);
        return new Setup(spec, grid, ptdf, ratings, peerBus);
    }

    private static GridCase load(String ref) {
        try {
            return Cases.load(ref);
        } catch (ValidationException e) {
            List<Problem> problems = e.problems().stream()
                    .map(p -> new Problem("grid.case: " + p.path(), p.value(), p.message())).toList();
            throw new ValidationException(problems);
        }
    }

    private static RatingRule rule(GridSpec.Ratings r) {
        return switch (r.rule()) {
            case GridSpec.Ratings.EXPLICIT -> new RatingRule.Explicit(r.branches());
            case GridSpec.Ratings.BASE_FLOW -> new RatingRule.BaseFlow(r.factor(), r.floor());
            default -> new RatingRule.FromCase();
        };
    }

    /** The base network: the case as it is, or with every load and generator output set to zero. */
    public static GridCase base(GridSpec spec, GridCase grid) {
        if (spec.base().equals(GridSpec.BASE_CASE)) {
            return grid;
        }
        List<Bus> buses = new ArrayList<>();
        for (Bus b : grid.buses()) {
            buses.add(new Bus(b.number(), b.type(), 0, 0, b.gs(), b.bs(), b.area(), b.vm(), b.vaDeg(), b.baseKv(),
                    b.zone(), b.vmax(), b.vmin()));
        }
        List<Generator> gens = new ArrayList<>();
        for (Generator g : grid.generators()) {
            gens.add(new Generator(g.bus(), 0, 0, g.qmax(), g.qmin(), g.vg(), g.mbase(), g.status(), g.pmax(), g.pmin()));
        }
        return new GridCase(grid.name(), grid.baseMva(), buses, gens, grid.branches());
    }

    public static Run run(Setup setup, Scenario s, List<ClearingResult> results) {
        return run(setup, s, results, true);
    }

    /** As above; {@code ac} false skips the AC load flow (no voltages: a sweep reports line KPIs only). */
    public static Run run(Setup setup, Scenario s, List<ClearingResult> results, boolean withAc) {
        GridCase base = base(setup.spec(), setup.grid());
        double[] baseInjections = DcPowerFlow.caseInjections(base);
        List<Period> periods = new ArrayList<>();
        for (int t = 0; t < results.size(); t++) {
            ClearingResult r = results.get(t);
            if (!r.hasResult()) {
                periods.add(new Period(t + 1, null, 0, false, List.of(), Double.NaN, 0));
                continue;
            }
            double[] extra = injectionsMw(setup, s, r.p());
            double[] p = baseInjections.clone();
            for (int i = 0; i < p.length; i++) {
                p[i] += extra[i];
            }
            GridCheck.Result check = GridCheck.check(setup.grid(), setup.ptdf().flows(p), setup.ratings());
            if (!withAc) {
                periods.add(new Period(t + 1, check, r.tradedVolume(), false, List.of(), Double.NaN, 0));
                continue;
            }
            GridCase withPeers = VoltageCheck.withInjections(base, extra);
            AcPowerFlow.Result ac = AcPowerFlow.run(withPeers);
            int low = ac.lowestVoltageBus();
            periods.add(new Period(t + 1, check, r.tradedVolume(), ac.converged(),
                    ac.converged() ? VoltageCheck.violations(withPeers, ac) : List.of(),
                    ac.vmPu()[low], setup.grid().buses().get(low).number()));
        }
        return new Run(setup, periods);
    }

    /** Each peer's net injection (kWh per period) in MW. */
    static double[] injectionsPerPeerMw(Scenario s, double[] pKwh) {
        double[] mw = new double[pKwh.length];
        for (int n = 0; n < pKwh.length; n++) {
            mw[n] = pKwh[n] / s.periodHours() / 1000;
        }
        return mw;
    }

    /** Peers' net injections (kWh per period, selling positive) summed per bus, in MW. */
    static double[] injectionsMw(Setup setup, Scenario s, double[] pKwh) {
        double[] mw = new double[setup.grid().buses().size()];
        for (int n = 0; n < pKwh.length; n++) {
            mw[setup.peerBus()[n]] += pKwh[n] / s.periodHours() / 1000;
        }
        return mw;
    }
}
