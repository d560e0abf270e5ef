package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peermarket.model.ScenarioParserTest.problems;
import static org.peermarket.model.ScenarioParserTest.yaml;

import org.junit.jupiter.api.Test;

/** The documented limits of docs/scenario-format.md#limits: every number beyond them is refused. */
class ScaleLimitsTest {

    @Test
    void hugePeerNumbersAreAllListedWithTheirUnits() {
        String text = """
                name: x
                periods: 2
                peers:
                  - {id: s, pmin: 0, pmax: 1e300, cost: {a: 2e12, b: 1e300, d: 1e13}}
                  - {id: c, pmin: [-1, -5e6], pmax: 0, cost: {b: [-2e6, 0.3]}, prefs: {s: 1e7}}
                """;
        assertThat(problems(text)).containsExactly(
                "peers[0].cost.a = 2.0E12: must be <= 1e12 (EUR/kWh\u00b2)",
                "peers[0].cost.b = 1.0E300: must be <= 1e6 (EUR/kWh)",
                "peers[0].cost.d = 1.0E13: must be <= 1e12 (EUR)",
                "peers[0].pmax = 1.0E300: must be <= 1e6 (kWh)",
                "peers[1].cost.b[0] = -2000000.0: must be >= -1e6 (EUR/kWh)",
                "peers[1].pmin[1] = -5000000.0: must be >= -1e6 (kWh)",
                "peers[1].prefs.s = 1.0E7: must be <= 1e6 (EUR/kWh)");
    }

    @Test
    void jsonIsCheckedTheSameWay() {
        String json = "{\"name\": \"x\", \"peers\": [{\"id\": \"a\", \"pmin\": 0, \"pmax\": 1e300},"
                + " {\"id\": \"b\", \"pmin\": -1, \"pmax\": 0, \"cost\": {\"b\": 1e300}}]}";
        assertThat(problems(json, true)).containsExactly(
                "peers[0].pmax = 1.0E300: must be <= 1e6 (kWh)",
                "peers[1].cost.b = 1.0E300: must be <= 1e6 (EUR/kWh)");
    }

    @Test
    void limitsAreInTheFilesOwnUnits() {
        String text = """
                name: x
                units: {energy: MWh, currency: USD}
                peers:
                  - {id: s, pmin: 0, pmax: 1000001, cost: {a: 1e7, b: 1e6}}
                  - {id: c, pmin: -1e6, pmax: 0}
                """;
        assertThat(problems(text)).containsExactly("peers[0].pmax = 1000001: must be <= 1e6 (MWh)");
    }

    @Test
    void valuesAtTheLimitsAreAccepted() {
        Scenario s = yaml("""
                name: x
                peers:
                  - {id: s, pmin: 0, pmax: 1e6, cost: {a: 1e12, b: -1e6, d: -1e12}}
                  - {id: c, pmin: -1e6, pmax: 0, cost: {b: 1e6}, prefs: {s: 1e6}}
                """);
        assertThat(s.peers().get(0).pmax().at(0)).isEqualTo(1e6);
        assertThat(s.peers().get(1).cost().b().at(0)).isEqualTo(1e6);
    }

    @Test
    void ordersMarketOptionsAndTariffsHaveLimitsToo() {
        String auction = """
                name: x
                market: {type: auction}
                peers: [{id: a}, {id: b}]
                orders:
                  - {peer: a, side: sell, quantity: 2e6, price: 0.1, time: 2e9}
                  - {peer: b, side: buy, quantity: 1, price: -3e6}
                """;
        assertThat(problems(auction)).containsExactly(
                "orders[0].time = 2.0E9: must be <= 1e9",
                "orders[0].quantity = 2000000.0: must be <= 1e6 (kWh)",
                "orders[1].price = -3000000.0: must be >= -1e6 (EUR/kWh)");
        String admm = """
                name: x
                market: {type: p2p, solver: admm, rho: 1e13, primal_tolerance: 1e7}
                tariff: {retail: [0.25, 1e300], feed_in: 0.05}
                peers:
                  - {id: s, pmin: 0, pmax: 1}
                  - {id: c, pmin: -1, pmax: 0}
                """;
        assertThat(problems(admm.replace("tariff: {retail: [0.25, 1e300]", "periods: 2\ntariff: {retail: [0.25, 1e300]")))
                .containsExactly(
                        "market.rho = 1.0E13: must be <= 1e12 (EUR/kWh\u00b2)",
                        "market.primal_tolerance = 1.0E7: must be <= 1e6 (kWh)",
                        "tariff.retail[1] = 1.0E300: must be <= 1e6 (EUR/kWh)");
    }
}
