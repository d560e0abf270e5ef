package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Mechanism;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.Examples;

/**
 * The one registry and the one pipeline: every market design of the README's table is one registry entry, and each
 * runs through the same phases; the phases a scenario has follow from its keys (docs/pipeline.md).
 */
class PipelineTest {
    /** The README's table of market designs, one row per type/solver. */
    static final List<String> DESIGNS = List.of("p2p/central", "p2p/admm", "auction/uniform", "auction/pay-as-bid",
            "auction/mcafee", "cda/book", "community/central", "hybrid/joint", "hybrid/decomposed", "heat/p2p",
            "heat/community", "heat/joint");

    @Test
    void theRegistryHasOneEntryPerTypeAndSolver() {
        assertThat(List.copyOf(Mechanisms.names())).containsExactlyInAnyOrderElementsOf(DESIGNS);
        for (String key : DESIGNS) {
            String[] part = key.split("/");
            assertThat(Mechanisms.lookup(part[0], part[1])).as(key).get().extracting(Mechanism::name).isEqualTo(key);
        }
    }

    static List<String> designs() {
        return DESIGNS;
    }

    /** Each design on a small built-in example: the same three phases, a result every period, its own name. */
    @ParameterizedTest
    @MethodSource("designs")
    void everyDesignRunsThroughTheSamePipeline(String key) throws Exception {
        Scenario s = tiny(key);
        Pipeline p = Pipeline.of(s);
        assertThat(p.phases()).containsExactly(Phase.CLEARING, Phase.SETTLEMENT, Phase.REPORT);
        RunResult r = p.run();
        assertThat(r.mechanism()).isEqualTo(key);
        assertThat(r.periods()).hasSize(s.periods());
        for (ClearingResult c : r.periods()) {
            assertThat(c.hasResult()).as(key + ": " + c.cause()).isTrue();
            if (!key.startsWith("community") && !key.startsWith("hybrid") && !key.startsWith("heat")) {
                // a closed market: what is sold is bought (ADMM to its tolerance)
                assertThat(Arrays.stream(c.p()).sum()).as(key).isCloseTo(0, within(1e-3));
            }
        }
    }

    /** A built-in example of the design's type with its market line set to the design (heat alone: two nodes). */
    static Scenario tiny(String key) throws Exception {
        String[] part = key.split("/");
        if (key.equals("heat/p2p") || key.equals("heat/community")) {
            return ScenarioParser.parse(HEAT_ALONE.formatted(part[1]), "two-nodes.yaml", false);
        }
        String example = switch (part[0]) {
            case "p2p", "auction" -> "five-peers";
            case "cda" -> "cda-street";
            case "community" -> "community-basic";
            case "hybrid" -> "hybrid-nested";
            default -> "heat-nordhavn";
        };
        String market = switch (part[0]) {
            case "auction" -> "market: {type: auction, pricing: " + part[1] + "}";
            case "cda" -> "market: {type: cda, gate: 50}";
            default -> "market: {type: " + part[0] + ", solver: " + part[1] + "}";
        };
        String text = example(example).replaceFirst("(?m)^market: .*$", market);
        return ScenarioParser.parse(text, example + ".yaml", false);
    }

    /** HeatMarketTest's two nodes: a plant at a, flats at b, one pipe a -> b. */
    private static final String HEAT_ALONE = """
            name: two-nodes
            market: {type: heat, solver: %s}
            heat:
              nodes: [a, b]
              pipes: [{id: ab, from: a, to: b, capacity: 100, loss: 0}]
              peers:
                - {id: plant, node: a, cost: {a: 0.01, b: 0.02}, hmin: 0, hmax: 100}
                - {id: flats, node: b, cost: {a: 0.02, b: 0.2}, hmin: -50, hmax: 0}
            """;

