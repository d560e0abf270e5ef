package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Vpp;
import org.peermarket.settlement.VppSettlement;
import org.peermarket.study.pipeline.RunResult;

/** The aggregator of vpp-community against the optimum solved by hand in the example's comments. */
class VppTest {

    @Test
    void sellsTheEveningFlexibilityAsComputedByHand() {
        RunResult run = Runner.run(Examples.load("vpp-community").orElseThrow());
        Vpp.Result v = Vpp.optimise(run.scenario(), run.horizon().orElseThrow(), run.scenario().vpp().orElseThrow());
        // evening: 3 kWh sold at 0.40 (the cap), the home imports 1 then and 2 at night
        assertThat(v.steps().stream().mapToDouble(Vpp.Step::sold).toArray())
                .containsExactly(new double[] {0, 0, 3, 0}, within(1e-9));
        assertThat(v.steps().get(2).revenue()).isCloseTo(1.20, within(1e-9));
        assertThat(v.steps().stream().mapToDouble(Vpp.Step::supplierChange).sum()).isCloseTo(3 * 0.25, within(1e-9));
        assertThat(v.gain()).isCloseTo(3 * (0.40 - 0.25), within(1e-9));
        assertThat(v.steps().stream().mapToDouble(Vpp.Step::netImportAfter).sum()).isCloseTo(2 + 3, within(1e-9));

        Settlement st = MarketSettlement.settle(run.scenario(), run.periods(), false, run.horizon());
        Settlement with = VppSettlement.add(st, v, java.util.List.of("pv", "home"), new double[] {1, 1});
        assertThat(with.systemTotal()).isZero();
        assertThat(with.net(VppSettlement.aggregator("street"))).isZero(); // it keeps nothing
        assertThat(with.net(VppSettlement.BALANCING_MARKET)).isEqualTo(-120);
        assertThat(with.net(Actor.RETAILER) - st.net(Actor.RETAILER)).isEqualTo(75);
        // 45 cents paid out equally: 23 + 22 (largest remainder), the half cent shown as residual
        long paidOut = (with.net(Actor.peer("pv")) - st.net(Actor.peer("pv")))
                + (with.net(Actor.peer("home")) - st.net(Actor.peer("home")));
        assertThat(paidOut).isEqualTo(45);
        assertThat(Math.abs(with.roundingResidual(Actor.peer("pv")) - st.roundingResidual(Actor.peer("pv"))))
                .isCloseTo(0.005, within(1e-9));
    }

    @Test
    void keepsEverythingInsideWhenBalancingPaysLessThanImports() {
        String yaml = Examples.text("vpp-community").orElseThrow()
                .replace("balancing_price: [0, 0, 0.40, 0.20]", "balancing_price: [0.3, 0.2, 0.24, 0.2]");
        RunResult run = Runner.run(ScenarioParser.parse(yaml, "v.yaml", false));
        Vpp.Result v = Vpp.optimise(run.scenario(), run.horizon().orElseThrow(), run.scenario().vpp().orElseThrow());
        // 0.3 in period 1 beats the import price, but the battery is empty then (soc_initial 0) and
        // charging from imports to sell in the same period gains 0.3 - 0.25 per kWh: 3 kWh (the cap)
        assertThat(v.steps().get(0).sold()).isCloseTo(3, within(1e-9));
        assertThat(v.gain()).isCloseTo(3 * (0.30 - 0.25), within(1e-9));
        assertThat(v.steps().get(2).sold()).isCloseTo(0, within(1e-9)); // 0.24 < 0.25: keeping it inside is worth more
    }
}
