package org.peermarket.market.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peermarket.market.community.CommunityMarketTest.parse;
import static org.peermarket.market.community.StorageHorizonTest.objective;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Scenario;

/** A community market cleared in rolling windows (docs/storage.md, Rolling horizon). */
class RollingHorizonTest {
    private static final String HAND = """
            name: r
            periods: 4
            market: {type: community%s}
            communities:
              - {id: c, members: [home], manager: {import_price: [0.10, 0.10, 0.30, 0.30], export_price: 0.01}}
            peers:
              - {id: home, pmin: -1, pmax: -1, storage: {capacity: 1, charge_max: 1, discharge_max: 1, soc_initial: 0, soc_final: 0}}
            """;

    /**
     * By hand: one program charges 1 kWh at 0.10 and uses it at 0.30, 0.8 + 0.1 - 0.3 = 0.6;
     * windows of 2 must end each day empty, so nothing is carried: 0.8, a gap of exactly 0.2.
     */
    @Test
    void windowsEndAtTheTargetSoNothingCrossesThem() {
        HorizonResult whole = new CommunityMarket().clear(parse(HAND.formatted("")));
        HorizonResult rolled = new CommunityMarket().clear(parse(HAND.formatted(", window: 2")));
        assertThat(objective(whole)).isCloseTo(0.6, within(1e-9));
        assertThat(objective(rolled)).isCloseTo(0.8, within(1e-9));
        assertThat(rolled.periods()).hasSize(4);
        assertThat(rolled.storage()).extracting(HorizonResult.StorageStep::period).containsExactly(0, 1, 2, 3);
        assertThat(rolled.storage().get(1).soc()).isCloseTo(0, within(1e-9));
        assertThat(rolled.members()).extracting(HorizonResult.MemberFlow::period).containsExactly(0, 1, 2, 3);
        assertThat(rolled.communities().get(2).importPrice()).isEqualTo(0.30);
        CommunityMarketTest.assertBooksBalance(rolled);
    }

    @Test
    void aWindowNeedsACommunityMarketAndAWholeNumber() {
        String p2p = "name: w\nmarket: {type: p2p, window: 24}\npeers:\n  - {id: a, pmin: 0, pmax: 1}\n  - {id: b, pmin: -1, pmax: 0}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(p2p))
                .hasMessageContaining("market.window = 24: applies only to market.type community (market.type is p2p)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(HAND.formatted(", window: 0")))
                .hasMessageContaining("market.window = 0: must be a whole number >= 1");
    }

    /** A window longer than the horizon is the one program. */
    @Test
    void oneWindowIsTheOneProgram() {
        HorizonResult rolled = new CommunityMarket().clear(parse(HAND.formatted(", window: 4")));
        assertThat(objective(rolled)).isCloseTo(0.6, within(1e-9));
    }

    static String week(String window) {
        StringBuilder y = new StringBuilder("""
                name: week
                periods: 168
                market: {type: community%s}
                peers:
                """.formatted(window));
        for (int i = 0; i < 12; i++) {
            y.append("  - {id: h").append(i).append(", pmin: {profile: residential, annual_kwh: ").append(3000 + 200 * i)
                    .append(", start_day: 100, scale: -1}, pmax: {profile: residential, annual_kwh: ").append(3000 + 200 * i)
                    .append(", start_day: 100, scale: -1}");
            y.append(i < 4 ? ", storage: {capacity: 10, charge_max: 4, discharge_max: 4, eta_charge: 0.95, eta_discharge: 0.95,"
                    + " soc_initial: 0, soc_final: 0}}\n" : "}\n");
        }
        for (int i = 0; i < 5; i++) {
            y.append("  - {id: pv").append(i).append(", pmin: 0, pmax: {profile: pv, peak: ").append(3 + i)
                    .append(", latitude: 50, start_day: 100}}\n");
        }
        y.append("communities:\n  - id: c\n    members: [");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("h" + i);
        }
        for (int i = 0; i < 5; i++) {
            ids.add("pv" + i);
        }
        y.append(String.join(", ", ids)).append("]\n    manager:\n      fee: 0.005\n")
                .append("      import_price: {profile: day_ahead_price, mean: 0.25, daily_swing: 0.3, start_day: 100}\n")
                .append("      export_price: {profile: day_ahead_price, mean: 0.06, daily_swing: 0.3, start_day: 100}\n");
        return y.toString();
    }

    /**
     * One week, 17 members, 4 batteries: daily windows against the one-program optimum. The
     * joined schedule is feasible for the week, so its objective is never below the optimum;
     * the gap (what ending every day at the target costs) is bounded at 1% of the week's cost.
     */
    @Test
    void dailyWindowsOverAWeekAreCloseToTheWeeksOptimum() {
        Scenario one = parse(week(""));
        Scenario daily = parse(week(", window: 24"));
        double best = objective(new CommunityMarket().clear(one));
        HorizonResult rolled = new CommunityMarket().clear(daily);
        double got = objective(rolled);
        assertThat(got).isGreaterThanOrEqualTo(best - 1e-7 * Math.abs(best));
        double gap = (got - best) / Math.abs(best);
        System.out.printf("rolling-horizon week: one program %.6f, daily windows %.6f, gap %.4f%%%n", best, got, 100 * gap);
        assertThat(gap).isLessThanOrEqualTo(0.01);
        CommunityMarketTest.assertBooksBalance(rolled);
        for (HorizonResult.StorageStep st : rolled.storage()) {
            assertThat(st.soc()).isBetween(-1e-9, 10 + 1e-9);
            if (st.period() % 24 == 23) {
                assertThat(st.soc()).as("end of day " + st.period() / 24).isCloseTo(0, within(1e-7));
            }
        }
    }
}