    static String example(String name) throws Exception {
        try (InputStream in = Examples.class.getResourceAsStream("examples/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void plainP2pClearsAndSettles() throws Exception {
        assertThat(Pipeline.of(tiny("p2p/central")).phases())
                .containsExactly(Phase.CLEARING, Phase.SETTLEMENT, Phase.REPORT);
    }

    /**
     * An auction under the DSO's block policy on SequentialTest's 4-bus chain, then the grid check and the LFM.
     * Solved by hand there: pv sells its 3 MWh to flat (here at the auction's uniform price), branch 3-4 carries
     * 3 MW against its rating 2, and the LFM buys 1 MW of pv's down bid (8 EUR/MWh) and 1 MW of the slack's up bid
     * (45): cost 53. No line is at risk on the base flows (none), so block refuses nothing.
     */
    @Test
    void anAuctionWithTheGridAndTheLfm(@TempDir Path dir) throws Exception {
        String text = SequentialTest.scenario(SequentialTest.chain(dir),
                "market: {type: auction, pricing: uniform}\ndso: {policy: block, theta: 0.8}\n");
        Pipeline p = Pipeline.of(ScenarioParser.parse(text, "chain.yaml", false));
        assertThat(p.phases()).containsExactly(Phase.DSO, Phase.CLEARING, Phase.GRID_CHECK, Phase.LFM,
                Phase.SETTLEMENT, Phase.REPORT);
        RunResult r = p.run();
        assertThat(r.mechanism()).isEqualTo("auction/uniform");
        assertThat(r.tradedVolumeKwh()).isCloseTo(3000, within(1e-6));
        assertThat(r.grid()).isPresent();
        assertThat(r.study().orElseThrow().lfm().get(0).lfm().cost()).isCloseTo(53, within(1e-9));
    }

    /** The VPP example: a community whose PV owner has a battery, its flexibility sold by the manager. */
    @Test
    void aCommunityWithStorageAndAVpp() {
        Scenario s = Examples.load("vpp-community").orElseThrow();
        assertThat(s.hasStorage()).isTrue();
        Pipeline p = Pipeline.of(s);
        assertThat(p.phases()).containsExactly(Phase.CLEARING, Phase.SETTLEMENT, Phase.VPP, Phase.REPORT);
        assertThat(p.has(Phase.DSO)).isFalse();
        assertThat(p.run().horizon()).isPresent();
    }

    /**
     * p2p/central with storage clears the horizon inside the registered mechanism. By hand: pv can produce 2 kWh
     * only in period 1 and the flat needs 2 kWh only in period 2, so the only feasible outcome stores the 2 kWh:
     * charged in period 1, discharged and sold to the flat in period 2.
     */
    @Test
    void storageMakesTheCentralP2pMarketClearTheHorizon() {
        Scenario s = ScenarioParser.parse(STORED_SALE, "stored.yaml", false);
        assertThat(Mechanisms.lookup("p2p", "central").orElseThrow().couplesPeriods(s)).isTrue();
        assertThat(Mechanisms.lookup("p2p", "central").orElseThrow().couplesPeriods(tiny5())).isFalse();
        RunResult r = Pipeline.of(s).run();
        assertThat(r.status().hasResult()).as(r.cause()).isTrue();
        assertThat(r.mechanism()).isEqualTo("p2p/central");
        assertThat(r.periods().get(0).tradedVolume()).isCloseTo(0, within(1e-6));
        assertThat(r.periods().get(1).tradedVolume()).isCloseTo(2, within(1e-6));
        var steps = r.horizon().orElseThrow().storage();
        assertThat(steps.get(0).charge()).isCloseTo(2, within(1e-6));
        assertThat(steps.get(1).discharge()).isCloseTo(2, within(1e-6));
    }

    private static final String STORED_SALE = """
            name: stored-sale
            periods: 2
            units: {energy: kWh, currency: EUR}
            market: {type: p2p, solver: central}
            peers:
              - id: pv
                cost: {b: 0.01}
                pmin: 0
                pmax: [2, 0]
                storage: {capacity: 2, charge_max: 2, discharge_max: 2, eta_charge: 1, eta_discharge: 1, soc_initial: 0, soc_final: 0}
              - id: flat
                pmin: [0, -2]
                pmax: [0, -2]
            """;

    private static Scenario tiny5() {
        return Examples.load("five-peers").orElseThrow();
    }

    /**
     * A DSO policy shapes a market whose periods clear as one program (docs/combinations.md): a unique charge on a
     * community is paid to the DSO on every member's legs. An auction refuses a charge: its orders state their prices.
     */
    @Test
    void aDsoPolicyShapesACommunityAndIsRefusedByAnAuctionForItsReason() throws Exception {
        String charge = "dso: {policy: charge, charge: {type: unique, fee: 0.01}}\n";
        Scenario s = ScenarioParser.parse(example("community-basic") + charge, "c.yaml", false);
        assertThat(Pipeline.of(s).phases()).startsWith(Phase.DSO, Phase.CLEARING);
        RunResult run = Pipeline.of(s).run();
        double charged = run.horizon().orElseThrow().members().stream()
                .mapToDouble(m -> m.gridCharge()).sum();
        // every kWh a member moves over a leg pays the fee: half on each pool leg, whole on imports and exports
        double expected = run.horizon().orElseThrow().members().stream()
                .mapToDouble(m -> 0.01 * (Math.abs(m.q()) / 2 + m.alpha() + m.beta())).sum();
        assertThat(charged).isPositive().isCloseTo(expected, within(1e-9));

        Scenario auction = ScenarioParser.parse(example("auction-five-peers") + charge, "a.yaml", false);
        assertThatThrownBy(() -> Pipeline.of(auction).run()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("dso.policy").hasMessageContaining("charge")
                .hasMessageContaining("matches orders at the prices they state");
    }

    /** run --ledger: the ledger is written after the money phases, before the report; a study draw keeps its two. */
    @Test
    void theLedgerPhaseComesBeforeTheReport() {
        Scenario s = Examples.load("community-sharing").orElseThrow();
        List<Phase> p = Pipeline.of(s).withLedger().phases();
        assertThat(p).endsWith(Phase.LEDGER, Phase.REPORT);
        assertThat(p.subList(0, p.size() - 2)).isEqualTo(Pipeline.of(s).phases().subList(0, p.size() - 2));
        assertThat(Pipeline.of(Examples.load("euniversal-case69").orElseThrow()).withLedger().phases())
                .containsExactly(Phase.STUDY, Phase.REPORT);
    }

    /**
     * The money phases run as the scenario names them: a community with a tariff and a sharing rule is settled,
     * its gain shared against the stand-alone baseline; a plain P2P market is settled and nothing is added to it.
     */
    @Test
    void theMoneyPhasesRunAsTheScenarioNamesThem() {
        Scenario shared = Examples.load("community-sharing").orElseThrow();
        assertThat(Pipeline.of(shared).phases()).containsSubsequence(Phase.SETTLEMENT, Phase.SHARING, Phase.REPORT);
        Settled money = Pipeline.of(shared).settle(Pipeline.of(shared).run());
        assertThat(money.baseline()).isPresent();
        assertThat(money.sharing()).get().extracting(x -> x.chosen()).isEqualTo("shapley");
        assertThat(money.settlement().systemTotal()).isZero();

        Scenario plain = tiny5();
        assertThat(Pipeline.of(plain).phases()).doesNotContain(Phase.SHARING, Phase.VPP);
        Settled p = Pipeline.of(plain).settle(Pipeline.of(plain).run());
        assertThat(p.sharing()).isEmpty();
        assertThat(p.vpp()).isEmpty();
        assertThat(p.metering()).isEmpty();
        assertThat(p.settlement()).isEqualTo(p.market());
    }

    @Test
    void anAuctionComparedWithCentralClearing() {
        assertThat(Pipeline.of(Examples.load("auction-five-peers").orElseThrow()).phases())
                .containsExactly(Phase.CLEARING, Phase.COMPARISON, Phase.SETTLEMENT, Phase.REPORT);
    }

    @Test
    void aStudyDrawIsOneStudyPhase() {
        assertThat(Pipeline.of(Examples.load("euniversal-case69").orElseThrow()).phases())
                .containsExactly(Phase.STUDY, Phase.REPORT);
    }
}
