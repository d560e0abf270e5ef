package org.peermarket.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.grid.Branch;
import org.peermarket.grid.Bus;
import org.peermarket.grid.GridCase;
import org.peermarket.model.GridSpec;
import org.peermarket.study.pipeline.DsoStage;
import org.peermarket.study.pipeline.GridStudy;

/**
 * The lines form of a market grid as a {@link GridCase} (docs/platform.md#dso-policy): buses in order of first
 * appearance, the slack first and the reference bus, one branch per line with its reactance and its rating as
 * RATE_A, and each bus's load set so that the DC flows of the case are the given pre-market flows (on a radial
 * grid any flows are; on a meshed one only flows that keep the loop law). A zonal charge's zones become the
 * buses' areas. Quantities stay kWh per period, so the case's "MW" are kWh.
 */
record LinesCase(GridStudy.Setup setup, Map<String, Integer> busIndex) {

    static LinesCase of(MarketGrid g) {
        Map<String, Integer> index = new LinkedHashMap<>();
        index.put(g.slack(), 0);
        for (MarketGrid.Line l : g.lines()) {
            index.putIfAbsent(l.from(), index.size());
            index.putIfAbsent(l.to(), index.size());
        }
        double[] injection = new double[index.size()];
        for (MarketGrid.Line l : g.lines()) {
            injection[index.get(l.from())] += l.flow();
            injection[index.get(l.to())] -= l.flow();
        }
        List<String> zones = new ArrayList<>();
        List<Bus> buses = new ArrayList<>();
        index.forEach((id, i) -> buses.add(new Bus(i + 1, i == 0 ? Bus.REF : Bus.PQ, i == 0 ? 0 : -injection[i], 0, 0, 0,
                area(g, id, zones), 1, 0, 0.4, 1, 1.1, 0.9)));
        List<Branch> branches = new ArrayList<>();
        for (MarketGrid.Line line : g.lines()) {
            branches.add(new Branch(index.get(line.from()) + 1, index.get(line.to()) + 1, 0, line.x(), 0, line.rating(), 0, 0,
                    0, 0, 1, -360, 360));
        }
        GridCase grid = new GridCase("market grid", 1, buses, List.of(), branches);
        GridSpec spec = new GridSpec(grid.name(), GridSpec.Ratings.FROM_CASE, GridSpec.BASE_CASE);
        return new LinesCase(GridStudy.setup(spec, grid, new int[0]), index);
    }

    /** A bus's zone number: its own zone when listed, else the slack's (as the zonal charge reads it). */
    private static int area(MarketGrid g, String bus, List<String> names) {
        Map<String, String> zones = g.charge() == null ? Map.of() : g.charge().zones();
        String zone = zones.getOrDefault(bus, zones.getOrDefault(g.slack(), ""));
        if (!names.contains(zone)) {
            names.add(zone);
        }
        return names.indexOf(zone) + 1;
    }

    /** Refuses pre-market flows no loads can give (a meshed grid's flows against the loop law). */
    static void check(Body b, MarketGrid g) {
        double[] flows = DsoStage.baseFlows(of(g).setup());
        for (int l = 0; l < flows.length; l++) {
            double given = g.lines().get(l).flow();
            if (Math.abs(flows[l] - given) > 1e-6 * (1 + Math.abs(given))) {
                b.fail("grid.lines[" + l + "].flow", given, "no bus loads give these pre-market flows (DC flow of them: "
                        + flows[l] + "); around a loop the flows must keep the loop law, sum of x * flow = 0");
                return;
            }
        }
    }
}
