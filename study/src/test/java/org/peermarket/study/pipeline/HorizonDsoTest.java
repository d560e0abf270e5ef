package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Settlement;

/**
 * DSO policies on a community market, whose members trade with a pool and the outside rather than with each other
 * (docs/combinations.md), solved by hand.
 */
class HorizonDsoTest {
    /**
     * The 4-bus chain 1 - 2 - 3 - 4 (slack 1, no base load), branch 3 (3-4) rated 3 MW. A community of pv at bus 4
     * (10 EUR/MWh, up to 5) and a load at bus 2 (worth 300 EUR/MWh, up to 4); the manager charges a fee of 1 per MWh
     * in the pool and trades outside at 250 (import) and 30 (export). Unconstrained, pv makes 5: 4 for the pool at
     * 12 a MWh with both fees, 1 exported at 30; branch 3 carries 5 MW. With the line limits inside the program pv
     * makes 3, all for the pool, and the load imports its fourth MWh at 250 (below its 300): branch 3 at its 3 MW,
     * branch 2 carrying pv's 3 MW, branch 1 the 1 MW import.
     */
    @Test
    void constrainedKeepsAMembersSaleWithinTheLineAndTheOthersImportTheRest(@TempDir Path dir) throws Exception {
        HorizonResult free = run(chain(dir, "")).horizon().orElseThrow();
        assertThat(flow(free, "pv")).isCloseTo(5, within(1e-6));

        RunResult run = run(chain(dir, "dso: {policy: constrained}\n"));
        HorizonResult h = run.horizon().orElseThrow();
        Map<String, HorizonResult.MemberFlow> m = members(h);
        assertThat(run.periods().get(0).p()).containsExactly(new double[] {3000, -4000}, within(1e-3));
        assertThat(m.get("pv").q()).isCloseTo(3000, within(1e-3));
        assertThat(m.get("pv").beta()).isCloseTo(0, within(1e-3));
        assertThat(m.get("load").q()).isCloseTo(-3000, within(1e-3));
        assertThat(m.get("load").alpha()).isCloseTo(1000, within(1e-3));
        double[] flows = run.grid().orElseThrow().periods().get(0).check().lines().stream()
                .mapToDouble(l -> Math.abs(l.flow())).toArray();
        assertThat(flows).containsExactly(new double[] {1, 3, 3}, within(1e-6));
        assertThat(total(Pipeline.of(run.scenario()).settle(run).settlement())).isZero();

        // prices (per kWh inside): pv makes 3 of its 5 at 10 EUR/MWh, so its nodal price mu + kappa is its cost;
        // the load imports its last MWh at 250, and its bus 2 is upstream of branch 3, so kappa = 0 there; only
        // branch 3's row has a dual
        StudyResults.Congestion c = run.study().orElseThrow().congestion().get(0);
        double[] mu = run.periods().get(0).mu();
        assertThat(mu[0] + c.congestion()[0]).isCloseTo(0.010, within(1e-9));
        assertThat(c.congestion()[1]).isCloseTo(0, within(1e-12));
        assertThat(mu[1]).isCloseTo(0.250, within(1e-9));
        assertThat(c.lineDual()[0]).isZero();
        assertThat(c.lineDual()[1]).isZero();
        assertThat(c.lineDual()[2]).isNotZero();
        String csv = org.peermarket.study.report.ResultsWriter.resultFiles(run).get("congestion.csv");
        // in EUR/MWh: the pool is worth the load's import price 250 less its fee 1, so pv's balance price is
        // 250 - 1 - 1 = 248 and its congestion component 10 - 248 = -238
        assertThat(csv).isEqualTo("period,peer,mu,congestion,nodal_price\n1,pv,248.0,-238.0,10.0\n1,load,250.0,0,250.0\n");
    }

    /**
     * A unique network charge of 0.02 EUR/kWh without a grid: pv (0.01 EUR/kWh, up to 5 kWh) and a fixed 3 kWh load
     * in one pool, fee 0.01, import 0.25, export 0.05. The pool legs pay half the charge each (a pool trade has two
     * legs, so a kWh from pv to the load pays 0.02, as a P2P trade would), an outside leg the whole charge. pv sells
     * 3 to the pool and exports 2 (0.05 - 0.02 = 0.03 beats its 0.01): pv pays 3 x 0.01 + 2 x 0.02 = 0.07 and the
     * load 3 x 0.01 = 0.03; the DSO receives 10 cents and the manager's books still balance.
     */
    @Test
    void aUniqueChargeIsPaidOnEveryLegToTheDso() throws Exception {
        RunResult run = run("""
                name: pool-charge
                periods: 1
                units: {energy: kWh, currency: EUR}
                market: {type: community}
                dso: {policy: charge, charge: {type: unique, fee: 0.02}}
                communities:
                  - id: street
                    members: [pv, load]
                    manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}
                peers:
                  - {id: pv, cost: {b: 0.01}, pmin: 0, pmax: 5}
                  - {id: load, pmin: -3, pmax: -3}
                """);
        Map<String, HorizonResult.MemberFlow> m = members(run.horizon().orElseThrow());
        assertThat(m.get("pv").q()).isCloseTo(3, within(1e-6));
        assertThat(m.get("pv").beta()).isCloseTo(2, within(1e-6));
        assertThat(m.get("pv").gridCharge()).isCloseTo(0.07, within(1e-9));
        assertThat(m.get("load").gridCharge()).isCloseTo(0.03, within(1e-9));
        Settlement s = Pipeline.of(run.scenario()).settle(run).settlement();
        assertThat(s.net(Actor.DSO)).isEqualTo(10);
        assertThat(s.net(Actor.peer("pv"))).isEqualTo(Math.round(100 * (2 * 0.05 - 0.07 - 3 * 0.01 + 3 * price(run))));
        assertThat(total(s)).isZero();
    }

    private static double price(RunResult run) {
        return run.horizon().orElseThrow().communities().get(0).price();
    }

    private static double flow(HorizonResult h, String member) {
        HorizonResult.MemberFlow f = members(h).get(member);
        return (f.q() + f.beta() - f.alpha()) / 1000;
    }

    private static Map<String, HorizonResult.MemberFlow> members(HorizonResult h) {
        Map<String, HorizonResult.MemberFlow> out = new HashMap<>();
        h.members().forEach(f -> out.put(f.member(), f));
        return out;
    }

    private static long total(Settlement s) {
        return s.actors().stream().mapToLong(s::net).sum();
    }

    private static RunResult run(String text) {
        return Pipeline.of(ScenarioParser.parse(text, "horizon-dso.yaml", false)).run();
    }

    private static String chain(Path dir, String dso) throws Exception {
        Path file = dir.resolve("chain.m");
        if (!Files.exists(file)) {
            Files.writeString(file, LfmChain.CHAIN);
        }
        return """
                name: pool-chain
                periods: 1
                units: {energy: MWh, currency: EUR}
                market: {type: community}
                grid: {case: %s, base: none, ratings: {rule: explicit, branches: {1: 10, 2: 10, 3: 3}}}
                %scommunities:
                  - id: street
                    members: [pv, load]
                    manager: {fee: 1, import_price: 250, export_price: 30}
                peers:
                  - {id: pv, bus: 4, cost: {b: 10}, pmin: 0, pmax: 5}
                  - {id: load, bus: 2, cost: {b: 300}, pmin: -4, pmax: 0}
                """.formatted(file.toString().replace("\\", "/"), dso);
    }
}
