package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The service key: read in kWh and per kWh, every bad field named. */
class ServiceKeysTest {
    private static Scenario parse(String keys) {
        return SettlementKeysTest.parse(keys);
    }

    @Test
    void readsVolumeAndPricesInKwhAndDefaultsToEveryPeriod() {
        ServiceSpec s = parse("service: {volume: 0.5, direction: down, offers: {b: 20, a: 30}, trade_cost: 2}")
                .service().orElseThrow();
        assertThat(s.volume()).isEqualTo(500); // 0.5 MWh
        assertThat(s.up()).isFalse();
        assertThat(s.periods()).containsExactly(0, 1);
        assertThat(s.offers()).extracting(ServiceSpec.Offer::peer).containsExactly("b", "a"); // listed order
        assertThat(s.offers().get(0).price()).isCloseTo(0.02, within(1e-15)); // 20 per MWh
        assertThat(s.tradeCost()).isCloseTo(0.002, within(1e-15));
        assertThat(parse("service: {volume: 1, direction: up, periods: [2], offers: {a: 1}}").service().orElseThrow()
                .periods()).isEqualTo(List.of(1));
        assertThat(parse("").service()).isEmpty();
    }

    @Test
    void badKeysAreNamed() {
        assertThatThrownBy(() -> parse("service: {volume: -1, direction: sideways, periods: [3, 1, 1], "
                + "offers: {z: 1, a: -2}, trade_cost: -1, area: 3}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("service.volume = -1: must be >= 0")
                .hasMessageContaining("service.direction = \"sideways\": must be up or down")
                .hasMessageContaining("service.periods[0] = 3: must be a period number from 1 to 2")
                .hasMessageContaining("service.periods[2] = 1: is listed twice")
                .hasMessageContaining("service.offers.z: no such peer")
                .hasMessageContaining("service.offers.a = -2: must be >= 0")
                .hasMessageContaining("service.trade_cost = -1: must be >= 0")
                .hasMessageContaining("service.area: unknown key");
        assertThatThrownBy(() -> parse("service: {volume: 0, offers: {}}"))
                .hasMessageContaining("service.volume = 0: must be > 0")
                .hasMessageContaining("service.direction: is required")
                .hasMessageContaining("service.offers = {}: must be a non-empty mapping");
        assertThatThrownBy(() -> parse("service: 3")).hasMessageContaining("service = 3: must be a mapping");
    }
}
