package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInputs;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.pipeline.RunResult;

class RunnerTest {

    /** 24 periods with per-period costs and bounds: each period equals clearing it on its own. */
    @Test
    void periodsClearIndependentlyAndInOrder() {
        Random rnd = new Random(7);
        StringBuilder y = new StringBuilder("name: day\nperiods: 24\npeers:\n");
        for (int i = 0; i < 8; i++) {
            boolean producer = i % 2 == 0;
            y.append("  - id: p").append(i).append("\n    cost: {a: 0.05, b: ").append(list(rnd, producer ? 0.05 : 0.2, 0.1))
                    .append("}\n    pmin: ").append(producer ? "0" : list(rnd, -8, 4))
                    .append("\n    pmax: ").append(producer ? list(rnd, 2, 6) : "0").append('\n');
        }
        Scenario s = ScenarioParser.parse(y.toString(), "day.yaml", false);
        RunResult run = Runner.run(s);
        assertThat(run.periods()).hasSize(24);
        var graph = MarketInputs.graph(s);
        for (int t = 0; t < 24; t++) {
            ClearingResult alone = new CentralP2P().clear(MarketInputs.forPeriod(s, graph, t));
            assertThat(run.periods().get(t).p()).as("period %d", t).containsExactly(alone.p());
            assertThat(run.periods().get(t).objective()).isEqualTo(alone.objective());
        }
    }

    private static String list(Random rnd, double base, double spread) {
        StringBuilder b = new StringBuilder("[");
        for (int t = 0; t < 24; t++) {
            b.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", base + spread * rnd.nextDouble()));
        }
        return b.append(']').toString();
    }

    @Test
    void unknownMechanismNamesTheMarketField() {
        Scenario s = ScenarioParser.parse("name: x\nmarket: {type: lfm}\npeers: [{id: a, pmin: 0, pmax: 0}]\n",
                "x.yaml", false);
        assertThatThrownBy(() -> Runner.run(s)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("market = {type: lfm, solver: central}: no such market mechanism 'lfm/central'");
    }
}
