package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.GridCheck;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.Status;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;

/** The built-in euniversal-case69 study: its draw, its KPIs against an independent DC flow, and its findings. */
class EuniversalStudyTest {
    static Scenario scenario;
    static EuniversalStudy.Draw draw;
    static Map<String, StudyResults.ScenarioOutcome> outcomes;

    @BeforeAll
    static void run() {
        scenario = Examples.load("euniversal-case69").orElseThrow();
        draw = EuniversalStudy.draw(scenario.study().orElseThrow().draw().orElseThrow());
        outcomes = Runner.run(scenario).study().orElseThrow().scenarios().stream()
                .collect(Collectors.toMap(StudyResults.ScenarioOutcome::name, Function.identity()));
    }

    @Test
    void theDrawIsSeed003sSetUp() {
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("s0", "s1", "s2", "s3-100", "s3-80", "s0-heavy", "s1-heavy");
        assertThat(draw.bids()).hasSize(172);
        Set<Integer> buses = new HashSet<>();
        int peers = 0;
        for (int b = 0; b < draw.bids().size(); b++) {
            FlexBid bid = draw.bids().get(b);
            buses.add(bid.bus());
            peers += draw.peer()[b] ? 1 : 0;
            double lo = bid.direction() == FlexBid.Direction.UP ? 45 : 5;
            assertThat(bid.price()).isBetween(lo, lo + 10);
            assertThat(bid.quantityMw()).isPositive();
        }
        assertThat(buses).hasSize(46);
        assertThat(peers).isEqualTo(70);
    }

    @Test
    void initialStateHasExactlyTheSeedsTwoCongestedLinesCheckedByAnIndependentDcFlow() {
        // DcPowerFlow solves B theta = P (not the PTDF); its flows give the s0 KPIs independently
        double[] f = DcPowerFlow.run(draw.grid()).flowMw();
        double overflow = 0;
        List<String> congested = new java.util.ArrayList<>();
        for (int l = 0; l < f.length; l++) {
            double over = Math.abs(f[l]) - draw.ratingMw()[l];
            if (over > -1e-9) {
                var br = draw.grid().branches().get(l);
                congested.add(br.from() + "-" + br.to());
            }
            overflow += Math.max(0, over);
        }
        assertThat(congested).containsExactlyInAnyOrder("44-45", "12-68");
        GridCheck.Kpis k = outcomes.get("s0").kpis();
        assertThat(k.congestedLines()).isEqualTo(2);
        assertThat(k.overflowSumMw()).isCloseTo(overflow, within(1e-9));
        assertThat(outcomes.get("s0").p2pVolumeMw()).isZero();
    }

    @Test
    void theLfmOfS0ClearsEveryCongestionBalanced() {
        var lfm = outcomes.get("s0").lfm();
        assertThat(lfm.status()).isEqualTo(Status.OPTIMAL);
        assertThat(lfm.congestedAfter()).isEmpty();
        assertThat(lfm.netMw(draw.bids())).isCloseTo(0, within(1e-9));
        double cost = 0;
        for (int b = 0; b < draw.bids().size(); b++) {
            cost += lfm.acceptedMw()[b] * draw.bids().get(b).price();
            assertThat(lfm.acceptedMw()[b]).isBetween(0.0, draw.bids().get(b).quantityMw() + 1e-12);
        }
        assertThat(lfm.cost()).isPositive().isCloseTo(cost, within(1e-9));
        for (double o : outcomes.get("s0").occupancyAfter()) {
            assertThat(o).isLessThanOrEqualTo(1 + 1e-6);
        }
    }

    @Test
    void blockingKeepsCongestionAtTheS0Level() {
        GridCheck.Kpis s0 = outcomes.get("s0").kpis();
        GridCheck.Kpis s2 = outcomes.get("s2").kpis();
        assertThat(s2.congestedLines()).isEqualTo(s0.congestedLines());
        assertThat(s2.overflowSumMw()).isLessThanOrEqualTo(s0.overflowSumMw() + 1e-9);
        assertThat(outcomes.get("s2").p2pVolumeMw()).isPositive().isLessThanOrEqualTo(outcomes.get("s1").p2pVolumeMw());
    }

    @Test
    void uncheckedP2pRaisesTheLfmCost() {
        var s0 = outcomes.get("s0").lfm();
        var s1 = outcomes.get("s1").lfm();
        assertThat(outcomes.get("s1").p2pVolumeMw()).isPositive();
        assertThat(!s1.optimal() || s1.cost() > s0.cost()).as("s1 LFM dearer than s0, or infeasible").isTrue();
        assertThat(outcomes.get("s1").kpis().overflowSumMw()).isGreaterThan(outcomes.get("s0").kpis().overflowSumMw());
    }

    @Test
    void theDrawIsDeterministic() {
        StudySpec.Draw spec = scenario.study().orElseThrow().draw().orElseThrow();
        EuniversalStudy.Draw again = EuniversalStudy.draw(spec);
        assertThat(again.bids()).isEqualTo(draw.bids());
        assertThat(again.ratingMw()).isEqualTo(draw.ratingMw());
    }
}
