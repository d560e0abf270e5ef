package org.peermarket.market.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.SolverInfo;
import org.peermarket.market.Status;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;

/**
 * Clears a long horizon in consecutive windows of {@code market.window} periods
 * (docs/storage.md, Rolling horizon). Every storage starts each window at its target and ends
 * it there (the target is {@code soc_final}, or the initial SOC with a cyclic end); the first
 * window starts at {@code soc_initial}. The windows are then independent programs, solved in
 * parallel, and their schedules joined form a feasible schedule of the whole horizon, so its
 * objective is never below the one-program optimum (the gap is what the rule costs).
 */
final class RollingHorizon {
    private RollingHorizon() {}

    static HorizonResult clear(Scenario s, Function<Scenario, HorizonResult> clearOne) {
        int w = s.market().window();
        int count = (s.periods() + w - 1) / w;
        List<HorizonResult> parts = IntStream.range(0, count).parallel()
                .mapToObj(k -> clearOne.apply(window(s, k, w))).toList();
        for (int k = 0; k < count; k++) {
            HorizonResult part = parts.get(k);
            ClearingResult first = part.periods().get(0);
            if (first.status() != Status.OPTIMAL) {
                int from = k * w;
                String cause = "window " + (k + 1) + " (periods " + (from + 1) + "-" + (from + part.periods().size())
                        + "): " + first.cause();
                return failed(s, part, first.status(), cause, first.solver());
            }
        }
        return joined(parts, w);
    }

    /** Window k as a scenario: storage from its start to its end target. */
    static Scenario window(Scenario s, int k, int w) {
        int from = k * w;
        int length = Math.min(w, s.periods() - from);
        boolean last = from + length == s.periods();
        Map<String, double[]> ends = new HashMap<>();
        s.storage().forEach((id, st) -> ends.put(id, ends(st, k == 0, last)));
        return s.window(from, length, ends);
    }

    /** {start, end} SOC of a window; NaN start is free, NaN end is cyclic. */
    private static double[] ends(Storage st, boolean first, boolean last) {
        if (st.cyclic() && st.freeInitial()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double target = st.cyclic() ? st.socInitial() : st.socFinal();
        double start = first ? st.socInitial() : target;
        return new double[] {start, target};
    }

    private static HorizonResult failed(Scenario s, HorizonResult part, Status status, String cause, SolverInfo info) {
        List<ClearingResult> periods = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            periods.add(ClearingResult.failed(status, cause, info));
        }
        return new HorizonResult(periods, part.agents(), List.of(), List.of(), List.of(), 0, part.tradeEdges());
    }

    private static HorizonResult joined(List<HorizonResult> parts, int w) {
        List<ClearingResult> periods = new ArrayList<>();
        List<HorizonResult.MemberFlow> members = new ArrayList<>();
        List<HorizonResult.CommunityPeriod> communities = new ArrayList<>();
        List<HorizonResult.StorageStep> storage = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            HorizonResult p = parts.get(k);
            int off = k * w;
            periods.addAll(p.periods());
            p.members().forEach(m -> members.add(new HorizonResult.MemberFlow(m.period() + off, m.member(), m.community(),
                    m.q(), m.alpha(), m.beta(), m.payment(), m.gridCharge())));
            p.communities().forEach(c -> communities.add(new HorizonResult.CommunityPeriod(c.period() + off, c.community(),
                    c.level(), c.parent(), c.price(), c.imports(), c.exports(), c.importPrice(), c.exportPrice(), c.fees(),
                    c.memberPayments(), c.outsidePayment(), c.rent())));
            p.storage().forEach(x -> storage.add(new HorizonResult.StorageStep(x.period() + off, x.peer(), x.charge(),
                    x.discharge(), x.soc())));
        }
        HorizonResult first = parts.get(0);
        List<double[]> duals = new ArrayList<>();
        parts.forEach(p -> duals.addAll(p.lineDuals()));
        return new HorizonResult(periods, first.agents(), members, communities, storage, 0, first.tradeEdges())
                .withLineDuals(duals.size() == periods.size() ? duals : List.of());
    }
}
