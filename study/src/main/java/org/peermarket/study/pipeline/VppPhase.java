package org.peermarket.study.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.model.VppSpec;
import org.peermarket.settlement.Balancing;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Sharing;
import org.peermarket.settlement.Vpp;
import org.peermarket.settlement.VppSettlement;

/**
 * The aggregator (docs/vpp.md): the community's remaining flexibility sold at a price series or bid into a
 * balancing market, and its gain paid out to the members by the sharing rule's weights.
 */
public final class VppPhase implements Stage<Settled, Settled> {
    @Override
    public Phase phase() {
        return Phase.VPP;
    }

    @Override
    public Settled apply(Settled s) {
        RunResult run = s.run();
        Optional<VppSpec> spec = run.status().hasResult() ? run.scenario().vpp() : Optional.empty();
        Optional<Vpp.Result> vpp = spec.filter(v -> v.balancing().isEmpty()).flatMap(v -> run.horizon()
                .map(h -> Vpp.optimise(run.scenario(), h, v)));
        Optional<Balancing.Result> balancing = spec.flatMap(VppSpec::balancing).flatMap(b -> run.horizon()
                .map(h -> Balancing.run(run.scenario(), h, b)));
        // a sale at a price series or balancing bids, never both (VppSpec)
        Settlement market = s.settlement();
        Settlement with = vpp.map(v -> VppSettlement.add(market, v, members(run, v.community()),
                        weights(s.sharing(), members(run, v.community()))))
                .or(() -> balancing.map(b -> VppSettlement.addBalancing(market, b, run.scenario().periods(),
                        c -> Map.entry(members(run, c), weights(s.sharing(), members(run, c))))))
                .orElse(market);
        return s.withVpp(vpp, balancing, with);
    }

    private static List<String> members(RunResult run, String community) {
        return run.scenario().communities().byId(community).orElseThrow().members();
    }

    /**
     * How the VPP's gain is paid out: by the chosen sharing rule's weights (Shapley: its shares) restricted to the
     * community's members, negative ones as zero; equally without a sharing rule or when every weight is zero.
     */
    static double[] weights(Optional<Sharing.Result> sharing, List<String> members) {
        double[] w = new double[members.size()];
        Arrays.fill(w, 1);
        if (sharing.isEmpty()) {
            return w;
        }
        Sharing.Result s = sharing.get();
        Sharing.Allocation chosen = s.allocations().stream().filter(a -> a.rule().equals(s.chosen())).findFirst().orElseThrow();
        double[] source = chosen.weights() != null ? chosen.weights() : chosen.shares();
        double total = 0;
        double[] out = new double[members.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, source[s.ids().indexOf(members.get(i))]);
            total += out[i];
        }
        return total > 0 ? out : w;
    }
}
