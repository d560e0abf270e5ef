package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GridKeyTest {
    private static Scenario parse(String grid) {
        return ScenarioParser.parse("""
                name: g
                grid: %s
                peers:
                  - {id: a, bus: 2, pmin: 0, pmax: 1}
                  - {id: b, bus: 3, pmin: -1, pmax: 0}
                """.formatted(grid), "g.yaml", false);
    }

    @Test
    void readsTheThreeRatingRules() {
        GridSpec plain = parse("{case: case69}").grid().orElseThrow();
        assertThat(plain).isEqualTo(new GridSpec("case69", GridSpec.Ratings.FROM_CASE, "case"));
        GridSpec explicit = parse("{case: x.m, base: none, ratings: {rule: explicit, branches: {3: 0.5, 10: 2}}}")
                .grid().orElseThrow();
        assertThat(explicit.base()).isEqualTo("none");
        assertThat(explicit.ratings().branches()).isEqualTo(Map.of(3, 0.5, 10, 2.0));
        GridSpec flow = parse("{case: case33bw, ratings: {rule: base-flow, factor: 1.2, floor: 0.05}}").grid().orElseThrow();
        assertThat(flow.ratings()).isEqualTo(new GridSpec.Ratings("base-flow", Map.of(), 1.2, 0.05));
        assertThat(ScenarioParser.parse("name: n\npeers: [{id: a, pmin: 0, pmax: 1}]", "n.yaml", false).grid()).isEmpty();
    }

    @Test
    void badGridKeysAreNamed() {
        assertThatThrownBy(() -> parse("{case: case69, base: maybe, ratings: {rule: guess}}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("grid.base = \"maybe\": must be case")
                .hasMessageContaining("grid.ratings.rule = \"guess\": must be case, explicit or base-flow");
        assertThatThrownBy(() -> parse("{case: case69, ratings: {rule: explicit, branches: {0: 1, 2: -1}}}"))
                .hasMessageContaining("grid.ratings.branches.0: a branch number must be a whole number >= 1")
                .hasMessageContaining("grid.ratings.branches.2 = -1: must be > 0 (MW)");
        assertThatThrownBy(() -> parse("{ratings: {rule: base-flow, factor: 0, floor: 1, extra: 2}}"))
                .hasMessageContaining("grid.case: is required")
                .hasMessageContaining("grid.ratings.factor = 0: must be > 0")
                .hasMessageContaining("grid.ratings.extra: unknown key");
        assertThatThrownBy(() -> parse("case69")).hasMessageContaining("grid = \"case69\": must be a mapping");
    }
}
