package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.Status;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;
import org.peermarket.study.report.ResultsWriter;

/**
 * study: {steps: [p2p, lfm]} on the 4-bus chain 1 - 2 - 3 - 4 (slack 1) of the lfm command's test, with no base
 * load (grid.base: none). Solved by hand: pv at bus 4 (cost 10 EUR/MWh, up to 3) sells 3 MWh to flat at the slack
 * (pays up to 50): every branch carries 3 MW toward the slack; branch 3 (3-4) is rated 2, 1 MW over. The LFM:
 * pv's up bid is used up by its sale (3 - 3 = 0 left); 1 MW of pv's down bid (8 EUR/MWh) relieves branch 3 and
 * 1 MW of the slack's up bid (45) balances it: cost 53.
 */
public class SequentialTest {
    public static String scenario(Path caseFile, String extra) {
        return """
                name: chain-p2p-lfm
                units: {energy: MWh, currency: EUR}
                grid: {case: %s, base: none, ratings: {rule: explicit, branches: {1: 10, 2: 10, 3: 2}}}
                peers:
                  - {id: pv, bus: 4, cost: {a: 0, b: 10}, pmin: 0, pmax: 3}
                  - {id: flat, bus: 1, cost: {a: 0, b: 50}, pmin: -3, pmax: 0}
                study: {steps: [p2p, lfm]}
                flexibility:
                  bids:
                    - {id: pv-up, bus: 4, direction: up, quantity: 3, price: 40, peer: pv}
                    - {id: pv-down, bus: 4, direction: down, quantity: 3, price: 8, peer: pv}
                    - {id: slack-up, bus: 1, direction: up, quantity: 5, price: 45}
                %s""".formatted(caseFile.toString().replace("\\", "/"), extra);
    }

    public static Path chain(Path dir) throws Exception {
        return Files.writeString(dir.resolve("chain.m"), org.peermarket.study.pipeline.LfmChain.CHAIN);
    }

    @Test
    void p2pThenLfmWithWhatIsLeft(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioParser.parse(scenario(chain(dir), ""), "chain.yaml", false);
        RunResult run = Runner.run(s);
        assertThat(run.status()).as(run.cause()).isEqualTo(Status.OPTIMAL);
        assertThat(run.periods().get(0).tradedVolume()).isCloseTo(3000, within(1e-6));
        StudyResults.LfmPeriod p = run.study().orElseThrow().lfm().get(0);
        assertThat(p.bids()).extracting(FlexBid::quantityMw).containsExactly(0.0, 3.0, 5.0);
        assertThat(p.lfm().status()).isEqualTo(Status.OPTIMAL);
        assertThat(p.lfm().acceptedMw()).containsExactly(new double[] {0, 1, 1}, within(1e-9));
        assertThat(p.lfm().cost()).isCloseTo(53, within(1e-9));
        assertThat(p.lfm().congestedBefore()).containsExactly(2);
        ResultsWriter.write(run, dir.resolve("out"));
        assertThat(Files.readAllLines(dir.resolve("out/lfm.csv"))).contains("1,pv-down,4,down,3.0,1.0,8.0");
    }

    @Test
    void anAuctionIsFollowedByTheLfmToo(@TempDir Path dir) throws Exception {
        // the uniform-price auction on the costs trades the same 3 MWh from pv to flat, so the LFM is the same
        String text = scenario(chain(dir), "market: {type: auction, pricing: uniform}\n");
        RunResult run = Runner.run(ScenarioParser.parse(text, "chain.yaml", false));
        assertThat(run.tradedVolumeKwh()).isCloseTo(3000, within(1e-6));
        StudyResults.LfmPeriod p = run.study().orElseThrow().lfm().get(0);
        assertThat(p.lfm().cost()).isCloseTo(53, within(1e-9));
    }

    @Test
    void withoutUnmetBidsPeersLeaveTheLfm(@TempDir Path dir) throws Exception {
        String text = scenario(chain(dir), "").replace("study: {steps: [p2p, lfm]}",
                "study: {steps: [p2p, lfm], unmet_as_bids: false}");
        RunResult run = Runner.run(ScenarioParser.parse(text, "chain.yaml", false));
        StudyResults.LfmPeriod p = run.study().orElseThrow().lfm().get(0);
        // only the slack's up bid is left, which cannot touch branch 3: infeasible, 1 MW over at best
        assertThat(p.bids()).hasSize(1);
        assertThat(p.lfm().status()).isEqualTo(Status.INFEASIBLE);
        assertThat(p.lfm().leastOverflowMw()).isCloseTo(1, within(1e-9));
    }

