package org.peermarket.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.SharingSpec;

/**
 * The community market's own game (markets.md §8, docs/profit-sharing.md): each coalition clears
 * the community market of §2 alone. Compared with games solved by hand and with the stand-alone
 * closed form.
 */
class CommunityGameTest {

    /**
     * PV (4 kWh at no cost) and two fixed loads of 3 and 2 kWh in one community, fee 0.01 per kWh
     * on each side of a pool trade, import 0.25, export 0.05. A pool kWh replaces an import and an
     * export: it saves 0.25 - 0.05 - 2 x 0.01 = 0.18. By hand, c(S) = cost of the coalition:
     * <pre>
     *   {pv}      exports 4:                 -0.20      {a} imports 3: 0.75    {b} imports 2: 0.50
     *   {pv,a}    pool 3 (fees 0.06), exports 1:         0.06 - 0.05 = 0.01     v = 0.54 = 3 x 0.18
     *   {pv,b}    pool 2 (fees 0.04), exports 2:         0.04 - 0.10 = -0.06    v = 0.36 = 2 x 0.18
     *   {a,b}     nothing to share (a pool trade only adds fees): 1.25          v = 0
     *   {pv,a,b}  pool 4 (fees 0.08), imports 1:         0.08 + 0.25 = 0.33     v = 0.72 = 4 x 0.18
     * </pre>
     * Shapley by the six orders: pv (0 + 0 + 0.54 + 0.36 + 0.72 + 0.72) / 6 = 0.39, a (0.54 + 0.36
     * + 0.36) / 6 = 0.21, b (0.36 + 0.18 + 0.18) / 6 = 0.12. In the core (pv + a = 0.60 >= 0.54,
     * pv + b = 0.51 >= 0.36); equal shares (0.24 each) are not: pv + a get 0.48, 0.06 short.
     */
    private static final String HAND = """
            name: three-homes
            periods: 1
            market: {type: community}
            tariff: {retail: 0.25, feed_in: 0.05}
            sharing: {rule: shapley}
            communities:
              - id: street
                members: [pv, load-a, load-b]
                manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}
            peers:
              - id: pv
                cost: {b: 0}
                pmin: 0
                pmax: 4
              - id: load-a
                pmin: -3
                pmax: -3
              - id: load-b
                pmin: -2
                pmax: -2
            """;

    @Test
    void everyCoalitionOfTheHandSolvedCommunity() {
        Scenario s = ScenarioParser.parse(HAND, "hand.yaml", false);
        CostGame game = new CostGame(3, new CommunityCoalitionCost(s));
        double[] cost = {0, -0.20, 0.75, 0.01, 0.50, -0.06, 1.25, 0.33}; // by mask: bit 0 pv, 1 load-a, 2 load-b
        double[] value = {0, 0, 0, 0.54, 0, 0.36, 0, 0.72};
        for (int mask = 1; mask < 8; mask++) {
            BitSet c = CharacteristicFunction.coalition(mask);
            assertThat(game.cost(c)).as("c(%s)", c).isCloseTo(cost[mask], within(1e-7));
            assertThat(game.value(c)).as("v(%s)", c).isCloseTo(value[mask], within(1e-7));
        }
    }

    @Test
    void everyRuleOnTheHandSolvedCommunity() {
        Scenario s = ScenarioParser.parse(HAND, "hand.yaml", false);
        Sharing.Result r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
        assertThat(r.game()).isEqualTo("community");
        assertThat(r.method()).isEqualTo("exact");
        assertThat(r.gain()).isCloseTo(0.72, within(1e-7));
        assertThat(r.alone()).containsExactly(new double[] {-0.20, 0.75, 0.50}, within(1e-7));
        assertShares(r, "shapley", 0.39, 0.21, 0.12);
        assertShares(r, "equal", 0.24, 0.24, 0.24);
        // marginal contributions to N: 0.72, 0.72 - 0.36, 0.72 - 0.54, so shares 0.72 x (4, 2, 1) / 7
        assertShares(r, "contribution", 0.72 * 4 / 7, 0.72 * 2 / 7, 0.72 / 7);
        assertThat(r.coreEmpty()).isFalse();
        assertThat(allocation(r, "shapley").inCore()).isTrue();
        assertThat(allocation(r, "equal").inCore()).isFalse();
        assertThat(allocation(r, "equal").coreViolation()).isCloseTo(0.06, within(1e-7));
        for (Sharing.Allocation a : r.allocations()) {
            assertThat(Arrays.stream(a.shares()).sum()).as(a.rule()).isCloseTo(0.72, within(1e-9));
        }
    }

