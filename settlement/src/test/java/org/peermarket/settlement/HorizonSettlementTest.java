package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/**
 * Settlement of random horizon runs (seeded property test): community markets with storage and
 * caps, hybrid trees (joint and decomposed) with community preferences. Settling runs every
 * check (each peer's billed energy equals its flows, each manager keeps its fees, rent and
 * preference value, zero system total); here the accounts are also summed independently.
 */
class HorizonSettlementTest {

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            out.add(Arguments.of("community", seed));
            out.add(Arguments.of("hybrid/joint", seed));
            if (seed <= 4) { // the nested coordination takes a minute on some draws: a few suffice here
                out.add(Arguments.of("hybrid/decomposed", seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void horizonRunsSettleWithEveryCheck(String market, long seed) {
        Scenario s = market.equals("community") ? CommunityGameTest.random(seed, 5 + (int) (seed % 3), true)
                : hybrid(seed, market.substring("hybrid/".length()));
        HorizonResult h = Mechanisms.lookup(s.market()).orElseThrow().clear(s).horizon().orElseThrow();
        assertThat(h.periods().get(0).optimal()).as(h.periods().get(0).cause()).isTrue();
        Settlement st = MarketSettlement.settle(s, h.periods(), false, java.util.Optional.of(h));
        long sum = 0;
        for (Actor a : st.actors()) {
            sum += st.net(a);
        }
        assertThat(sum).isZero();
        assertThat(st.transactions()).isNotEmpty();
    }

    /** A wind farm, a district with a nested block, the outside grid; random costs and preferences. */
    static Scenario hybrid(long seed, String solver) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder y = new StringBuilder("name: random-hybrid\nperiods: 2\n");
        y.append("market: {type: hybrid, solver: ").append(solver).append("}\n");
        y.append("outside: {import_price: 0.30, export_price: 0.03, import_cap: 30, export_cap: 30}\n");
        y.append("communities:\n");
        y.append(String.format(Locale.ROOT, "  - {id: district, members: [school, block], manager: {fee: %.4f},"
                + " prefs: {outside: %.4f, wind: %.4f}}%n", rnd.nextDouble(0, 0.01), rnd.nextDouble(0, 0.02), rnd.nextDouble(0, 0.01)));
        y.append(String.format(Locale.ROOT, "  - {id: block, members: [flat, roof], manager: {fee: %.4f, import_cap: %.2f}}%n",
                rnd.nextDouble(0, 0.01), rnd.nextDouble(1, 4)));
        y.append("peers:\n");
        y.append(String.format(Locale.ROOT, "  - {id: wind, cost: {b: %.4f}, pmin: 0, pmax: [%.2f, %.2f]}%n",
                rnd.nextDouble(0.01, 0.05), rnd.nextDouble(0, 5), rnd.nextDouble(2, 12)));
        y.append(String.format(Locale.ROOT, "  - {id: school, cost: {a: %.4f, b: %.4f}, pmin: -5, pmax: 0}%n",
                rnd.nextDouble(0.01, 0.05), rnd.nextDouble(0.2, 0.35)));
        y.append(String.format(Locale.ROOT, "  - {id: flat, pmin: %.2f, pmax: %.2f}%n", -rnd.nextDouble(2, 4), -rnd.nextDouble(0, 2)));
        y.append(String.format(Locale.ROOT, "  - {id: roof, cost: {b: 0.005}, pmin: 0, pmax: [%.2f, %.2f],"
                + " storage: {capacity: 3, charge_max: 2, discharge_max: 2, soc_initial: 1, soc_final: cyclic}}%n",
                rnd.nextDouble(0, 2), rnd.nextDouble(2, 6)));
        return ScenarioParser.parse(y.toString(), "random-hybrid.yaml", false);
    }
}