    @Test
    void blockPolicyKeepsTheTradeOffTheAtRiskLine(@TempDir Path dir) throws Exception {
        // with the flows of the base (none) no line is loaded, so nothing is at risk and the trade goes ahead;
        // a policy that needs a grid is refused without one
        Scenario s = ScenarioParser.parse(scenario(chain(dir), "dso: {policy: block, theta: 0.8}\n"), "c.yaml", false);
        assertThat(Runner.run(s).periods().get(0).tradedVolume()).isCloseTo(3000, within(1e-6));
        String noGrid = Examples.text("five-peers").orElseThrow() + "dso: {policy: block}\n";
        assertThatThrownBy(() -> ScenarioParser.parse(noGrid, "x.yaml", false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("dso.policy");
        String badKey = Examples.text("five-peers").orElseThrow() + "dso: {policy: charge, charge: {type: flat, fee: 1}}\n";
        assertThatThrownBy(() -> ScenarioParser.parse(badKey, "x.yaml", false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("dso.charge.type");
    }

    @Test
    void constrainedPolicyStopsTheTradeAtTheRating(@TempDir Path dir) throws Exception {
        // line limits inside the clearing: branch 3 rated 2, so pv sells 2; its congestion component is
        // 10 - 50 = -40 EUR/MWh (the flat's price 50 at the slack has none)
        Scenario s = ScenarioParser.parse(scenario(chain(dir), "dso: {policy: constrained}\n")
                .replace("study: {steps: [p2p, lfm]}\n", "").replaceAll("(?s)flexibility:.*?(?=dso:)", ""),
                "c.yaml", false);
        RunResult run = Runner.run(s);
        assertThat(run.status()).as(run.cause()).isEqualTo(Status.OPTIMAL);
        assertThat(run.periods().get(0).p()[0]).isCloseTo(2000, within(1e-6));
        assertThat(run.grid().orElseThrow().periods().get(0).check().kpis().congestedLines()).isEqualTo(1);
        assertThat(run.grid().orElseThrow().periods().get(0).check().kpis().overflowSumMw()).isCloseTo(0, within(1e-9));
        StudyResults.Congestion c = run.study().orElseThrow().congestion().get(0);
        assertThat(c.congestion()[0] * 1000).isCloseTo(-40, within(1e-6));
        assertThat(c.congestion()[1]).isCloseTo(0, within(1e-9));
        assertThat(c.lineDual()[2]).isCloseTo(40, within(1e-6));
        ResultsWriter.write(run, dir.resolve("out"));
        List<String> rows = Files.readAllLines(dir.resolve("out/congestion.csv"));
        assertThat(rows.get(0)).isEqualTo("period,peer,mu,congestion,nodal_price");
        String[] pv = rows.get(1).split(",");
        assertThat(Double.parseDouble(pv[2])).isCloseTo(50, within(1e-6));
        assertThat(Double.parseDouble(pv[3])).isCloseTo(-40, within(1e-6));
        assertThat(Double.parseDouble(pv[4])).isCloseTo(10, within(1e-6));
    }

    @Test
    void badBidBusOrPeerIsBadInput(@TempDir Path dir) throws Exception {
        String text = scenario(chain(dir), "").replace("bus: 1, direction: up, quantity: 5", "bus: 9, direction: up, quantity: 5")
                .replace("price: 40, peer: pv}", "price: 40, peer: nobody}");
        Scenario s = ScenarioParser.parse(text, "c.yaml", false);
        assertThatThrownBy(() -> Runner.run(s)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("flexibility.bids[2].bus = 9").hasMessageContaining("flexibility.bids[0].peer = nobody");
    }

    /** The chain with 2 MW taken at bus 4: every branch carries 2 MW away from the slack. */
    static String loadedChain() {
        return LfmChain.CHAIN.replace("4 1 0 0 0 0 1 1 0 12.66", "4 1 2 0 0 0 1 1 0 12.66");
    }

    @Test
    void blockRefusesTheTradeThatLoadsTheAtRiskLineInBothMarketKinds(@TempDir Path dir) throws Exception {
        // branch 3 rated 2.2: occupancy 0.91 >= 0.8, at risk. Selling from the slack (bus 1) to bus 4 loads it
        // further: blocked, so nothing trades; without the policy 3 MWh would.
        Path c = Files.writeString(dir.resolve("loaded.m"), loadedChain());
        String base = """
                name: loaded
                units: {energy: MWh, currency: EUR}
                grid: {case: %s, ratings: {rule: explicit, branches: {1: 10, 2: 10, 3: 2.2}}}
                peers:
                  - {id: gen, bus: 1, cost: {a: 0, b: 10}, pmin: 0, pmax: 3}
                  - {id: load, bus: 4, cost: {a: 0, b: 50}, pmin: -3, pmax: 0}
                """.formatted(c.toString().replace("\\", "/"));
        assertThat(Runner.run(ScenarioParser.parse(base, "l.yaml", false)).tradedVolumeKwh()).isCloseTo(3000, within(1e-6));
        String blocked = base + "dso: {policy: block, theta: 0.8}\n";
        assertThat(Runner.run(ScenarioParser.parse(blocked, "l.yaml", false)).tradedVolumeKwh()).isZero();
        RunResult auction = Runner.run(ScenarioParser.parse(blocked + "market: {type: auction, pricing: uniform}\n",
                "l.yaml", false));
        assertThat(auction.tradedVolumeKwh()).isZero();
        assertThat(auction.auctions().get(0).rejected()).isNotEmpty()
                .allMatch(r -> r.reason().contains("blocked by the DSO"));
    }
}
