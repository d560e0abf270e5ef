package org.peermarket.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AcPowerFlowTest {
    @Test
    void case69MatchesBaranAndWu() {
        GridCase grid = Cases.builtIn("case69");
        AcPowerFlow.Result r = AcPowerFlow.run(grid);
        assertThat(r.converged()).isTrue();
        // published: 225.0 kW of losses, lowest voltage 0.9092 p.u. at bus 65
        assertThat(r.lossesMw() * 1000).isCloseTo(225.0, within(0.1));
        assertThat(grid.buses().get(r.lowestVoltageBus()).number()).isEqualTo(65);
        assertThat(r.vmPu()[r.lowestVoltageBus()]).isCloseTo(0.9092, within(1e-4));
    }

    @Test
    void case33bwMatchesBaranAndWu() {
        GridCase grid = Cases.builtIn("case33bw");
        AcPowerFlow.Result r = AcPowerFlow.run(grid);
        assertThat(r.converged()).isTrue();
        // published: 202.7 kW of losses, lowest voltage 0.9131 p.u. at bus 18
        assertThat(r.lossesMw() * 1000).isCloseTo(202.7, within(0.1));
        assertThat(grid.buses().get(r.lowestVoltageBus()).number()).isEqualTo(18);
        assertThat(r.vmPu()[r.lowestVoltageBus()]).isCloseTo(0.9131, within(1e-4));
    }

    @Test
    void case39ReproducesTheSolvedPointStoredInTheCase() {
        // case39's VM and VA columns are a converged MATPOWER solution, printed to 6+ significant digits
        GridCase grid = Cases.builtIn("case39");
        AcPowerFlow.Result r = AcPowerFlow.run(grid);
        for (int i = 0; i < grid.buses().size(); i++) {
            Bus bus = grid.buses().get(i);
            assertThat(r.vmPu()[i]).as("bus %d vm", bus.number()).isCloseTo(bus.vm(), within(1e-6));
            assertThat(r.vaDeg()[i]).as("bus %d va", bus.number()).isCloseTo(bus.vaDeg(), within(1e-5));
        }
    }

    @Test
    void case14MatchesMatpowerRunpf() {
        // MATPOWER runpf('case14') as printed (3 decimals): |V| and angle per bus, 13.393 MW of losses
        double[] vm = {1.060, 1.045, 1.010, 1.018, 1.020, 1.070, 1.062, 1.090, 1.056, 1.051, 1.057, 1.055, 1.050, 1.036};
        double[] va = {0, -4.983, -12.725, -10.313, -8.774, -14.221, -13.360, -13.360, -14.939, -15.097, -14.791,
            -15.076, -15.156, -16.034};
        AcPowerFlow.Result r = AcPowerFlow.run(Cases.builtIn("case14"));
        assertThat(r.vmPu()).containsExactly(vm, within(0.5e-3 + 1e-9));
        assertThat(r.vaDeg()).containsExactly(va, within(0.5e-3 + 1e-9));
        assertThat(r.lossesMw()).isCloseTo(13.393, within(0.5e-3));
    }

    @Test
    void aPhaseShifterFollowsMatpowersSignConvention() {
        // lossless, both ends at 1 p.u.: Pf = sin(theta_f - theta_t - shift) / x on each branch, so bus 2 sits
        // at -shift/2 and 10 sin(shift/2) p.u. circulates, out on the plain branch and back on the shifter
        GridCase grid = MatpowerText.read("shifter.m", SmallCases.SHIFTER);
        AcPowerFlow.Result r = AcPowerFlow.run(grid);
        double p = 1000 * Math.sin(Math.toRadians(0.5));
        assertThat(r.vaDeg()[1]).isCloseTo(-0.5, within(1e-9));
        assertThat(r.pf()).containsExactly(new double[] {p, -p}, within(1e-8));
        assertThat(r.lossesMw()).isCloseTo(0, within(1e-9));
    }

    @Test
    void lossesEqualGenerationMinusLoadOnTheFeeder() {
        // with no shunts and one slack generator, losses are what the slack supplies beyond the load
        GridCase grid = SmallCases.feeder();
        AcPowerFlow.Result r = AcPowerFlow.run(grid);
        double slackP = r.pf()[0];
        assertThat(r.lossesMw()).isCloseTo(slackP - 6, within(1e-9));
        assertThat(r.lossesMw()).isPositive();
        // each branch loses r * |I|^2 = r * (Pf^2 + Qf^2) / Vf^2 in p.u.
        for (int l = 0; l < 3; l++) {
            Branch br = grid.branches().get(l);
            double vf = r.vmPu()[grid.index(br.from())];
            double s2 = (r.pf()[l] * r.pf()[l] + r.qf()[l] * r.qf()[l]) / (10 * 10);
            assertThat((r.pf()[l] + r.pt()[l]) / 10).isCloseTo(br.r() * s2 / (vf * vf), within(1e-12));
        }
    }

    @Test
    void shuntsDrawTheirPowerAtTheSolvedVoltage() {
        // Gs = 0.5 MW and Bs = 0.3 MVAr at 1 p.u. on bus 4, Gs alone (0.2 MW) on bus 3: the slack supplies
        // the loads, the branch losses and Gs * V^2 at each shunt
        String text = SmallCases.FEEDER.replace("4 1 3 0 0 0", "4 1 3 0 0.5 0.3").replace("3 1 2 0 0 0", "3 1 2 0 0.2 0");
        GridCase grid = MatpowerText.read("shunts.m", text);
        AcPowerFlow.Result r = AcPowerFlow.run(grid);
        double v3 = r.vmPu()[2];
        double v4 = r.vmPu()[3];
        assertThat(r.pf()[0]).isCloseTo(6 + r.lossesMw() + 0.2 * v3 * v3 + 0.5 * v4 * v4, within(1e-8));
        // bus 4 balance: what enters branch 2-4 at bus 4 equals injection minus shunt draw (Bs injects MVAr)
        assertThat(r.pt()[2]).isCloseTo(-3 - 0.5 * v4 * v4, within(1e-8));
        assertThat(r.qt()[2]).isCloseTo(0.3 * v4 * v4, within(1e-8));
    }
}
