package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {

    private static final String GOOD = """
            name: t
            periods: 2
            units: {energy: MWh, currency: EUR}
            market: {type: p2p, solver: central}
            peers:
              - id: g
                bus: 3
                cost: {a: 0.1, b: [20, 30], d: 5}
                pmin: 0
                pmax: [10, 12]
                prefs: {c: 1.5}
              - id: c
                cost: {a: 0.2, b: 80}
                pmin: -8
                pmax: 0
                partners: [g]
            """;

    static Scenario yaml(String text) {
        return ScenarioParser.parse(text, "test.yaml", false);
    }

    static List<String> problems(String text, boolean json) {
        try {
            ScenarioParser.parse(text, json ? "test.json" : "test.yaml", json);
        } catch (ValidationException e) {
            // line numbers are checked in their own test
            return e.problems().stream().map(p -> p.atLine(0).toString()).toList();
        }
        throw new AssertionError("expected a validation error for:\n" + text);
    }

    static List<String> problems(String text) {
        return problems(text, false);
    }

    @Test
    void readsEveryFieldAndConvertsMwhToKwh() {
        Scenario s = yaml(GOOD);
        assertThat(s.name()).isEqualTo("t");
        assertThat(s.periods()).isEqualTo(2);
        assertThat(s.periodHours()).isEqualTo(1.0);
        assertThat(s.units()).isEqualTo(new Units(EnergyUnit.MWH, "EUR"));
        Peer g = s.peers().get(0);
        assertThat(g.bus()).hasValue(3);
        // a: EUR/MWh^2 -> EUR/kWh^2 is / 1e6; b: EUR/MWh -> EUR/kWh is / 1e3; quantities * 1e3
        assertThat(g.cost().a().at(0)).isCloseTo(0.1e-6, org.assertj.core.data.Offset.offset(1e-20));
        assertThat(g.cost().b().at(1)).isCloseTo(0.030, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(g.cost().d()).isEqualTo(5.0);
        assertThat(g.pmax().at(1)).isEqualTo(12000.0);
        assertThat(g.pref("c")).isCloseTo(0.0015, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(s.peers().get(1).partners()).contains(List.of("g"));
        assertThat(s.mayTrade(0, 1)).isTrue();
    }

    @Test
    void jsonAndYamlGiveTheSameScenario() {
        String json = """
                {"name": "t", "periods": 2, "units": {"energy": "MWh", "currency": "EUR"},
                 "market": {"type": "p2p", "solver": "central"},
                 "peers": [
                   {"id": "g", "bus": 3, "cost": {"a": 0.1, "b": [20, 30], "d": 5}, "pmin": 0, "pmax": [10, 12],
                    "prefs": {"c": 1.5}},
                   {"id": "c", "cost": {"a": 0.2, "b": 80}, "pmin": -8, "pmax": 0, "partners": ["g"]}]}
                """;
        assertThat(ScenarioParser.parse(json, "t.json", true)).isEqualTo(yaml(GOOD));
    }

    @Test
    void defaultsApply() {
        Scenario s = yaml("name: d\npeers:\n  - {id: a, pmin: -1, pmax: 1}\n");
        assertThat(s.periods()).isEqualTo(1);
        assertThat(s.periodHours()).isEqualTo(1.0);
        assertThat(s.units()).isEqualTo(Units.DEFAULT);
        assertThat(s.market()).isEqualTo(MarketSpec.DEFAULT);
        assertThat(s.peers().get(0).cost().a().at(0)).isZero();
    }

    @Test
    void partnersRestrictTheGraphOnlyWhenBothSidesList() {
        Scenario s = yaml("""
                name: g
                peers:
                  - {id: a, pmin: -1, pmax: 1, partners: [b]}
                  - {id: b, pmin: -1, pmax: 1, partners: []}
                  - {id: c, pmin: -1, pmax: 1, partners: []}
                  - {id: d, pmin: -1, pmax: 1}
                """);
        assertThat(s.mayTrade(0, 1)).as("a lists b").isTrue();
        assertThat(s.mayTrade(1, 2)).as("neither lists the other").isFalse();
        assertThat(s.mayTrade(0, 2)).isFalse();
        assertThat(s.mayTrade(2, 3)).as("d lists everyone").isTrue();
    }

    @Test
    void badYamlNamesLineAndColumn() {
        assertThat(problems("name: x\npeers: [\n  {id: a,\n")).singleElement().asString()
                .startsWith("test.yaml:").contains("bad YAML");
        assertThat(problems("name: x\n  bad: indent\n")).singleElement().asString().matches("test\\.yaml:\\d+:\\d+: bad YAML.*");
    }

    @Test
    void badJsonNamesLineAndColumn() {
        assertThat(problems("{\"name\": \"x\",\n \"peers\": [}", true)).singleElement().asString()
                .matches("test\\.json:2:\\d+: bad JSON.*");
    }

    @Test
    void nanAndInfinityAreRejected() {
        assertThat(problems("name: x\nperiods: 2\npeers:\n  - {id: a, pmin: .nan, pmax: [1, -.inf], cost: {b: .Inf}}\n"))
                .containsExactly("peers[0].cost.b = Infinity: must be a finite number",
                        "peers[0].pmin = NaN: must be a finite number",
                        "peers[0].pmax[1] = -Infinity: must be a finite number");
        String json = "{\"name\": \"x\", \"peers\": [{\"id\": \"a\", \"pmin\": NaN, \"pmax\": Infinity}]}";
        assertThat(problems(json, true)).containsExactly(
                "peers[0].pmin = NaN: must be a finite number", "peers[0].pmax = Infinity: must be a finite number");
    }

    @Test
    void yamlProblemsNameTheirLine() {
        try {
            yaml("name: x\npeers:\n  - id: a\n    pmin: 0\n    pmax: 1\n    cost: {a: -1}\n  - id: b\n    pmin: 0\n");
            throw new AssertionError("expected problems");
        } catch (ValidationException e) {
            assertThat(e.problems().stream().map(Problem::toString)).containsExactly(
                    "peers[0].cost.a = -1: must be >= 0 (line 6)",
                    "peers[1].pmax: is required (line 7)");
        }
    }

    @Test
    void duplicateKeyIsAnError() {
        assertThat(problems("name: x\nname: y\npeers: [{id: a, pmin: 0, pmax: 0}]\n")).singleElement().asString()
                .isEqualTo("test.yaml:2:1: bad YAML: duplicate key 'name'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # scenario body (peers a and b exist)                              | expected problem
            colour: red                                                        | colour: unknown key; expected one of [communities, description, dso, flexibility, grid, heat, market, metering, name, orders, outside, peers, period_hours, periods, service, sharing, study, tariff, units, vpp]
            units: {energy: GWh}                                               | units.energy = "GWh": must be kWh or MWh
            periods: 0                                                         | periods = 0: must be a whole number >= 1
            period_hours: -1                                                   | period_hours = -1: must be > 0
            market: {type: p2p, speed: fast}                                  | market.speed: unknown key; expected one of [adaptive_rho, compare, dual_tolerance, gate, k, max_iterations, pricing, primal_tolerance, relaxation, rho, seed, solver, steps, ties, type, window]
            """)
    void topLevelErrors(String body, String expected) {
        String text = "name: x\n" + body + "\npeers:\n  - {id: a, pmin: -1, pmax: 1}\n  - {id: b, pmin: -1, pmax: 1}\n";
        assertThat(problems(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # market mapping                                                   | expected problem
            {solver: admm, rho: -1}                                            | market.rho = -1: must be > 0
            {solver: admm, rho: 0}                                             | market.rho = 0: must be > 0
            {solver: admm, rho: "big"}                                         | market.rho = "big": must be a number
            {solver: admm, primal_tolerance: 0}                                | market.primal_tolerance = 0: must be > 0
            {solver: admm, dual_tolerance: -1e-4}                              | market.dual_tolerance = -1.0E-4: must be > 0
            {solver: admm, max_iterations: 0}                                  | market.max_iterations = 0: must be a whole number >= 1
            {solver: admm, max_iterations: 2.5}                                | market.max_iterations = 2.5: must be a whole number >= 1
            {solver: admm, adaptive_rho: "yes"}                                | market.adaptive_rho = "yes": must be true or false
            {solver: admm, relaxation: 2}                                      | market.relaxation = 2: must be >= 1 and < 2
            {solver: admm, relaxation: 0.5}                                    | market.relaxation = 0.5: must be >= 1 and < 2
            {solver: central, rho: 1}                                          | market.rho = 1: only used by solver admm; this market's solver is 'central' (remove the key or set solver: admm)
            {max_iterations: 10}                                               | market.max_iterations = 10: only used by solver admm; this market's solver is 'central' (remove the key or set solver: admm)
            """)
    void admmOptionErrors(String market, String expected) {
        String text = "name: x\nmarket: " + market + "\npeers:\n  - {id: a, pmin: -1, pmax: 1}\n";
        assertThat(problems(text)).contains(expected);
    }

    @Test
    void admmOptionsAreReadInTheFileUnitsAndConvertedToKwh() {
        Scenario s = yaml("""
                name: x
                units: {energy: MWh}
                market: {solver: admm, rho: 2, primal_tolerance: 1e-4, dual_tolerance: 3e-4, max_iterations: 500, adaptive_rho: false, relaxation: 1.5}
                peers:
                  - {id: a, pmin: -1, pmax: 1}
                """);
        AdmmOptions o = s.market().admm();
        assertThat(s.market().type()).isEqualTo("p2p");
        assertThat(s.market().solver()).isEqualTo("admm");
        // rho: EUR/MWh^2 -> EUR/kWh^2 is / 1e6; primal: MWh -> kWh is * 1e3; dual: EUR/MWh -> EUR/kWh is / 1e3
        assertThat(o.rho().getAsDouble()).isCloseTo(2e-6, org.assertj.core.data.Offset.offset(1e-18));
        assertThat(o.primalTolerance().getAsDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.dualTolerance().getAsDouble()).isCloseTo(3e-7, org.assertj.core.data.Offset.offset(1e-18));
        assertThat(o.maxIterations()).hasValue(500);
        assertThat(o.adaptiveRho()).contains(false);
        assertThat(o.relaxation()).hasValue(1.5);
        assertThat(yaml("name: y\nmarket: {solver: admm}\npeers: [{id: a, pmin: 0, pmax: 0}]\n").market().admm())
                .isEqualTo(AdmmOptions.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # first peer's fields (second peer is {id: b, pmin: -1, pmax: 1})   | expected problem
            id: a, pmin: 0, pmax: 1, colour: red                               | peers[0].colour: unknown key; expected one of [bus, cost, id, partners, pmax, pmin, prefs, storage, w_exp, w_imp]
            id: b, pmin: 0, pmax: 1                                            | peers[1].id = "b": duplicate id: peers[0] has the same id
            id: a, pmin: 0, pmax: 1, prefs: {zz: 1}                            | peers[0].prefs.zz = 1: names unknown peer 'zz'
            id: a, pmin: 0, pmax: 1, prefs: {a: 1}                             | peers[0].prefs.a = 1: a peer cannot state a preference for itself
            id: a, pmin: 0, pmax: 1, partners: [b, zz]                         | peers[0].partners[1] = "zz": names unknown peer 'zz'
            id: a, pmin: 0, pmax: 1, partners: [b, b]                          | peers[0].partners[1] = "b": is listed twice
            id: a, pmin: 0, pmax: 1, cost: {a: -1}                             | peers[0].cost.a = -1: must be >= 0
            id: a, pmin: 0, pmax: 1, cost: {a: [1, -2, 1]}                     | peers[0].cost.a[1] = -2: must be >= 0
            id: a, pmin: 2, pmax: 1                                            | peers[0].pmin = 2: must be <= pmax = 1
            id: a, pmin: [0, 5, 0], pmax: 1                                    | peers[0].pmin[1] = 5: must be <= pmax[1] = 1
            id: a, pmin: 0, pmax: 1e999                                        | peers[0].pmax = Infinity: must be a finite number
            id: a, pmin: 0, pmax: [1, 2]                                       | peers[0].pmax = [1,2]: has 2 values; the scenario has 3 periods (give one value per period, or a single number)
            id: a, pmin: 0, pmax: "3"                                          | peers[0].pmax = "3": must be a number
            id: a, pmin: 0, pmax: 1:30.5                                       | peers[0].pmax = "1:30.5": must be a number
            id: a, pmin: 0                                                     | peers[0].pmax: is required
            pmin: 0, pmax: 1                                                   | peers[0].id: is required
            id: a, pmin: 0, pmax: 1, prefs: {b: -2}                            | peers[0].prefs.b = -2: c_ij + c_ji = -4 < 0 for peers 'a' and 'b': a round trip between them would earn money (prefs -2 and 0 must sum to >= 0)
            id: a, pmin: 0, pmax: 1, bus: 0                                    | peers[0].bus = 0: must be a bus number >= 1
            """)
    void peerErrors(String fields, String expected) {
        String text = "name: x\nperiods: 3\npeers:\n  - {" + fields + "}\n  - {id: b, pmin: -1, pmax: 1}\n";
        assertThat(problems(text)).contains(expected);
    }

    @Test
    void negativePreferenceIsFineWhenThePairSumIsNot() {
        Scenario s = yaml("""
                name: x
                peers:
                  - {id: a, pmin: 0, pmax: 1, prefs: {b: -2}}
                  - {id: b, pmin: -1, pmax: 0, prefs: {a: 3}}
                """);
        assertThat(s.peers().get(0).pref("b")).isEqualTo(-2.0);
    }

    @Test
    void negativePairCostIsIgnoredForPairsThatCannotTrade() {
        Scenario s = yaml("""
                name: x
                peers:
                  - {id: a, pmin: 0, pmax: 1, prefs: {b: -2}, partners: []}
                  - {id: b, pmin: -1, pmax: 0, partners: []}
                """);
        assertThat(s.mayTrade(0, 1)).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> all = problems("name: x\npeers:\n  - {id: a, pmin: 3, pmax: 1, cost: {a: -1}}\n  - {id: a, pmin: 0}\n");
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void cdaRejectsAuctionOnlyKeys() {
        assertThat(problems("name: x\nmarket: {type: cda, k: 0.3, ties: time}\npeers: [{id: a, pmin: 0, pmax: 1}]\n"))
                .contains("market.k = 0.3: applies only to market.type auction (a CDA trades at the resting order's price, in time priority)",
                        "market.ties = \"time\": applies only to market.type auction (a CDA trades at the resting order's price, in time priority)");
        assertThat(problems("name: x\nmarket: {type: auction, rho: 1}\npeers: [{id: a, pmin: 0, pmax: 1}]\n"))
                .contains("market.rho = 1: only used by solver admm of market.type p2p, not by an auction");
    }

    @Test
    void missingNameAndPeers() {
        assertThat(problems("periods: 1\n")).contains("name: is required", "peers: is required: list the market's peers");
    }

    @Test
    void emptyDocument() {
        assertThat(problems("")).singleElement().asString().contains("the scenario is empty");
    }
}
