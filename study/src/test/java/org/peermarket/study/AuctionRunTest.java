package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.market.Trade;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.report.ResultsWriter;

class AuctionRunTest {

    static Scenario yaml(String text) {
        return ScenarioParser.parse(text, "t.yaml", false);
    }

    // Two sellers and two buyers without preferences: central clearing is the competitive
    // equilibrium, and a uniform auction of fine enough steps must come close to its welfare
    // and price (an independent optimisation, not the auction's own arithmetic).
    private static final String MARKET = """
            name: four
            market: {type: auction, pricing: uniform, steps: STEPS, compare: true}
            peers:
              - {id: s1, cost: {a: 0.02, b: 0.05}, pmin: 0, pmax: 8}
              - {id: s2, cost: {a: 0.04, b: 0.08}, pmin: 0, pmax: 6}
              - {id: b1, cost: {a: 0.03, b: 0.30}, pmin: -7, pmax: 0}
              - {id: b2, cost: {a: 0.05, b: 0.25}, pmin: -5, pmax: 0}
            """;

    @Test
    void fineStepsApproachTheCentralOptimum() {
        RunResult coarse = Runner.run(yaml(MARKET.replace("STEPS", "4")));
        RunResult fine = Runner.run(yaml(MARKET.replace("STEPS", "400")));
        for (RunResult r : List.of(coarse, fine)) {
            // the central optimum is the best any clearing can do
            assertThat(r.comparison().welfareGap()).isGreaterThanOrEqualTo(-1e-9);
        }
        assertThat(fine.comparison().welfareGap()).isLessThan(coarse.comparison().welfareGap());
        assertThat(fine.comparison().welfareGap()).isLessThan(1e-4 * fine.comparison().centralWelfare());
        assertThat(fine.comparison().priceGap()).isCloseTo(0, within(1e-3));
        assertThat(fine.tradedVolumeKwh()).isCloseTo(coarse.tradedVolumeKwh(), within(1.0));
    }

    // cda-street, by hand (the example's comments): 2 pv-roof -> flat-a @0.10; 1 pv-roof ->
    // flat-b @0.09; the FOK for 5 is killed (3 on offer); the FAK takes 1 pv-roof @0.10 and
    // 2 battery @0.13 (the modified ask); 1 battery -> flat-b @0.09; the late order is rejected.
    @Test
    void cdaStreetTradesAsWorkedOutByHand() {
        RunResult r = Runner.run(Examples.load("cda-street").orElseThrow());
        assertThat(r.periods().get(0).trades()).containsExactly(
                new Trade(0, 2, 2, 0.10, 0), new Trade(0, 3, 1, 0.09, 0), new Trade(0, 4, 1, 0.10, 0),
                new Trade(1, 4, 2, 0.13, 0), new Trade(1, 3, 1, 0.09, 0));
        assertThat(r.auctions().get(0).rejected()).hasSize(2);
        // declared welfare: 2 (0.12 - 0.10) + 0 + 1 (0.15 - 0.10) + 2 (0.15 - 0.13) + 1 (0.09 - 0.08)
        assertThat(-r.objective()).isCloseTo(0.14, within(1e-12));
    }

    @Test
    void refusedMatchesGoToRejectedCsv(@TempDir Path dir) throws Exception {
        Scenario s = yaml("""
                name: hook
                units: {energy: MWh}
                market: {type: auction}
                peers: [{id: pv}, {id: flat}, {id: shop}]
                orders:
                  - {peer: pv, side: sell, quantity: 2, price: 30}
                  - {peer: flat, side: buy, quantity: 1, price: 50}
                  - {peer: shop, side: buy, quantity: 1, price: 40}
                """);
        // the rule refuses every sale to flat: that match is reported, not made
        RunResult r = Runner.runAuction(s, (seller, buyer, q) -> buyer == 1 ? "feeder 2 overloaded" : null);
        ResultsWriter.write(r, dir);
        assertThat(Files.readAllLines(dir.resolve(ResultsWriter.REJECTED))).containsExactly(
                "period,seller,buyer,quantity,price,reason",
                "1,pv,flat,1,35,feeder 2 overloaded");
        // the price is set before the rule is asked: Q = 2, marginal bid 40 and ask 30, nothing
        // beyond (interval [30, 40]), so k = 0.5 gives 35
        assertThat(Files.readAllLines(dir.resolve(ResultsWriter.TRADES))).containsExactly(
                "period,seller,buyer,quantity,price,charge",
                "1,pv,shop,1,35,0");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("cleared");
        assertThat(summary.get("by_period").get(0).get("clearing_price").asDouble()).isEqualTo(35.0);
        assertThat(summary.get("by_period").get(0).get("rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("traded_volume").asDouble()).isEqualTo(1.0);
    }
}
