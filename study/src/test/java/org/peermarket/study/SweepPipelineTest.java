package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.study.pipeline.Phase;
import org.peermarket.study.pipeline.Pipeline;

/**
 * A sweep cell gives the numbers of {@code peermarket run} of the cell's scenario: the scenario run from scratch by
 * {@link Pipeline#of} (case read, explicit ratings, the scenario's own trading graph, AC check included) against
 * the sweep's cell (typed inputs made once per draw, sellers-to-buyers graph, DC check only).
 */
class SweepPipelineTest {
    private static final List<SweepCell> CELLS = List.of(SweepCell.named("s0"), SweepCell.named("s1"),
            SweepCell.named("s2"), SweepCell.named("s3-80"),
            new SweepCell("case33bw/incentive", "case33bw", "incentive", 0.8, 0.2, false),
            new SweepCell("case33bw/block", "case33bw", "block", 0.9, Double.NaN, false));

    static Sweep.Plan plan() {
        Scenario s = Examples.load("euniversal-case69").orElseThrow();
        StudySpec study = s.study().orElseThrow();
        return new Sweep.Plan(s.name(), study.draw().orElseThrow(), study.balanceNeutral(), CELLS, 11, 2, true);
    }

    @Test
    void everyCellEqualsAPipelineRunOfItsScenario() {
        Sweep.Plan plan = plan();
        for (int k = 1; k <= plan.draws(); k++) {
            for (int c = 0; c < CELLS.size(); c++) {
                SweepCell cell = CELLS.get(c);
                Sweep.Point p = Sweep.point(plan, k, c);
                Scenario s = SweepScenario.of(Sweep.redraw(plan, cell.feeder(), k), cell, plan.balanceNeutral());
                Pipeline pipeline = Pipeline.of(s);
                assertThat(pipeline.phases()).contains(Phase.CLEARING, Phase.GRID_CHECK, Phase.LFM);
                assertThat(pipeline.has(Phase.DSO)).isEqualTo(cell.policy().equals("block")
                        || cell.policy().equals("incentive"));
                RunResult run = pipeline.run();
                StudyResults.LfmPeriod lfm = run.study().orElseThrow().lfm().get(0);
                String at = cell.name() + " draw " + k;
                assertThat(p.congestedLines()).as(at).isEqualTo(lfm.before().kpis().congestedLines());
                assertThat(p.overflowSum()).as(at).isCloseTo(lfm.before().kpis().overflowSumMw(), within(1e-9));
                assertThat(p.feasible()).as(at).isEqualTo(lfm.lfm().optimal());
                if (p.feasible()) {
                    assertThat(p.lfmCost()).as(at).isCloseTo(lfm.lfm().cost(), within(1e-9));
                }
                double volume = cell.hasP2p() ? run.periods().get(0).tradedVolume() / 1e3 : 0;
                assertThat(p.p2pVolume()).as(at).isCloseTo(volume, within(1e-9));
            }
        }
    }
}
