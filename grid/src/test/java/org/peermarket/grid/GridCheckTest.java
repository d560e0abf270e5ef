package org.peermarket.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peermarket.model.ValidationException;

class GridCheckTest {
    @Test
    void triangleWithHandSetRatings() {
        // flows 17.5, 2.5, -12.5, 0 (DcPowerFlowTest); ratings 15, 10, 10 and the out-of-service branch 5
        GridCase grid = SmallCases.triangle();
        double[] flows = DcPowerFlow.run(grid).flowMw();
        double[] ratings = new RatingRule.Explicit(Map.of(1, 15.0, 2, 10.0, 3, 10.0, 4, 5.0)).ratings(grid, flows);
        GridCheck.Result r = GridCheck.check(grid, flows, ratings);
        GridCheck.Line first = r.lines().get(0);
        assertThat(first.occupancy()).isCloseTo(17.5 / 15, within(1e-12));
        assertThat(first.overflow()).isCloseTo(2.5, within(1e-12));
        assertThat(r.lines().get(1).occupancy()).isCloseTo(0.25, within(1e-12));
        assertThat(r.lines().get(2).overflow()).isCloseTo(2.5, within(1e-12));
        assertThat(r.lines().get(3).occupancy()).isZero();
        // two lines over their limits, 2.5 MW each; weighted average (15*2.5 + 10*0 + 10*2.5) / (15+10+10)
        assertThat(r.kpis().congestedLines()).isEqualTo(2);
        assertThat(r.kpis().overflowSumMw()).isCloseTo(5, within(1e-12));
        assertThat(r.kpis().overflowWeightedAverageMw()).isCloseTo(62.5 / 35, within(1e-12));
    }

    @Test
    void aLineExactlyAtItsLimitIsCongestedWithoutOverflow() {
        GridCase grid = SmallCases.triangle();
        double[] flows = {17.5, 2.5, -12.5, 0};
        GridCheck.Result r = GridCheck.check(grid, flows, new double[] {17.5, 100, 100, 100});
        assertThat(r.kpis().congestedLines()).isEqualTo(1);
        assertThat(r.kpis().overflowSumMw()).isZero();
    }

    @Test
    void caseRatingsOfZeroMeanUnlimited() {
        GridCase grid = Cases.builtIn("case69");
        double[] flows = DcPowerFlow.run(grid).flowMw();
        double[] ratings = new RatingRule.FromCase().ratings(grid, flows);
        assertThat(ratings).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(GridCheck.check(grid, flows, ratings).kpis()).isEqualTo(new GridCheck.Kpis(0, 0, 0));
    }

    @Test
    void baseFlowRuleScalesTheBaseCaseWithAFloor() {
        GridCase grid = SmallCases.feeder();
        double[] base = DcPowerFlow.run(grid).flowMw();   // 6, 2, 3
        double[] ratings = new RatingRule.BaseFlow(1.5, 3.5).ratings(grid, base);
        assertThat(ratings).containsExactly(new double[] {9, 3.5, 4.5}, within(1e-12));
        // the feeder then takes 2 MW more at bus 3: branches 1 and 2 carry 8 and 4 MW
        double[] flows = GridCheck.dcFlows(Ptdf.of(grid), new double[] {0, 0, -2, 0});
        assertThat(flows).containsExactly(new double[] {8, 4, 3}, within(1e-10));
        GridCheck.Result r = GridCheck.check(grid, flows, ratings);
        assertThat(r.kpis().congestedLines()).isEqualTo(1);
        assertThat(r.kpis().overflowSumMw()).isCloseTo(0.5, within(1e-10));
        assertThat(r.kpis().overflowWeightedAverageMw()).isCloseTo(3.5 * 0.5 / 17, within(1e-10));
    }

    @Test
    void badRatingsAreNamed() {
        GridCase grid = SmallCases.feeder();
        assertThatThrownBy(() -> new RatingRule.Explicit(Map.of(9, 1.0)).ratings(grid, new double[3]))
                .isInstanceOf(ValidationException.class).hasMessageContaining("grid.ratings.branches.9");
        assertThatThrownBy(() -> new RatingRule.BaseFlow(0, 1)).hasMessageContaining("grid.ratings.factor");
    }

    @Test
    void voltageViolationsOfCase69() {
        // in the base case the far end of the main feeder (down to 0.909 p.u. at bus 65) is below 0.95 p.u.
        GridCase grid = Cases.builtIn("case69");
        var band = new java.util.ArrayList<Bus>();
        for (Bus b : grid.buses()) {
            band.add(new Bus(b.number(), b.type(), b.pd(), b.qd(), b.gs(), b.bs(), b.area(), b.vm(), b.vaDeg(),
                    b.baseKv(), b.zone(), 1.05, 0.95));
        }
        GridCase tight = new GridCase("tight", grid.baseMva(), band, grid.generators(), grid.branches());
        AcPowerFlow.Result ac = AcPowerFlow.run(tight);
        var violations = VoltageCheck.violations(tight, ac);
        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.vmPu()).isLessThan(0.95));
        assertThat(violations).extracting(VoltageCheck.Violation::bus).contains(65, 61, 57);
        // with the case's own 0.9 band nothing is violated (lowest is 0.9092)
        assertThat(VoltageCheck.violations(grid, AcPowerFlow.run(grid))).isEmpty();
    }

    @Test
    void injectingAtTheEndOfTheFeederRaisesItsVoltage() {
        GridCase grid = Cases.builtIn("case69");
        double[] extra = new double[grid.buses().size()];
        extra[grid.index(65)] = 1.0;
        AcPowerFlow.Result base = AcPowerFlow.run(grid);
        AcPowerFlow.Result with = AcPowerFlow.run(VoltageCheck.withInjections(grid, extra));
        assertThat(with.vmPu()[grid.index(65)]).isGreaterThan(base.vmPu()[grid.index(65)]);
        assertThat(VoltageCheck.withInjections(grid, extra).buses().get(grid.index(65)).pd())
                .isCloseTo(grid.buses().get(grid.index(65)).pd() - 1.0, within(1e-15));
    }
}
