package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.Baseline;
import org.peermarket.settlement.Sharing;

/** A sampled Shapley run steps its bar once per order; off a terminal it draws nothing. */
class SharingProgressTest {
    private static final String SAMPLED = """
            name: sampled
            periods: 1
            tariff: {retail: 0.25, feed_in: 0.05}
            sharing: {rule: shapley, exact_max: 2, samples: 50}
            peers:
              - {id: pv, cost: {b: 0}, pmin: 0, pmax: 4}
              - {id: a, pmin: -2, pmax: -2}
              - {id: b, pmin: -3, pmax: -3}
            """;

    @Test
    void countsTheSampledOrders() {
        Scenario s = ScenarioParser.parse(SAMPLED, "sampled.yaml", false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sharing.Result r;
        try (SharingProgress p = new SharingProgress((task, total, unit) -> Progress.to(out, task, total, unit, 0))) {
            r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow(), p);
        }
        assertThat(r.method()).isEqualTo("sampled");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Shapley (sampled)", "50/50", "orders");
    }

    @Test
    void silentOffATerminal() {
        try (SharingProgress p = new SharingProgress()) {
            p.begin("Shapley (sampled)", 10, "orders");
            p.step(10);
        }
        assertThat(Progress.start("x", 10, "orders")).isSameAs(Progress.NONE); // the test JVM has no console
    }
}
