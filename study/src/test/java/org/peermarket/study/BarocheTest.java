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
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.study.pipeline.RunResult;

class BarocheTest {

    @Test
    void freeMarketPriceIsThePublishedOne() {
        RunResult run = Runner.run(Examples.load("baroche-2019").orElseThrow());
        assertThat(run.status()).isEqualTo(Status.OPTIMAL);
        ClearingResult r = run.periods().get(0);
        // published: 57.2 EUR/MWh; the transcription's own re-solve gives 57.234 (SOURCE.txt)
        for (double mu : r.mu()) {
            assertThat(mu * 1000).isCloseTo(57.2, offset(0.1)).isCloseTo(57.234, offset(5e-4));
        }
        assertThat(r.solver().polished()).isTrue();
    }

    /**
     * Negotiated with the paper's settings (rho = 1 EUR/MWh^2, residuals below 1e-4): the published
     * 57.2 EUR/MWh, and the central optimum to within what the tolerances allow.
     */
    @Test
    void negotiationReachesThePublishedPriceWithResidualsBelowTheTolerance() {
        Scenario s = Examples.load("baroche-2019-admm").orElseThrow();
        assertThat(s.market().solver()).isEqualTo("admm");
        RunResult run = Runner.run(s);
        assertThat(run.status()).as(run.cause()).isEqualTo(Status.OPTIMAL);
        ClearingResult r = run.periods().get(0);
        assertThat(r.solver().name()).isEqualTo("admm");
        // residuals are kept in kWh and EUR/kWh inside: 1e-4 MWh = 0.1 kWh, 1e-4 EUR/MWh = 1e-7 EUR/kWh
        assertThat(run.primalResidual() / 1000).isLessThanOrEqualTo(1e-4);
        assertThat(run.dualResidual() * 1000).isLessThanOrEqualTo(1e-4);
        for (double mu : r.mu()) {
            assertThat(mu * 1000).isCloseTo(57.2, offset(0.1)).isCloseTo(57.234, offset(1e-3));
        }
        RunResult exact = Runner.run(Examples.load("baroche-2019").orElseThrow());
        assertThat(run.objective()).isCloseTo(exact.objective(), offset(1e-7 * Math.abs(exact.objective())));
        double[] p = r.p();
        double[] pExact = exact.periods().get(0).p();
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i] / 1000).as("p of %s in MWh", s.peers().get(i).id()).isCloseTo(pExact[i] / 1000, offset(1e-2));
        }
    }

    /** The two built-in Baroche examples differ only in how the market is cleared. */
    @Test
    void negotiatedExampleHasTheSamePeers() {
        Scenario central = Examples.load("baroche-2019").orElseThrow();
        Scenario admm = Examples.load("baroche-2019-admm").orElseThrow();
        assertThat(admm.peers()).isEqualTo(central.peers());
        assertThat(admm.units()).isEqualTo(central.units());
    }

    /** The built-in example must say what the paper's table says (independent transcription). */
    @Test
    void exampleMatchesTheTranscribedTable() throws Exception {
        Path table = Path.of(System.getProperty("peermarket.shared", "../../shared"),
                "oracles/papers/baroche2019-exogenous/case_table1.json");
        Assumptions.assumeTrue(Files.exists(table), "shared oracle not present: " + table);
        JsonNode agents = new ObjectMapper().readTree(table.toFile()).get("agents");
        Scenario s = Examples.load("baroche-2019").orElseThrow();
        assertThat(s.peers()).hasSize(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            JsonNode a = agents.get(i);
            Peer p = s.peers().get(i);
            assertThat(p.id()).endsWith(String.format("%02d", a.get("agent").asInt()));
            assertThat(p.bus()).hasValue(a.get("bus").asInt());
            assertThat(p.cost().a().at(0) * 1e6).isCloseTo(a.get("a_eur_per_MW2").asDouble(), offset(1e-12));
            assertThat(p.cost().b().at(0) * 1e3).isCloseTo(a.get("b_eur_per_MW").asDouble(), offset(1e-9));
            assertThat(p.pmin().at(0) / 1e3).isCloseTo(a.get("p_min_MW").asDouble(), offset(1e-9));
            assertThat(p.pmax().at(0) / 1e3).isCloseTo(a.get("p_max_MW").asDouble(), offset(1e-9));
            boolean consumer = a.get("role").asText().equals("consumer");
            for (int j = 0; j < agents.size(); j++) {
                boolean otherConsumer = agents.get(j).get("role").asText().equals("consumer");
                assertThat(s.mayTrade(i, j)).as("bipartite %d-%d", i, j).isEqualTo(i != j && consumer != otherConsumer);
            }
        }
    }
}
