package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** communities, outside, w_imp/w_exp and storage: read in kWh, every bad field named with its path. */
class CommunitySectionTest {
    private static final String PEERS = """
            peers:
              - {id: a, pmin: 0, pmax: 1}
              - {id: b, pmin: -1, pmax: 0}
              - {id: c, pmin: -1, pmax: 0}
            """;

    private static Scenario parse(String body) {
        return ScenarioParser.parse("name: t\n" + body + PEERS, "t.yaml", false);
    }

    @Test
    void readsACommunityInKwh() {
        Scenario s = ScenarioParser.parse("""
                name: t
                units: {energy: MWh}
                market: {type: community}
                communities:
                  - {id: x, members: [a, b], manager: {fee: 10, import_price: 200, export_price: [40], import_cap: 2}}
                  - {id: y, members: [c], manager: {import_price: 100, export_price: 50}}
                peers:
                  - {id: a, pmin: 0, pmax: 1, w_imp: 5}
                  - {id: b, pmin: -1, pmax: 0, w_exp: 1}
                  - {id: c, pmin: -1, pmax: 0}
                """, "t.yaml", false);
        Community x = s.communities().list().get(0);
        assertThat(x.members()).containsExactly("a", "b");
        assertThat(x.manager().fee().at(0)).isEqualTo(0.01);
        assertThat(x.manager().importPrice().at(0)).isEqualTo(0.2);
        assertThat(x.manager().importCap().at(0)).isEqualTo(2000);
        assertThat(x.manager().exportCap().at(0)).isInfinite();
        assertThat(s.communities().wImp("a")).isEqualTo(0.005);
        assertThat(s.communities().wExp("b")).isEqualTo(0.001);
        assertThat(s.communities().parentOf("c").orElseThrow().id()).isEqualTo("y");
        assertThat(s.market().solver()).isEqualTo("central");
    }

    @Test
    void membershipErrorsAreNamed() {
        assertThatThrownBy(() -> parse("""
                market: {type: community}
                communities:
                  - {id: x, members: [a, zz], manager: {import_price: 0.2, export_price: 0.1}}
                  - {id: y, members: [a, b], manager: {import_price: 0.2, export_price: 0.1}}
                """))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("communities[0].members[1] = \"zz\": names unknown peer 'zz'")
                .hasMessageContaining("communities[1].members[0] = \"a\": 'a' is already a member of community 'x'")
                .hasMessageContaining("peers[2].id = \"c\": market.type community needs every peer in a community");
    }

    @Test
    void arbitrageRuleIsEnforcedPerMemberAndPeriod() {
        assertThatThrownBy(() -> ScenarioParser.parse("""
                name: t
                periods: 2
                market: {type: community}
                communities:
                  - {id: x, members: [a, b], manager: {import_price: [0.2, 0.2], export_price: [0.1, 0.15]}}
                peers:
                  - {id: a, pmin: 0, pmax: 1}
                  - {id: b, pmin: -1, pmax: 0, w_exp: 0.08}
                """, "t.yaml", false))
                .hasMessageContaining("peers[1].w_exp = 0.08: member 'b' of community 'x' in period 2: import_price + w_imp = 0.2"
                        + " < export_price + w_exp = 0.23")
                .hasMessageContaining("pi_imp + w_imp >= pi_exp + w_exp");
    }

    @Test
    void managerImportPriceBelowExportPriceIsNamedAtTheManager() {
        assertThatThrownBy(() -> ScenarioParser.parse("""
                name: t
                periods: 2
                market: {type: community}
                communities:
                  - {id: x, members: [a, b], manager: {import_price: [0.2, 0.1], export_price: 0.15}}
                peers:
                  - {id: a, pmin: 0, pmax: 1}
                  - {id: b, pmin: -1, pmax: 0}
                """, "t.yaml", false))
                .hasMessageContaining("communities[0].manager.import_price[1] = 0.1: community 'x' in period 2: import_price 0.1"
                        + " < export_price 0.15")
                .hasMessageNotContaining("w_exp =")
                .hasMessageNotContaining("peers[");
        assertThatThrownBy(() -> parse("""
                market: {type: community}
                communities:
                  - {id: x, members: [a, b, c], manager: {import_price: 0.05, export_price: 0.1}}
                """)).hasMessageContaining("communities[0].manager.import_price = 0.05: community 'x': import_price 0.05"
                        + " < export_price 0.1");
    }

