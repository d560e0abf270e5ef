package org.peermarket.market.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peermarket.market.community.CommunityMarketTest.parse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/**
 * Storage over a horizon (markets.md §4) against closed forms: arbitrage across a two-period
 * price spread with charge and discharge efficiencies, the SOC bound, and a cyclic final SOC.
 */
class StorageHorizonTest {
    static final double ETA_C = 0.9;
    static final double ETA_D = 0.8;

    /** A retailer G at 0.10 then 0.30 per kWh and a home with a 1 kWh load each period and a battery. */
    static Scenario home(String prices, String storage) {
        return parse("""
                name: s
                periods: 2
                peers:
                  - {id: G, cost: {b: PRICES}, pmin: 0, pmax: 100}
                  - {id: home, pmin: -1, pmax: -1, storage: STORAGE}
                """.replace("PRICES", prices).replace("STORAGE", storage));
    }

    static HorizonResult.StorageStep step(HorizonResult h, int t) {
        return h.storage().stream().filter(s -> s.period() == t).findFirst().orElseThrow();
    }

    static double objective(HorizonResult h) {
        return h.periods().stream().mapToDouble(ClearingResult::objective).sum();
    }

    /**
     * One delivered kWh in period 2 needs 1/eta_d = 1.25 kWh stored, i.e. 1.25/eta_c = 1.3889
     * kWh bought in period 1 at 0.10: 0.1389 per kWh &lt; 0.30, so the battery covers the whole
     * period-2 load. Cost 0.10 * (1 + 1.3889); the home's period-2 price is 0.10 / 0.72.
     */
    @Test
    void arbitrageOverTwoPeriodsWithEfficiencies() {
        HorizonResult h = new HorizonP2P().clear(home("[0.10, 0.30]",
                "{capacity: 10, charge_max: 5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_initial: 0, soc_final: 0}"));
        assertThat(h.periods()).allMatch(ClearingResult::optimal);
        double charged = 1 / ETA_D / ETA_C;
        assertThat(step(h, 0).charge()).isCloseTo(charged, within(1e-9));
        assertThat(step(h, 0).soc()).isCloseTo(1.25, within(1e-9));
        assertThat(step(h, 1).discharge()).isCloseTo(1, within(1e-9));
        assertThat(step(h, 1).soc()).isCloseTo(0, within(1e-9));
        assertThat(h.periods().get(0).p()[0]).isCloseTo(1 + charged, within(1e-9));
        assertThat(h.periods().get(1).p()[0]).isCloseTo(0, within(1e-9));
        assertThat(objective(h)).isCloseTo(0.10 * (1 + charged), within(1e-9));
        assertThat(h.periods().get(1).mu()[1]).isCloseTo(0.10 / (ETA_C * ETA_D), within(1e-9));
    }

    /** Capacity 1: at most 0.8 kWh comes back; 0.2 kWh is bought at 0.30, and the home's period-2 price is 0.30. */
    @Test
    void socBoundLimitsTheArbitrage() {
        HorizonResult h = new HorizonP2P().clear(home("[0.10, 0.30]",
                "{capacity: 1, charge_max: 5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_initial: 0, soc_final: 0}"));
        assertThat(step(h, 0).soc()).isCloseTo(1, within(1e-9));
        assertThat(step(h, 1).discharge()).isCloseTo(0.8, within(1e-9));
        assertThat(h.periods().get(1).p()[0]).isCloseTo(0.2, within(1e-9));
        assertThat(objective(h)).isCloseTo(0.10 * (1 + 1 / ETA_C) + 0.30 * 0.2, within(1e-9));
        assertThat(h.periods().get(1).mu()[1]).isCloseTo(0.30, within(1e-9));
    }

    /**
     * Cyclic from 2 kWh: with prices reversed the battery discharges first (1 kWh delivered,
     * SOC 2 - 1.25 = 0.75) and recharges to 2 in period 2 at 0.10 (1.25 / 0.9 kWh bought).
     */
    @Test
    void cyclicFinalSocReturnsToTheStart() {
        for (String prices : List.of("[0.10, 0.30]", "[0.30, 0.10]")) {
            HorizonResult h = new HorizonP2P().clear(home(prices,
                    "{capacity: 10, charge_max: 5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_initial: 2, soc_final: cyclic}"));
            assertThat(step(h, 1).soc()).as(prices).isCloseTo(2, within(1e-9));
            assertThat(objective(h)).as(prices).isCloseTo(0.10 * (1 + 1.25 / ETA_C), within(1e-9));
        }
        HorizonResult reversed = new HorizonP2P().clear(home("[0.30, 0.10]",
                "{capacity: 10, charge_max: 5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_initial: 2, soc_final: cyclic}"));
        assertThat(step(reversed, 0).soc()).isCloseTo(0.75, within(1e-9));
    }

