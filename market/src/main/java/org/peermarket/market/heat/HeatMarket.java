package org.peermarket.market.heat;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HeatResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.model.HeatSpec;
import org.peermarket.model.Scenario;

/**
 * The heat markets of docs/heat-market.md, registered as {@code heat/p2p}, {@code heat/community}
 * and {@code heat/joint}. Periods are independent (no heat storage), so each is one program;
 * its answer is read back and checked by {@link HeatCheck} before it is reported.
 */
public final class HeatMarket {
    private final HeatProgram.Mode mode;

    public HeatMarket(String solver) {
        this.mode = switch (solver) {
            case "p2p" -> HeatProgram.Mode.P2P;
            case "community" -> HeatProgram.Mode.COMMUNITY;
            case "joint" -> HeatProgram.Mode.JOINT;
            default -> throw new IllegalArgumentException("no heat market solver " + solver);
        };
    }

    public String name() {
        return "heat/" + mode.name().toLowerCase();
    }

    public HorizonResult clear(Scenario s) {
        HeatSpec heat = s.heat().orElseThrow();
        List<ClearingResult> electricity = new ArrayList<>();
        List<HeatResult.Period> periods = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            HeatProgram hp = new HeatProgram(s, mode, t);
            HeatReading r = HeatReading.of(hp, ConvexSolve.solve(hp.program));
            electricity.add(r.electricity());
            periods.add(r.heat());
        }
        List<String> agents = s.peers().stream().map(p -> p.id()).toList();
        HeatResult result = new HeatResult(mode.name().toLowerCase(), heat.nodes(),
                heat.pipes().stream().map(HeatSpec.Pipe::id).toList(),
                heat.peers().stream().map(HeatSpec.HeatPeer::id).toList(),
                heat.heatPumps().stream().map(HeatSpec.HeatPump::id).toList(),
                heat.chps().stream().map(HeatSpec.Chp::id).toList(), periods);
        int edges = mode == HeatProgram.Mode.JOINT ? new HeatProgram(s, mode, 0).elTrades.size() : 0;
        return new HorizonResult(electricity, agents, List.of(), List.of(), List.of(), 0, edges,
                java.util.Optional.of(result));
    }
}