    /**
     * vpp-community's street over its 4 periods: the battery (4 kWh) couples them. By hand: pv
     * alone exports its 6 noon kWh at 0.05 (c = -0.30), the home alone imports 2 kWh in each of
     * 4 periods at 0.25 (c = 2.00); together the home imports 2 in period 1, takes 2 at noon from
     * the pool and the stored 4 in periods 3 and 4 (c = 0.50). v(N) = 1.20; with two players and v({i}) = 0,
     * Shapley gives each half of it. Without the battery the
     * street would save only the noon 2 kWh: 0.40.
     */
    @Test
    void storageCouplesTheCoalitionsPeriods() {
        Scenario s = ScenarioParser.parse("""
                name: battery-street
                periods: 4
                market: {type: community}
                tariff: {retail: 0.25, feed_in: 0.05}
                sharing: {rule: shapley}
                communities:
                  - id: street
                    members: [pv, home]
                    manager: {fee: 0, import_price: 0.25, export_price: 0.05}
                peers:
                  - id: pv
                    cost: {b: 0}
                    pmin: 0
                    pmax: [0, 6, 0, 0]
                    storage: {capacity: 4, charge_max: 4, discharge_max: 4, eta_charge: 1, eta_discharge: 1, soc_initial: 0, soc_final: 0}
                  - id: home
                    pmin: -2
                    pmax: -2
                """, "battery.yaml", false);
        Sharing.Result r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
        assertThat(r.alone()).containsExactly(new double[] {-0.30, 2.00}, within(1e-7));
        assertThat(r.gain()).isCloseTo(1.20, within(1e-7));
        assertShares(r, "shapley", 0.60, 0.60);
    }

    /**
     * c({i}) is the stand-alone problem of docs/settlement.md with retail pi_imp + w_imp and
     * feed-in pi_exp + w_exp (a member alone has no pool; no caps, no storage): the closed form of
     * {@link StandAlone} on random quadratic and linear members.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aMemberAloneIsItsStandAloneProblem(long seed) {
        Scenario s = random(seed, 5, false);
        CostGame game = new CostGame(5, new CommunityCoalitionCost(s));
        double pImp = s.communities().list().get(0).manager().importPrice().at(0);
        double pExp = s.communities().list().get(0).manager().exportPrice().at(0);
        for (int i = 0; i < 5; i++) {
            Peer p = s.peers().get(i);
            double r = pImp + s.communities().wImp(p.id());
            double f = pExp + s.communities().wExp(p.id());
            double want = 0;
            for (int t = 0; t < s.periods(); t++) {
                double a = p.cost().a().at(t);
                double b = p.cost().b().at(t);
                double q = StandAlone.dispatch(a, b, p.pmin().at(t), p.pmax().at(t), r, f);
                want += StandAlone.cost(a, b, p.cost().d(), q, r, f);
            }
            assertThat(game.alone(i)).as("peer %s", p.id()).isCloseTo(want, within(1e-6 * Math.max(1, Math.abs(want))));
        }
    }

    /** Efficiency: Shapley shares sum to v(N), and v(N) is what the whole community's clearing saves. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void shapleyIsEfficientAndTheGrandCoalitionIsTheMarket(long seed) {
        Scenario s = random(seed, 6, true);
        Sharing.Result r = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
        double market = 0;
        for (ClearingResult c : Mechanisms.lookup(s.market()).orElseThrow().clear(s).periods()) {
            market += c.objective();
        }
        double alone = Arrays.stream(r.alone()).sum();
        assertThat(r.gain()).isCloseTo(alone - market, within(1e-6 * Math.max(1, Math.abs(market))));
        assertThat(Arrays.stream(allocation(r, "shapley").shares()).sum()).isCloseTo(r.gain(), within(1e-9));
        assertThat(r.gain()).isGreaterThanOrEqualTo(-1e-7); // the grand coalition can always act as singletons
    }

    /** Sampling on the same game stays within four standard errors of the exact values. */
    @Test
    void sampledShapleyAgreesWithExact() {
        Scenario s = random(21, 6, false);
        CostGame game = new CostGame(6, new CommunityCoalitionCost(s));
        Shapley.Estimate exact = Shapley.exact(game);
        long[] steps = new long[1];
        Shapley.Estimate sampled = Shapley.sampled(game, 400, 7, n -> steps[0] += n);
        assertThat(steps[0]).isEqualTo(400);
        for (int i = 0; i < 6; i++) {
            double err = Math.abs(sampled.values()[i] - exact.values()[i]);
            assertThat(err).as("player %d", i).isLessThanOrEqualTo(4 * sampled.standardErrors()[i] + 1e-9);
        }
    }

