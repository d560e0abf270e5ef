package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The study.sweep grid: lists read with their defaults, every bad entry named with its path and value. */
class SweepGridTest {
    private static final String STUDY = "name: g\nstudy:\n  steps: [p2p, lfm]\n  draw: {seed: 3}\n";

    private static Scenario parse(String sweep) {
        return ScenarioParser.parse(STUDY + "  sweep: " + sweep + "\n", "g.yaml", false);
    }

    @Test
    void readsTheListsAndDefaultsCaseThetaAndW() {
        SweepGrid g = parse("{policy: [none, block, incentive], theta: [0.8, 1.0], w: [0.1, 0.2]}")
                .study().orElseThrow().sweep().orElseThrow();
        assertThat(g.policies()).containsExactly("none", "block", "incentive");
        assertThat(g.thetas()).containsExactly(0.8, 1.0);
        assertThat(g.ws()).containsExactly(0.1, 0.2);
        assertThat(g.cases()).containsExactly("case69");
        SweepGrid d = parse("{policy: [lfm-only], case: [case69, case33bw]}").study().orElseThrow().sweep().orElseThrow();
        assertThat(d.thetas()).isEqualTo(List.of(0.8));
        assertThat(d.ws()).isEqualTo(List.of(0.2));
        assertThat(d.cases()).containsExactly("case69", "case33bw");
        assertThat(ScenarioParser.parse(STUDY, "g.yaml", false).study().orElseThrow().sweep()).isEmpty();
    }

    @Test
    void badGridsAreNamedWithPathAndValue() {
        assertThatThrownBy(() -> parse("{policy: [none, charge, none], theta: [0, 0.8, 11], w: [1], case: [7], x: 1}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("study.sweep.policy[1] = \"charge\": must be one of [lfm-only, none, block, incentive]")
                .hasMessageContaining("study.sweep.policy[2] = \"none\": is listed twice")
                .hasMessageContaining("study.sweep.theta[0] = 0: must be an occupancy in (0, 10]")
                .hasMessageContaining("study.sweep.theta[2] = 11: must be an occupancy in (0, 10]")
                .hasMessageContaining("study.sweep.w[0] = 1: must be in [0, 1)")
                .hasMessageContaining("study.sweep.case[0] = 7: must be a built-in case name")
                .hasMessageContaining("study.sweep.x: unknown key");
        assertThatThrownBy(() -> parse("{theta: [0.8]}")).hasMessageContaining("study.sweep.policy: is required");
        assertThatThrownBy(() -> parse("{policy: []}")).hasMessageContaining("study.sweep.policy = []: must be a non-empty list");
        assertThatThrownBy(() -> parse("[none]")).hasMessageContaining("study.sweep = [\"none\"]: must be a mapping");
        assertThatThrownBy(() -> ScenarioParser.parse("name: g\nperiods: 1\npeers: [{id: a, cost: {a: 1, b: 1}, pmin: 0, pmax: 1}]\n"
                + "study: {sweep: {policy: [none]}}\n", "g.yaml", false))
                .hasMessageContaining("study.sweep = {\"policy\":[\"none\"]}: needs a generated study (study.draw)");
    }
}
