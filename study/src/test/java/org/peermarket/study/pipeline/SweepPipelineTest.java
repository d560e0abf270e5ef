package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.grid.Branch;
import org.peermarket.grid.Bus;
import org.peermarket.grid.Generator;
import org.peermarket.grid.GridCase;
import org.peermarket.model.GridSpec;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.study.Examples;
import org.peermarket.study.sweep.Sweep;

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
    void aHeavyCellEqualsAPipelineRunOnTheFeederWithItsLoadsScaled(@TempDir Path dir) throws Exception {
        Sweep.Plan plan = new Sweep.Plan("heavy", plan().spec(), plan().balanceNeutral(),
                List.of(SweepCell.named("s1-heavy")), 11, 1, false);
        EuniversalStudy.Draw d = Sweep.redraw(plan, "case69", 1);
        Path file = dir.resolve("case69-heavy.m");
        Files.writeString(file, matpower(d.grid(), d.heavyFactor()));
        Scenario cell = SweepScenario.of(d, plan.cells().get(0), plan.balanceNeutral());
        GridSpec spec = cell.grid().orElseThrow();
        Scenario s = new Scenario(cell.name(), cell.description(), 1, 1, cell.units(), cell.market(), cell.peers(),
                List.of(), Optional.of(new GridSpec(file.toString(), spec.ratings(), spec.base())), cell.communities(),
                Map.of(), cell.dso(), cell.study(), Optional.empty(), Optional.empty(), Optional.empty());
        RunResult run = Pipeline.of(s).run();
        StudyResults.LfmPeriod lfm = run.study().orElseThrow().lfm().get(0);
        Sweep.Point p = Sweep.point(plan, 1, 0);
        assertThat(p.congestedLines()).isEqualTo(lfm.before().kpis().congestedLines());
        assertThat(p.overflowSum()).isCloseTo(lfm.before().kpis().overflowSumMw(), within(1e-9));
        assertThat(p.feasible()).isEqualTo(lfm.lfm().optimal());
        if (p.feasible()) {
            assertThat(p.lfmCost()).isCloseTo(lfm.lfm().cost(), within(1e-9));
        }
        assertThat(p.p2pVolume()).isCloseTo(run.periods().get(0).tradedVolume() / 1e3, within(1e-9));
        // the heavy loading shows: more overflow than the same draw's s1
        Sweep.Plan light = new Sweep.Plan("light", plan.spec(), plan.balanceNeutral(), List.of(SweepCell.named("s1")),
                11, 1, false);
        assertThat(p.overflowSum()).isGreaterThan(Sweep.point(light, 1, 0).overflowSum());
    }

    /** The case as MATPOWER text, every load and generation times {@code factor}, numbers written exactly. */
    static String matpower(GridCase g, double factor) {
        StringBuilder b = new StringBuilder("function mpc = heavy\nmpc.version = '2';\nmpc.baseMVA = ")
                .append(n(g.baseMva())).append(";\nmpc.bus = [\n");
        for (Bus x : g.buses()) {
            row(b, x.number(), x.type(), x.pd() * factor, x.qd() * factor, x.gs() * factor, x.bs(), x.area(), x.vm(),
                    x.vaDeg(), x.baseKv(), x.zone(), x.vmax(), x.vmin());
        }
        b.append("];\nmpc.gen = [\n");
        for (Generator x : g.generators()) {
            row(b, x.bus(), x.pg() * factor, x.qg() * factor, x.qmax(), x.qmin(), x.vg(), x.mbase(), x.status(),
                    x.pmax(), x.pmin());
        }
        b.append("];\nmpc.branch = [\n");
        for (Branch x : g.branches()) {
            row(b, x.from(), x.to(), x.r(), x.x(), x.b(), x.rateA(), x.rateB(), x.rateC(), x.tap(), x.shiftDeg(),
                    x.status(), x.angMin(), x.angMax());
        }
        return b.append("];\n").toString();
    }

    private static void row(StringBuilder b, double... v) {
        for (double x : v) {
            b.append(n(x)).append(' ');
        }
        b.append(";\n");
    }

    private static String n(double x) {
        return BigDecimal.valueOf(x).toPlainString();
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
