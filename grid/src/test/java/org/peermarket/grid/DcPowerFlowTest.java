package org.peermarket.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DcPowerFlowTest {
    @Test
    void triangleFlowsMatchTheHandSolution() {
        // P = (slack, -30, +10): 1-2 carries 0.75*30 - 0.5*10 = 17.5, 1-3 0.25*30 - 0.5*10 = 2.5,
        // 2-3 -0.25*30 - 0.5*10 = -12.5; the slack supplies 20.
        DcPowerFlow.Result r = DcPowerFlow.run(SmallCases.triangle());
        assertThat(r.flowMw()).containsExactly(new double[] {17.5, 2.5, -12.5, 0}, within(1e-10));
        assertThat(r.slackMw()).isCloseTo(20, within(1e-10));
        // angles: theta2 = -17.5 MW * 0.1 / 100 MVA rad
        assertThat(r.angleDeg()[1]).isCloseTo(Math.toDegrees(-0.0175), within(1e-10));
    }

    @Test
    void aPhaseShifterDrivesACirculatingFlow() {
        // Pf = b (theta_f - theta_t - shift): bus 2 settles at -shift/2, so 10 * shift/2 p.u. goes out on the
        // plain branch and comes back on the shifter
        double phi = Math.toRadians(1);
        DcPowerFlow.Result r = DcPowerFlow.run(MatpowerText.read("shifter.m", SmallCases.SHIFTER));
        assertThat(r.flowMw()).containsExactly(new double[] {500 * phi, -500 * phi}, within(1e-10));
        assertThat(r.angleDeg()[1]).isCloseTo(-0.5, within(1e-12));
        assertThat(r.slackMw()).isCloseTo(0, within(1e-10));
    }

    @Test
    void feederFlowsCarryEverythingDownstream() {
        DcPowerFlow.Result r = DcPowerFlow.run(SmallCases.feeder());
        assertThat(r.flowMw()).containsExactly(new double[] {6, 2, 3}, within(1e-10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"case14", "case30", "case33bw", "case39", "case69", "case85", "case118", "case141"})
    void flowsEqualPtdfTimesInjectionsAndSatisfyKirchhoff(String name) {
        GridCase grid = Cases.builtIn(name);
        double[] p = DcPowerFlow.caseInjections(grid);
        DcPowerFlow.Result r = DcPowerFlow.run(grid);
        double[] viaPtdf = Ptdf.of(grid).flows(p);
        double scale = 1 + java.util.Arrays.stream(p).map(Math::abs).max().orElse(0);
        assertThat(r.flowMw()).containsExactly(viaPtdf, within(1e-9 * scale));
        // KCL: at every bus but the slack, the injection leaves through the branches
        double[] out = new double[p.length];
        for (int l = 0; l < grid.branches().size(); l++) {
            Branch br = grid.branches().get(l);
            out[grid.index(br.from())] += r.flowMw()[l];
            out[grid.index(br.to())] -= r.flowMw()[l];
        }
        int slack = grid.slack();
        for (int i = 0; i < p.length; i++) {
            if (i != slack) {
                assertThat(out[i]).as("%s bus %d", name, grid.buses().get(i).number()).isCloseTo(p[i], within(1e-9 * scale));
            }
        }
        double total = java.util.Arrays.stream(p).sum() - p[slack];
        assertThat(r.slackMw() + total).isCloseTo(0, within(1e-8 * scale));
        assertThat(out[slack]).isCloseTo(r.slackMw(), within(1e-9 * scale));
    }
}