    /** Beyond exact_max the community game is sampled: efficient, with a stated error, near the exact values. */
    @Test
    void largeCommunitiesAreSampled() {
        Scenario s = random(31, 6, false);
        Sharing.Result exact = Sharing.of(s, Baseline.of(s), s.sharing().orElseThrow());
        SharingSpec few = new SharingSpec("shapley", 300, 5, 4, java.util.Optional.empty(), java.util.Map.of());
        Sharing.Result sampled = Sharing.of(s, Baseline.of(s), few);
        assertThat(exact.method()).isEqualTo("exact");
        assertThat(sampled.method()).isEqualTo("sampled");
        assertThat(sampled.gain()).isCloseTo(exact.gain(), within(1e-9));
        Sharing.Allocation a = allocation(sampled, "shapley");
        assertThat(Arrays.stream(a.shares()).sum()).isCloseTo(exact.gain(), within(1e-9));
        double[] want = allocation(exact, "shapley").shares();
        for (int i = 0; i < 6; i++) {
            assertThat(Math.abs(a.shares()[i] - want[i])).isLessThanOrEqualTo(4 * a.standardErrors()[i] + 1e-9);
        }
    }

    /** Two communities clear independently: c(S) is the sum of the parts, each cleared once. */
    @Test
    void communitiesClearIndependently() {
        Scenario s = ScenarioParser.parse(HAND.replace("""
                  - id: street
                    members: [pv, load-a, load-b]
                    manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}
                """, """
                  - id: north
                    members: [pv, load-a]
                    manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}
                  - id: south
                    members: [load-b]
                    manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}
                """), "two.yaml", false);
        CommunityCoalitionCost costs = new CommunityCoalitionCost(s);
        CostGame game = new CostGame(3, costs);
        assertThat(game.value(CharacteristicFunction.coalition(7))).isCloseTo(0.54, within(1e-7)); // load-b gains nothing
        assertThat(game.value(CharacteristicFunction.coalition(5))).isCloseTo(0, within(1e-7));
        assertThat(costs.clearings()).isEqualTo(4); // {pv} {a} {b} {pv,a}; {pv,b} = {pv} + {b}; N = {pv,a} + {b}
    }

    /** A community of {@code n} random members (quadratic and linear costs), optionally with a battery and caps. */
    static Scenario random(long seed, int n, boolean storageAndCaps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int periods = storageAndCaps ? 3 : 1 + rnd.nextInt(3);
        StringBuilder y = new StringBuilder("name: random-community\nperiods: " + periods + "\nmarket: {type: community}\n");
        double exp = rnd.nextDouble(0.02, 0.08);
        double imp = exp + rnd.nextDouble(0.1, 0.25);
        y.append(String.format(Locale.ROOT, "tariff: {retail: %.4f, feed_in: %.4f}%n", imp, exp));
        y.append("sharing: {rule: shapley}\ncommunities:\n  - id: c\n    members: [");
        for (int i = 0; i < n; i++) {
            y.append(i == 0 ? "" : ", ").append('m').append(i);
        }
        y.append(String.format(Locale.ROOT, "]%n    manager: {fee: %.4f, import_price: %.4f, export_price: %.4f%s}%n",
                rnd.nextDouble(0, 0.02), imp, exp, storageAndCaps ? ", import_cap: 12" : ""));
        y.append("peers:\n");
        for (int i = 0; i < n; i++) {
            boolean producer = i % 2 == 0;
            y.append("  - id: m").append(i).append('\n');
            double a = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(0.005, 0.05);
            double b = producer ? rnd.nextDouble(0.0, 0.15) : rnd.nextDouble(0.12, 0.4);
            y.append(String.format(Locale.ROOT, "    cost: {a: %.5f, b: %.5f}%n", a, b));
            if (producer) {
                y.append(String.format(Locale.ROOT, "    pmin: 0%n    pmax: %.3f%n", rnd.nextDouble(0.5, 8)));
            } else {
                y.append(String.format(Locale.ROOT, "    pmin: %.3f%n    pmax: 0%n", -rnd.nextDouble(0.5, 8)));
            }
            if (rnd.nextInt(3) == 0) {
                y.append(String.format(Locale.ROOT, "    w_imp: %.4f%n", rnd.nextDouble(0, 0.02)));
            }
            if (storageAndCaps && i == 0) {
                y.append("    storage: {capacity: 3, charge_max: 2, discharge_max: 2, eta_charge: 0.95, eta_discharge: 0.95,"
                        + " soc_initial: 1, soc_final: cyclic}\n");
            }
        }
        return ScenarioParser.parse(y.toString(), "random.yaml", false);
    }

    private static void assertShares(Sharing.Result r, String rule, double... want) {
        assertThat(allocation(r, rule).shares()).as(rule).containsExactly(want, within(1e-7));
    }

    private static Sharing.Allocation allocation(Sharing.Result r, String rule) {
        return r.allocations().stream().filter(a -> a.rule().equals(rule)).findFirst().orElseThrow();
    }
}
