package org.peermarket.study.pipeline;

import java.util.List;
import java.util.Optional;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.dso.ConstrainedP2P;
import org.peermarket.market.dso.DsoPolicies;
import org.peermarket.market.MarketInput;
import org.peermarket.market.MatchFilter;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.Scenario;

/**
 * Applies a scenario's {@code dso} policy (markets.md section 6; docs/dso-policies.md) before or inside the
 * clearing. Lines at risk are judged on the base flows (the network before the market: the case's own injections
 * or none, per {@code grid.base}).
 */
public final class DsoStage {
    private DsoStage() {}

    public static DsoSpec spec(Scenario s) {
        return s.dso().orElse(DsoSpec.DEFAULT);
    }

    /** DC flows of the base network, MW per branch. */
    public static double[] baseFlows(GridStudy.Setup g) {
        return g.ptdf().flows(DcPowerFlow.caseInjections(GridStudy.base(g.spec(), g.grid())));
    }

    /** The trading graph after block, incentive or charge; unchanged for none and constrained. */
    public static TradeGraph graph(Scenario s, Optional<GridStudy.Setup> grid, TradeGraph g) {
        DsoSpec d = spec(s);
        if (!d.needsGrid()) {
            return DsoPolicies.apply(d, g, null, null, null, null, null);
        }
        return graph(d, grid.orElseThrow(), g);
    }

    /** The trading graph of peers at {@code setup.peerBus()} after the policy (a policy that reads the network). */
    public static TradeGraph graph(DsoSpec d, GridStudy.Setup setup, TradeGraph g) {
        return graph(d, setup, g, readsFlows(d) ? baseFlows(setup) : null);
    }

    /**
     * As {@link #graph(DsoSpec, GridStudy.Setup, TradeGraph)} with the base flows already made, for a caller that
     * shapes many graphs on one network ({@code baseFlows} may be null when the policy does not read them).
     */
    public static TradeGraph graph(DsoSpec d, GridStudy.Setup setup, TradeGraph g, double[] baseFlows) {
        boolean zonal = d.policy().equals(DsoSpec.CHARGE) && d.chargeType().equals("zonal");
        return DsoPolicies.apply(d, g, setup.ptdf().matrix(), setup.peerBus(), baseFlows, setup.ratings(),
                zonal ? zones(setup) : null);
    }

    /** True for the policies that judge lines at risk on the base flows: block and incentive. */
    public static boolean readsFlows(DsoSpec d) {
        return d.policy().equals(DsoSpec.BLOCK) || d.policy().equals(DsoSpec.INCENTIVE);
    }

    /** Each peer's zone: the {@code area} of its bus in the case. */
    private static int[] zones(GridStudy.Setup g) {
        int[] z = new int[g.peerBus().length];
        for (int n = 0; n < z.length; n++) {
            z[n] = g.grid().buses().get(g.peerBus()[n]).area();
        }
        return z;
    }

    public static boolean constrained(Scenario s) {
        return spec(s).policy().equals(DsoSpec.CONSTRAINED);
    }

    /** One period cleared with the line limits inside; {@code flows}: {@link #baseFlows}, MW per branch. */
    public static ConstrainedP2P.Result clearConstrained(MarketInput in, GridStudy.Setup g, double[] flows, double mwPerKwh) {
        return ConstrainedP2P.clear(in, g.ptdf().matrix(), g.peerBus(), flows, g.ratings(), mwPerKwh);
    }

    public static List<StudyResults.Congestion> congestion(List<ConstrainedP2P.Result> r) {
        List<StudyResults.Congestion> out = new java.util.ArrayList<>();
        for (int t = 0; t < r.size(); t++) {
            out.add(new StudyResults.Congestion(t + 1, r.get(t).congestion(), r.get(t).lineDual()));
        }
        return out;
    }

    public static List<ClearingResult> clearings(List<ConstrainedP2P.Result> r) {
        return r.stream().map(ConstrainedP2P.Result::clearing).toList();
    }

    /** The auction's grid-aware acceptance: the block policy refuses matches that load an at-risk line. */
    public static MatchFilter filter(Scenario s, Optional<GridStudy.Setup> grid) {
        return grid.isEmpty() ? MatchFilter.ACCEPT_ALL : filter(spec(s), grid.get());
    }

    /** The block policy's acceptance over peers at {@code g.peerBus()}; accept-all for other policies. */
    public static MatchFilter filter(DsoSpec d, GridStudy.Setup g) {
        if (!d.policy().equals(DsoSpec.BLOCK)) {
            return MatchFilter.ACCEPT_ALL;
        }
        double[] f = baseFlows(g);
        return DsoPolicies.blockFilter(g.ptdf().matrix(), g.peerBus(), f, DsoPolicies.atRisk(f, g.ratings(), d.theta()));
    }
}
