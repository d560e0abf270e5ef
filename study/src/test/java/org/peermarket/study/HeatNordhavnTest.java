package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HeatResult;
import org.peermarket.market.Status;
import org.peermarket.model.Scenario;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.report.ResultsWriter;
import org.peermarket.study.report.SummaryText;

/** The built-in heat-nordhavn example against the solution worked by hand in docs/heat-market.md. */
class HeatNordhavnTest {
    private static final double Q = 1e-8;
    private static final double P = 1e-10;

    @Test
    void clearsAsWorkedByHand() {
        Scenario s = Examples.load("heat-nordhavn").orElseThrow();
        RunResult run = Runner.run(s);
        assertThat(run.status()).isEqualTo(Status.OPTIMAL);
        HeatResult h = run.horizon().orElseThrow().heat().orElseThrow();
        // the CHP's 25 kWh and the retailer's sales, each carried once: no peer relays electricity
        assertThat(run.tradedVolumeKwh()).isCloseTo(25 + retailSale(1) + 25 + retailSale(2), within(Q));
        // hour 1: heat pump marginal; hour 2: boiler marginal, heat pump at its 40 kW
        double[] pump = {32, 40};
        double[] boiler = {0, 12};
        double[] harbourPipe = {22, 30};
        double[] town = {0.2 / 3, 0.09};
        double[] retail = {20 + 32.0 / 3 - 25, 20 + 40.0 / 3 - 25};
        double[] objective = {-6.966666666666667, -7.753333333333333};
        for (int t = 0; t < 2; t++) {
            HeatResult.Period p = h.periods().get(t);
            ClearingResult el = run.periods().get(t);
            String hour = "hour " + (t + 1);
            assertThat(p.chpHeat()[0]).as(hour).isCloseTo(50, within(Q));
            assertThat(p.chpElectricity()[0]).as(hour).isCloseTo(25, within(Q));
            assertThat(p.pumpHeat()[0]).as(hour).isCloseTo(pump[t], within(Q));
            assertThat(p.pumpElectricity()[0]).as(hour).isCloseTo(pump[t] / 3, within(Q));
            assertThat(p.h()[0]).as(hour + " boiler").isCloseTo(boiler[t], within(Q));
            assertThat(p.flow()[0]).as(hour + " plant-town").isCloseTo(50, within(Q));
            assertThat(p.flow()[1]).as(hour + " harbour-town").isCloseTo(harbourPipe[t], within(Q));
            assertThat(p.nodePrice()[0]).as(hour + " plant").isCloseTo(0.05, within(P));
            assertThat(p.nodePrice()[1]).as(hour + " harbour").isCloseTo(town[t], within(P));
            assertThat(p.nodePrice()[2]).as(hour + " town").isCloseTo(town[t], within(P));
            assertThat(p.pipeDual()[0]).as(hour + " plant-town dual").isCloseTo(0.96 * town[t] - 0.05, within(P));
            assertThat(p.pipeDual()[1]).as(hour + " harbour-town dual").isCloseTo(0, within(P));
            assertThat(p.operatorSurplus()).as(hour).isCloseTo(50 * (0.96 * town[t] - 0.05), within(1e-9));
            for (double mu : el.mu()) {
                assertThat(mu).as(hour + " electricity price").isCloseTo(0.20, within(P));
            }
            assertThat(el.p()[0]).as(hour + " retail").isCloseTo(retail[t], within(Q));
            assertThat(el.p()[3]).as(hour + " chp-owner").isCloseTo(25, within(Q));
            assertThat(el.p()[4]).as(hour + " hp-owner").isCloseTo(-pump[t] / 3, within(Q));
            assertThat(el.objective()).as(hour).isCloseTo(objective[t], within(1e-9));
        }
    }

    private static double retailSale(int hour) {
        return 20 + (hour == 1 ? 32.0 : 40.0) / 3 - 25;
    }

    @Test
    void writesTheHeatFilesAndAReportSection(@TempDir Path dir) throws Exception {
        RunResult run = Runner.run(Examples.load("heat-nordhavn").orElseThrow());
        ResultsWriter.write(run, dir);
        for (String f : new String[] {"heat_peers.csv", "heat_nodes.csv", "pipes.csv", "heat_assets.csv"}) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(dir.resolve("heat_nodes.csv"))).contains("2,town,0.09");
        assertThat(Files.readAllLines(dir.resolve("heat_assets.csv"))).contains("2,hp,heat_pump,hp-owner,harbour,-13.3333333333,40");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("heat").get("operator_surplus").asDouble()).isCloseTo(0.70 + 1.82, within(1e-9));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"heat\"");
        // node prices 0.05 (plant) to 0.09; surplus 50 x 0.014 + 50 x 0.0364
        assertThat(SummaryText.of(run)).contains("  heat: 3 heat peers on 3 nodes, 2 pipes; heat prices 0.0500 to 0.0900"
                + " EUR/kWh; the network operator keeps 2.5200 EUR\n");
    }
}
