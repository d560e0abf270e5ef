package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementKeysTest {
    /** Two periods in MWh, peers a (seller up to 1) and b (buyer up to 1), with the given top-level keys. */
    static Scenario parse(String keys) {
        return ScenarioParser.parse("""
                name: s
                periods: 2
                units: {energy: MWh}
                %s
                peers:
                  - {id: a, pmin: 0, pmax: 1}
                  - {id: b, pmin: -1, pmax: 0}
                """.formatted(keys), "s.yaml", false);
    }

    @Test
    void readsTariffPerPeriodInKwhAndSharingDefaults() {
        Scenario s = parse("tariff: {retail: [250, 300], feed_in: 50}\nsharing: {rule: needs, needs: {a: 1, b: 3}}");
        Tariff t = s.tariff().orElseThrow();
        assertThat(t.retail().at(0)).isEqualTo(0.25);
        assertThat(t.retail().at(1)).isEqualTo(0.3);
        assertThat(t.feedIn().at(1)).isEqualTo(0.05);
        SharingSpec sh = s.sharing().orElseThrow();
        assertThat(sh.rule()).isEqualTo("needs");
        assertThat(sh.samples()).isEqualTo(SharingSpec.DEFAULT_SAMPLES);
        assertThat(sh.exactMax()).isEqualTo(SharingSpec.DEFAULT_EXACT_MAX);
        assertThat(sh.needs()).isEqualTo(Map.of("a", 1.0, "b", 3.0));
        assertThat(sh.renewable()).isEmpty();
        assertThat(parse("tariff: {retail: 1, feed_in: 0}\nsharing: {renewable: [a]}").sharing().orElseThrow().renewable())
                .contains(List.of("a"));
        assertThat(parse("").tariff()).isEmpty();
    }

    @Test
    void badKeysAreNamed() {
        assertThatThrownBy(() -> parse("tariff: {retail: [100, 40], feed_in: 50}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("tariff.retail[1]")
                .hasMessageContaining("must be >= tariff.feed_in (50.0) in period 2");
        assertThatThrownBy(() -> parse("tariff: {retail: 100, fee: 2}"))
                .hasMessageContaining("tariff.feed_in: is required")
                .hasMessageContaining("tariff.fee: unknown key");
        assertThatThrownBy(() -> parse("sharing: {rule: luck, samples: 0, needs: {c: -1}, renewable: [z]}"))
                .hasMessageContaining("sharing: needs a tariff")
                .hasMessageContaining("sharing.rule = \"luck\": must be one of [equal, contribution, shapley, needs, renewable]")
                .hasMessageContaining("sharing.samples = 0: must be a whole number >= 1")
                .hasMessageContaining("sharing.needs.c: is not a peer id")
                .hasMessageContaining("sharing.needs.c = -1: must be >= 0")
                .hasMessageContaining("sharing.renewable[0] = \"z\": is not a peer id");
        assertThatThrownBy(() -> parse("tariff: {retail: 1, feed_in: 0}\nsharing: {exact_max: 30}"))
                .hasMessageContaining("sharing.exact_max = 30: must be <= 22");
    }

    private static Scenario community(String vpp, String type) {
        return ScenarioParser.parse("""
                name: v
                periods: 2
                units: {energy: MWh}
                market: {type: %s}
                communities:
                  - id: street
                    members: [a, b]
                    manager: {import_price: 250, export_price: 50}
                vpp: %s
                peers:
                  - {id: a, pmin: 0, pmax: 1}
                  - {id: b, pmin: -1, pmax: 0}
                """.formatted(type, vpp), "v.yaml", false);
    }

    @Test
    void readsTheVppInKwh() {
        VppSpec v = community("{community: street, balancing_price: [400, 200], cap: 3}", "community").vpp().orElseThrow();
        assertThat(v.community()).isEqualTo("street");
        assertThat(v.balancingPrice().at(0)).isEqualTo(0.4);
        assertThat(v.cap().at(1)).isEqualTo(3000.0);
        assertThat(community("{community: street, balancing_price: 1}", "community").vpp().orElseThrow().cap().at(0))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> community("{community: town, balancing_price: -1, cost: 2}", "hybrid"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("vpp.community = \"town\": is not a community id")
                .hasMessageContaining("vpp: needs market.type community (market.type is hybrid)")
                .hasMessageContaining("vpp.balancing_price = -1: must be >= 0")
                .hasMessageContaining("vpp.cost: unknown key");
    }
}
