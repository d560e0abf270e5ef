package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.BalancingSpec;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Balancing;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.VppSettlement;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.Pipeline;

/** vpp-balancing and its variants against the clearing and money worked by hand in the example's comments. */
class VppBalancingTest {
    private static final String DEMAND = "demand: {up: [1, 3, 0, 0], down: [0, 0, 4, 0]}";

    private static RunResult run(String yaml) {
        return Runner.run(ScenarioParser.parse(yaml, "v.yaml", false));
    }

    private static String example() {
        return Examples.text("vpp-balancing").orElseThrow();
    }

    private static Balancing.Result balancing(RunResult run) {
        return Balancing.run(run.scenario(), run.horizon().orElseThrow(),
                run.scenario().vpp().orElseThrow().balancing().orElseThrow());
    }

    private static Balancing.Row row(Balancing.Result r, int period, String community, String direction) {
        return r.rows().stream().filter(x -> x.period() == period - 1 && x.community().equals(community)
                && x.direction().equals(direction)).findFirst().orElseThrow();
    }

    /** Cents each actor gained over the market's own settlement. */
    private static long change(RunResult run, Settlement with, Actor a) {
        return with.net(a) - MarketSettlement.settle(run.scenario(), run.periods(), false, run.horizon()).net(a);
    }

    private static Settlement settle(RunResult run) {
        return Pipeline.of(run.scenario()).settle(run).settlement();
    }

    @Test
    void derivesNorthsBidsFromItsIdleBattery() {
        RunResult run = Runner.run(Examples.load("vpp-balancing").orElseThrow());
        List<BalancingSpec.Bid> bids = Balancing.derivedBids(run.scenario(), run.horizon().orElseThrow(), "north");
        // 2 kWh stored give 2 x 0.8 = 1.6 out at 0.20 / 0.8; 4 - 2 = 2 kWh of room at 0.20 x 0.8
        assertThat(bids).hasSize(8);
        for (BalancingSpec.Bid b : bids) {
            BalancingSpec.Step st = b.steps().get(0);
            assertThat(b.steps()).hasSize(1);
            assertThat(st.quantity()).isCloseTo(b.direction().equals("up") ? 1.6 : 2, within(1e-9));
            assertThat(st.price()).isCloseTo(b.direction().equals("up") ? 0.25 : 0.16, within(1e-12));
        }
    }

    @Test
    void clearsTheMarketAmongTheTwoAggregatorsAndSettlesNorthOnItsMeters() {
        RunResult run = Runner.run(Examples.load("vpp-balancing").orElseThrow());
        Balancing.Result r = balancing(run);
        assertThat(r.settledOn()).containsEntry("north", "metering").containsEntry("south", "activated");
        assertThat(row(r, 1, "north", "up").activated()).isCloseTo(1, within(1e-9));
        assertThat(row(r, 1, "north", "up").price()).isEqualTo(0.25, within(1e-12));
        assertThat(row(r, 2, "south", "up").activated()).isCloseTo(2, within(1e-9));
        Balancing.Row n2 = row(r, 2, "north", "up");
        assertThat(n2.activated()).isCloseTo(1, within(1e-9));
        assertThat(n2.delivered()).isCloseTo(0.6, within(1e-9));
        assertThat(n2.shortfall()).isCloseTo(0.4, within(1e-9));
        assertThat(n2.payment()).isCloseTo(0.15, within(1e-9));
        assertThat(n2.penalty()).isCloseTo(0.10, within(1e-9));
        assertThat(row(r, 3, "south", "down").activated()).isCloseTo(3, within(1e-9));
        assertThat(row(r, 3, "north", "down").activated()).isCloseTo(1, within(1e-9));
        assertThat(row(r, 3, "north", "down").payment()).isCloseTo(-0.16, within(1e-9));
        assertThat(row(r, 3, "south", "down").delivered()).isNull();

        Settlement st = settle(run);
        assertThat(st.systemTotal()).isZero();
        assertThat(st.net(VppSettlement.aggregator("north"))).isZero();
        assertThat(st.net(VppSettlement.aggregator("south"))).isZero();
        // the balancing market pays 0.25 + 0.15 + 0.50 and receives 0.10 + 0.16 + 0.48
        assertThat(st.net(VppSettlement.BALANCING_MARKET)).isEqualTo(-90 + 74);
        // north nets 0.14, south 0.02, each split equally
        assertThat(List.of("bat-n", "home-n", "bat-s", "home-s")).extracting(id -> change(run, st, Actor.peer(id)))
                .containsExactly(7L, 7L, 1L, 1L);
    }