    @Test
    void nestingNeedsHybridAndMustBeATree() {
        assertThatThrownBy(() -> parse("""
                market: {type: community}
                communities:
                  - {id: x, members: [a, y], manager: {import_price: 0.2, export_price: 0.1}}
                  - {id: y, members: [b, c], manager: {import_price: 0.2, export_price: 0.1}}
                """)).hasMessageContaining("communities[0].members[1] = \"y\": names community 'y': nested communities need market.type hybrid");
        assertThatThrownBy(() -> parse("""
                market: {type: hybrid}
                communities:
                  - {id: x, members: [a, y]}
                  - {id: y, members: [b, x]}
                """)).hasMessageContaining("nesting forms a cycle");
        Scenario ok = parse("""
                market: {type: hybrid}
                outside: {import_price: 0.3, export_price: 0.05, export_cap: 4}
                communities:
                  - {id: x, members: [a, y], prefs: {c: 0.01, outside: 0.02}}
                  - {id: y, members: [b]}
                """);
        assertThat(ok.market().solver()).isEqualTo("joint");
        assertThat(ok.communities().outside().orElseThrow().exportCap().at(0)).isEqualTo(4);
        assertThat(ok.communities().byId("x").orElseThrow().pref("outside")).isEqualTo(0.02);
    }

    @Test
    void keysOutOfPlaceAreRejected() {
        assertThatThrownBy(() -> parse("""
                communities:
                  - {id: x, members: [a]}
                outside: {import_price: 1, export_price: 0}
                """)).hasMessageContaining("communities: applies only to market.type community or hybrid (market.type is p2p)")
                .hasMessageContaining("outside: applies only to market.type hybrid");
        assertThatThrownBy(() -> parse("""
                market: {type: hybrid}
                communities:
                  - {id: x, members: [a], manager: {import_price: 1}, prefs: {nobody: 1}}
                outside: {import_price: 0.1, export_price: 0.2}
                """)).hasMessageContaining("communities[0].manager.import_price = 1: applies only to market.type community")
                .hasMessageContaining("communities[0].prefs.nobody = 1: names unknown agent 'nobody'")
                .hasMessageContaining("outside.export_price = 0.2: must be <= import_price");
        assertThatThrownBy(() -> parse("market: {type: community}\n"))
                .hasMessageContaining("communities: is required for market.type community");
    }

    @Test
    void storageIsReadAndChecked() {
        Scenario s = ScenarioParser.parse("""
                name: t
                periods: 2
                peers:
                  - {id: a, pmin: 0, pmax: 1, storage: {capacity: 10, charge_max: 2, discharge_max: 3, eta_charge: 0.9, soc_initial: 5, soc_final: cyclic}}
                  - {id: b, pmin: -1, pmax: 0}
                """, "t.yaml", false);
        Storage st = s.storage().get("a");
        assertThat(st).isEqualTo(new Storage(10, 2, 3, 0.9, 1.0, 5, true, Double.NaN));
        assertThat(s.hasStorage()).isTrue();
        assertThatThrownBy(() -> ScenarioParser.parse("""
                name: t
                peers:
                  - {id: a, pmin: 0, pmax: 1, storage: {capacity: 0, charge_max: -1, discharge_max: 1, eta_discharge: 1.5, soc_initial: 3, soc_final: full}}
                """, "t.yaml", false))
                .hasMessageContaining("peers[0].storage.capacity = 0: must be > 0")
                .hasMessageContaining("peers[0].storage.charge_max = -1: must be >= 0")
                .hasMessageContaining("peers[0].storage.eta_discharge = 1.5: must be > 0 and <= 1")
                .hasMessageContaining("peers[0].storage.soc_final = \"full\": must be a number or cyclic");
        assertThatThrownBy(() -> ScenarioParser.parse("""
                name: t
                market: {type: p2p, solver: admm}
                peers:
                  - {id: a, pmin: 0, pmax: 1, storage: {capacity: 1, charge_max: 1, discharge_max: 1, soc_final: 0}}
                """, "t.yaml", false))
                .hasMessageContaining("peers[0].storage: needs a market that clears the horizon jointly")
                .hasMessageContaining("market p2p/admm clears each period on its own");
    }
}
