package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The heat key: conversion to kWh per period and every error with its field path and value. */
class HeatSectionTest {
    private static final String JOINT = """
            name: h
            period_hours: 0.5
            units: {energy: MWh}
            market: {type: heat, solver: joint}
            peers:
              - {id: owner, pmin: 0, pmax: 0}
            heat:
              nodes: [plant, town]
              pipes: [{id: main, from: plant, to: town, capacity: 8, loss: 0.05}]
              peers:
                - {id: flats, node: town, cost: {a: 2, b: 60}, hmin: -3, hmax: 0, prefs: {boiler: 1}}
                - {id: boiler, node: plant, cost: {b: 40}, hmin: 0, hmax: 5}
              heat_pumps: [{id: hp, peer: owner, node: town, cop: 3.5, heat_max: 2}]
              chps: [{id: chp, peer: owner, node: plant, ratio: 0.8, efficiency: 0.85, fuel_cost: 30, heat_max: 4}]
            """;

    @Test
    void readsTheNetworkInKwhPerPeriod() {
        HeatSpec h = ScenarioParserTest.yaml(JOINT).heat().orElseThrow();
        assertThat(h.nodes()).containsExactly("plant", "town");
        // 8 MW for half an hour: 4 MWh = 4000 kWh per period
        assertThat(h.pipes().get(0).capacity()).isCloseTo(4000, within(1e-9));
        assertThat(h.pipes().get(0).loss()).isEqualTo(0.05);
        HeatSpec.HeatPeer flats = h.peers().get(0);
        assertThat(flats.hmin().at(0)).isCloseTo(-3000, within(1e-9));
        assertThat(flats.cost().a().at(0)).isCloseTo(2e-6, within(1e-18));
        assertThat(flats.cost().b().at(0)).isCloseTo(0.06, within(1e-15));
        assertThat(flats.pref("boiler")).isCloseTo(0.001, within(1e-15));
        assertThat(h.heatPumps().get(0).heatMax()).isCloseTo(1000, within(1e-9));
        HeatSpec.Chp chp = h.chps().get(0);
        assertThat(chp.heatMax()).isCloseTo(2000, within(1e-9));
        assertThat(chp.costPerHeat()).isCloseTo(0.03 * 1.8 / 0.85, within(1e-15));
    }

    @Test
    void namesEveryBadFieldWithItsValue() {
        String bad = JOINT.replace("to: town, capacity: 8, loss: 0.05", "to: harbour, capacity: 0, loss: 1")
                .replace("cop: 3.5", "cop: 0").replace("peer: owner, node: plant", "peer: nobody, node: plant")
                .replace("efficiency: 0.85", "efficiency: 1.2").replace("hmin: 0, hmax: 5", "hmin: 6, hmax: 5");
        assertThat(ScenarioParserTest.problems(bad)).containsExactlyInAnyOrder(
                "heat.pipes[0].to = \"harbour\": names unknown node 'harbour'; heat.nodes lists [plant, town]",
                "heat.pipes[0].capacity = 0: must be > 0",
                "heat.pipes[0].loss = 1: must be in [0, 1): the fraction of the inflow lost",
                "heat.peers[1].hmin = 6: must be <= hmax = 5",
                "heat.heat_pumps[0].cop = 0: must be > 0",
                "heat.chps[0].peer = \"nobody\": names unknown peer 'nobody': the owner must be one of peers",
                "heat.chps[0].efficiency = 1.2: must be in (0, 1]: heat and electricity out per fuel in");
    }

    @Test
    void coupledAssetsNeedTheJointMarketAndItsPeers() {
        String alone = JOINT.replace("solver: joint", "solver: community");
        assertThat(ScenarioParserTest.problems(alone)).contains(
                "peers: electricity peers need market.solver joint; a heat market on its own has only heat.peers",
                "heat.heat_pumps[0]: a coupled asset links heat to electricity: it needs market.solver joint",
                "heat.chps[0]: a coupled asset links heat to electricity: it needs market.solver joint");
    }

    @Test
    void aLoopOfPipesIsRefusedByTheP2PMarketOnly() {
        String loop = """
                name: loop
                market: {type: heat, solver: SOLVER}
                heat:
                  nodes: [a, b, c]
                  pipes:
                    - {id: ab, from: a, to: b, capacity: 5}
                    - {id: bc, from: b, to: c, capacity: 5}
                    - {id: ac, from: a, to: c, capacity: 5}
                  peers: [{id: x, node: a, hmin: 0, hmax: 1}]
                """;
        assertThat(ScenarioParserTest.problems(loop.replace("SOLVER", "p2p"))).singleElement().asString()
                .startsWith("heat.pipes[2] = \"ac\": closes a loop (a and c are already connected)");
        assertThat(ScenarioParserTest.yaml(loop.replace("SOLVER", "community")).heat()).isPresent();
    }

    @Test
    void aHeatKeyNeedsAHeatMarketAndAHeatMarketNeedsOne() {
        assertThat(ScenarioParserTest.problems(JOINT.replace("type: heat, solver: joint", "type: p2p")))
                .contains("heat: needs market.type heat (market.type is p2p)");
        assertThat(ScenarioParserTest.problems("name: x\nmarket: {type: heat}\n"))
                .containsExactly("heat: is required by market.type heat: list the network and its peers");
    }
}
