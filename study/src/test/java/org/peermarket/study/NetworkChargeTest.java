package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.pipeline.RunResult;

/**
 * The unique network charge of Baroche et al. 2019 on baroche-2019: 10 EUR/MWh on every trade. Checked against
 * an independent market-clearing calculation on the transcribed Table I: with one charge on every trade there is
 * one producer price pi and one consumer price pi + 10; each producer supplies clamp((pi - b) / a), each consumer
 * takes clamp((b - pi - 10) / a), and bisection finds the pi where supply meets demand.
 */
class NetworkChargeTest {

    static RunResult charged() {
        String text = Examples.text("baroche-2019").orElseThrow()
                + "dso: {policy: charge, charge: {type: unique, fee: 10}}\n";
        return Runner.run(ScenarioParser.parse(text, "baroche-2019-charged.yaml", false));
    }

    @Test
    void uniqueChargeOfTenSplitsThePriceAsTheIssueSays() {
        RunResult run = charged();
        assertThat(run.status()).as(run.cause()).isEqualTo(Status.OPTIMAL);
        ClearingResult r = run.periods().get(0);
        double generated = 0;
        for (int n = 0; n < r.p().length; n++) {
            boolean producer = run.scenario().peers().get(n).id().startsWith("g");
            double price = r.mu()[n] * 1000;
            assertThat(price).as(run.scenario().peers().get(n).id()).isCloseTo(producer ? 50.434 : 60.434, offset(5e-4));
            generated += Math.max(0, r.p()[n]) / 1000;
        }
        assertThat(generated).isCloseTo(2961.34, offset(5e-3));
        for (Trade t : r.trades()) {
            assertThat(t.charge() * 1000).isCloseTo(10, offset(1e-12));
            assertThat((t.price() + t.charge()) * 1000).isCloseTo(60.434, offset(5e-4));
        }
    }

    @Test
    void independentClearingOfTheTranscribedTableGivesTheSameNumbers() throws Exception {
        Path table = Path.of(System.getProperty("peermarket.shared", "../../shared"),
                "oracles/papers/baroche2019-exogenous/case_table1.json");
        Assumptions.assumeTrue(Files.exists(table), "shared oracle not present: " + table);
        JsonNode agents = new ObjectMapper().readTree(table.toFile()).get("agents");
        double lo = 0;
        double hi = 200;
        for (int k = 0; k < 200; k++) {
            double pi = (lo + hi) / 2;
            if (supply(agents, pi) > demand(agents, pi + 10)) {
                hi = pi;
            } else {
                lo = pi;
            }
        }
        double pi = (lo + hi) / 2;
        assertThat(pi).isCloseTo(50.434, offset(5e-4));
        assertThat(supply(agents, pi)).isCloseTo(2961.34, offset(5e-3));
        ClearingResult r = charged().periods().get(0);
        double generated = 0;
        for (double p : r.p()) {
            generated += Math.max(0, p) / 1000;
        }
        assertThat(generated).isCloseTo(supply(agents, pi), offset(1e-4));
    }

    static double supply(JsonNode agents, double price) {
        double s = 0;
        for (JsonNode a : agents) {
            if (a.get("role").asText().equals("producer")) {
                s += clamp((price - a.get("b_eur_per_MW").asDouble()) / a.get("a_eur_per_MW2").asDouble(),
                        a.get("p_min_MW").asDouble(), a.get("p_max_MW").asDouble());
            }
        }
        return s;
    }

    static double demand(JsonNode agents, double price) {
        double d = 0;
        for (JsonNode a : agents) {
            if (a.get("role").asText().equals("consumer")) {
                d -= clamp((price - a.get("b_eur_per_MW").asDouble()) / a.get("a_eur_per_MW2").asDouble(),
                        a.get("p_min_MW").asDouble(), a.get("p_max_MW").asDouble());
            }
        }
        return d;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
