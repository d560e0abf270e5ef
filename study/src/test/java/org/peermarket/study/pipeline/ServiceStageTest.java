package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peermarket.market.Status;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.TransactionType;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;
import org.peermarket.study.report.ResultsWriter;
import org.peermarket.study.report.SummaryText;

/**
 * The explicit service after the P2P market, on the built-in example explicit-service, solved by hand (see its
 * YAML): the market gives pv 65, chp 25 kWh (marginal costs 0.002 x 65 + 0.02 = 0.004 x 25 + 0.05 = 0.15), the
 * house 60 and the heat pump 30; the up headroom is pv 15, chp 15, heat pump 20 (total 50).
 */
class ServiceStageTest {
    private static final String YAML = Examples.text("explicit-service").orElseThrow();

    private static RunResult run(String yaml) {
        return Runner.run(ScenarioParser.parse(yaml, "s.yaml", false));
    }

    @Test
    void theCheapestCapacityProvidesAndTradesMoveObligationsToIt() {
        RunResult run = run(YAML);
        assertThat(run.periods().get(0).p()).containsExactly(new double[] {65, 25, -60, -30}, within(1e-6));
        ServiceResults.Period p = run.service().orElseThrow().periods().get(0);
        assertThat(p.peers()).containsExactly("heat-pump", "chp", "pv");
        assertThat(p.capacity()).containsExactly(new double[] {20, 15, 15}, within(1e-6));
        // pro rata to headroom: 40 x 20/50, 40 x 15/50, 40 x 15/50
        assertThat(p.obligation()).containsExactly(new double[] {16, 12, 12}, within(1e-9));
        // merit order 0.05 < 0.08 < 0.12 (each + 0.005 to move capacity is still cheaper than pv's 0.12)
        assertThat(p.provided()).containsExactly(new double[] {20, 15, 5}, within(1e-6));
        assertThat(p.provided()[0] + p.provided()[1] + p.provided()[2]).isCloseTo(40, within(1e-9));
        // pv hands 7 kWh of obligation over (4 to the heat pump, 3 to the chp)
        assertThat(p.provided()[2] - p.obligation()[2]).isCloseTo(-7, within(1e-6));
        // cost 20 x 0.05 + 15 x 0.08 + 5 x 0.12 + 7 x 0.005 = 2.835
        assertThat(p.cost()).isCloseTo(2.835, within(1e-9));
        // pv is interior: its price is its cost 0.12; the full peers sell to it at 0.12 - 0.005
        assertThat(p.price()).containsExactly(new double[] {0.115, 0.115, 0.12}, within(1e-9));
        // payment 20 x 0.115 + 15 x 0.115 + 5 x 0.12 = 4.625
        assertThat(p.payment()).isCloseTo(4.625, within(1e-9));
        assertThat(p.status()).isEqualTo(Status.OPTIMAL);
    }

    @Test
    void theDsoPaysProvidersAndTheAccountsBalance() {
        RunResult run = run(YAML);
        Settlement s = Pipeline.of(run.scenario()).settle(run).settlement();
        var flex = s.transactions().stream().filter(t -> t.type() == TransactionType.FLEXIBILITY_PAYMENT).toList();
        assertThat(flex).hasSize(3).allMatch(t -> t.payer().equals(Actor.DSO));
        assertThat(s.exactNet(Actor.DSO)).isCloseTo(-4.625, within(1e-9));
        assertThat(s.net(Actor.peer("heat-pump"))).isEqualTo(230 - 75 - 375); // got 20 x 0.115, paid (5 + 25) x 0.15
        assertThat(s.systemTotal()).isZero();
    }

    @Test
    void writesServiceCsvAndSummary() throws Exception {
        Map<String, String> files = ResultsWriter.resultFiles(run(YAML));
        assertThat(files.get(ServiceStage.FILE)).isEqualTo("""
                period,peer,status,capacity,obligation,provided,price
                1,heat-pump,optimal,20,16,20,0.115
                1,chp,optimal,15,12,15,0.115
                1,pv,optimal,15,12,5,0.12
                """);
        JsonNode service = new ObjectMapper().readTree(files.get(ResultsWriter.SUMMARY)).get("service");
        assertThat(service.get("status").asText()).isEqualTo("optimal");
        assertThat(service.get("cost").asDouble()).isEqualTo(2.835);
        assertThat(service.get("missing").asDouble()).isZero();
        assertThat(SummaryText.of(run(YAML)))
                .contains("service 40 kWh up: optimal, cost 2.8350 EUR, the DSO pays 4.6250 EUR");
    }

    @Test
    void moreThanTheHeadroomIsAnInfeasibleResultSayingHowMuchIsMissing() throws Exception {
        RunResult run = run(YAML.replace("volume: 40", "volume: 60"));
        ServiceResults sr = run.service().orElseThrow();
        assertThat(sr.status()).isEqualTo(Status.INFEASIBLE);
        assertThat(sr.missing()).isCloseTo(10, within(1e-6)); // 60 - (15 + 15 + 20)
        Settlement s = Pipeline.of(run.scenario()).settle(run).settlement();
        assertThat(s.transactions()).noneMatch(t -> t.type() == TransactionType.FLEXIBILITY_PAYMENT);
        JsonNode service = new ObjectMapper().readTree(ResultsWriter.resultFiles(run).get(ResultsWriter.SUMMARY))
                .get("service");
        assertThat(service.get("status").asText()).isEqualTo("infeasible");
        assertThat(service.get("cost").isNull()).isTrue();
        assertThat(service.get("missing").asDouble()).isEqualTo(10);
        assertThat(SummaryText.of(run)).contains("service 60 kWh up: infeasible, 10 kWh missing");
    }

    @Test
    void downwardFlexibilityIsTheRoomAboveEachPeersMinimum() {
        // down headroom p - pmin: pv 65, chp 25. 30 kWh: chp (0.01) gives all 25, pv (0.03) the other 5, and pv,
        // interior, sets both prices (no trade cost). Cost 25 x 0.01 + 5 x 0.03 = 0.40.
        String yaml = YAML.replaceAll("(?s)service:.*", "service: {volume: 30, direction: down, "
                + "offers: {pv: 0.03, chp: 0.01}}\n");
        ServiceResults.Period p = run(yaml).service().orElseThrow().periods().get(0);
        assertThat(p.capacity()).containsExactly(new double[] {65, 25}, within(1e-6));
        assertThat(p.provided()).containsExactly(new double[] {5, 25}, within(1e-6));
        assertThat(p.cost()).isCloseTo(0.40, within(1e-9));
        assertThat(p.price()).containsExactly(new double[] {0.03, 0.03}, within(1e-9));
    }
}