    @Test
    void anActivationSeriesTakesTheStepsWithinItsPrice() {
        RunResult run = run(example().replace(DEMAND,
                "activation: {price: [0.30, 0.24, 0.17, 0], up: [1, 3, 0, 0], down: [0, 0, 4, 0]}"));
        Balancing.Result r = balancing(run);
        assertThat(r.source()).isEqualTo("activation");
        assertThat(row(r, 1, "north", "up").payment()).isCloseTo(0.30, within(1e-9)); // 1 @ 0.25 paid at 0.30
        assertThat(row(r, 2, "north", "up").activated()).isZero(); // 0.25 > 0.24
        assertThat(row(r, 2, "south", "up").payment()).isCloseTo(0.48, within(1e-9)); // 2 of 3 asked, at 0.24
        assertThat(row(r, 3, "north", "down").activated()).isZero(); // 0.16 < 0.17
        assertThat(row(r, 3, "south", "down").payment()).isCloseTo(-0.51, within(1e-9));
        Settlement st = settle(run);
        assertThat(st.systemTotal()).isZero();
        // north +0.30: 15 each; south 0.48 - 0.51 = -0.03: -1.5 each, the odd cent to the first by largest remainder
        assertThat(List.of("bat-n", "home-n", "bat-s", "home-s")).extracting(id -> change(run, st, Actor.peer(id)))
                .containsExactly(15L, 15L, -1L, -2L);
        assertThat(st.net(VppSettlement.aggregator("south"))).isZero();
    }

    @Test
    void aPenaltyPriceAndNoMeteringChangeWhatIsSettled() {
        RunResult penalty = run(example().replace(DEMAND, DEMAND + "\n  penalty: 0.5"));
        // north: 0.25 + 0.15 - 0.4 x 0.5 - 0.16 = 0.04
        assertThat(change(penalty, settle(penalty), Actor.peer("bat-n"))).isEqualTo(2);
        String yaml = example();
        RunResult unmetered = run(yaml.substring(0, yaml.indexOf("metering:")));
        Balancing.Result r = balancing(unmetered);
        assertThat(r.settledOn()).containsEntry("north", "activated");
        // north on the activated volume: 0.25 + 0.25 - 0.16 = 0.34
        assertThat(change(unmetered, settle(unmetered), Actor.peer("home-n"))).isEqualTo(17);
    }

    @Test
    void writesBalancingCsvTheSummaryAndTheReportLine(@TempDir Path dir) throws Exception {
        ResultsWriter.write(Runner.run(Examples.load("vpp-balancing").orElseThrow()), dir);
        assertThat(Files.readAllLines(dir.resolve("balancing.csv"))).hasSize(1 + 4 * 2 * 2)
                .contains("2,north,up,1.6@0.25,1.6,1,0.6,0.6,0.4,0.25,0.15,0.10")
                .contains("2,south,up,2@0.22 2@0.3,4,2,,2,0,0.25,0.50,0.00");
        assertThat(dir.resolve("vpp.csv")).doesNotExist();
        var vpp = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("vpp");
        assertThat(vpp.get("mode").asText()).isEqualTo("balancing");
        assertThat(vpp.get("gain").asText()).isEqualTo("0.16");
        assertThat(vpp.get("aggregators").get(0).get("penalty").asText()).isEqualTo("0.10");
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("csv|balancing.csv|penalty|period=2|community=north|direction=up");
    }
}