    /** A free initial SOC with a cyclic end: whatever the start, the end equals it. */
    @Test
    void freeInitialCyclicEndsWhereItStarted() {
        HorizonResult h = new HorizonP2P().clear(home("[0.10, 0.30]",
                "{capacity: 10, charge_max: 5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_final: cyclic}"));
        double start = step(h, 0).soc() - ETA_C * step(h, 0).charge() + step(h, 0).discharge() / ETA_D;
        assertThat(step(h, 1).soc()).isCloseTo(start, within(1e-9));
        assertThat(objective(h)).isCloseTo(0.10 * (1 + 1.25 / ETA_C), within(1e-9));
    }

    /** A charge limit below the need: 0.5 kWh per period charged, 0.36 kWh delivered later. */
    @Test
    void chargeLimitBinds() {
        HorizonResult h = new HorizonP2P().clear(home("[0.10, 0.30]",
                "{capacity: 10, charge_max: 0.5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_initial: 0, soc_final: 0}"));
        assertThat(step(h, 0).charge()).isCloseTo(0.5, within(1e-9));
        assertThat(step(h, 1).discharge()).isCloseTo(0.5 * ETA_C * ETA_D, within(1e-9));
        assertThat(objective(h)).isCloseTo(0.10 * 1.5 + 0.30 * (1 - 0.36), within(1e-9));
    }

    /** The same arbitrage inside a community market: the manager's import price spread drives it. */
    @Test
    void storageInACommunityMarket() {
        Scenario s = parse("""
                name: cs
                periods: 2
                market: {type: community}
                communities:
                  - {id: c, members: [home], manager: {import_price: [0.10, 0.30], export_price: 0.01}}
                peers:
                  - {id: home, pmin: -1, pmax: -1, storage: {capacity: 10, charge_max: 5, discharge_max: 5, eta_charge: 0.9, eta_discharge: 0.8, soc_initial: 0, soc_final: 0}}
                """);
        HorizonResult h = new CommunityMarket().clear(s);
        assertThat(objective(h)).isCloseTo(0.10 * (1 + 1.25 / ETA_C), within(1e-9));
        assertThat(CommunityMarketTest.flow(h, 0, "home").alpha()).isCloseTo(1 + 1.25 / ETA_C, within(1e-9));
        CommunityMarketTest.assertBooksBalance(h);
    }

    /**
     * Limits per period: a generator with C(g) = 0.5 g^2 (price = g) and a 3 kWh fixed load; a
     * battery holding 2 kWh that must end empty, discharge_max [0.5, 0, 2]. Unlimited it would
     * spread 2/3 kWh over each period (all prices 7/3). Period 2 allows none and period 1 only
     * 0.5, so period 3 takes the remaining 1.5: the generator makes 2.5, 3, 1.5, and those are
     * the prices. Charging (limit 1, eta_charge 0.9 so that charging while discharging loses
     * energy) never pays: no later period where it may discharge has a higher price.
     */
    @Test
    void aPerPeriodDischargeLimitBinds() {
        Scenario s = parse("""
                name: s
                periods: 3
                peers:
                  - {id: G, cost: {a: 1, b: 0}, pmin: 0, pmax: 10}
                  - {id: load, pmin: -3, pmax: -3}
                  - {id: bat, pmin: 0, pmax: 0, storage: {capacity: 5, charge_max: 1, discharge_max: [0.5, 0, 2], eta_charge: 0.9, soc_initial: 2, soc_final: 0}}
                """);
        HorizonResult h = new HorizonP2P().clear(s);
        assertThat(h.periods()).allMatch(ClearingResult::optimal);
        double[] discharge = {0.5, 0, 1.5};
        double[] gen = {2.5, 3, 1.5};
        for (int t = 0; t < 3; t++) {
            assertThat(step(h, t).discharge()).as("discharge " + t).isCloseTo(discharge[t], within(1e-7));
            assertThat(step(h, t).charge()).as("charge " + t).isCloseTo(0, within(1e-7));
            assertThat(h.periods().get(t).p()[0]).as("generation " + t).isCloseTo(gen[t], within(1e-7));
            for (int n = 0; n < 3; n++) {
                assertThat(h.periods().get(t).mu()[n]).as("price " + t + " peer " + n).isCloseTo(gen[t], within(1e-7));
            }
        }
        assertThat(step(h, 2).soc()).isCloseTo(0, within(1e-7));
        assertThat(objective(h)).isCloseTo(0.5 * (2.5 * 2.5 + 3 * 3 + 1.5 * 1.5), within(1e-7));
    }
}
