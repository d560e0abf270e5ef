package org.peermarket.market.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Status;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/**
 * The community market of markets.md §2 on communities solved by hand: dispatch, pool flows,
 * the community price lambda_c (closed form), the §2 objective and the manager's books.
 */
class CommunityMarketTest {

    static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml", false);
    }

    static HorizonResult.MemberFlow flow(HorizonResult h, int t, String member) {
        return h.members().stream().filter(m -> m.period() == t && m.member().equals(member)).findFirst().orElseThrow();
    }

    static HorizonResult.CommunityPeriod community(HorizonResult h, int t, String id) {
        return h.communities().stream().filter(c -> c.period() == t && c.community().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Linear: pv (0.02/kWh, 6 then 2 kWh) and a fixed 4 kWh flat, fee 0.01, outside 0.25 / 0.05
     * then 0.04. Period 1: pv sells 4 to the flat through the pool and exports 2; the exporting
     * seller's value is pi_exp = 0.05, so lambda = 0.05 + phi = 0.06, the flat's value 0.07.
     * Period 2: the flat imports 2 at 0.25, lambda = 0.25 - phi = 0.24, pv's value 0.23.
     * Objective 0.12 + 0.08 - 0.10 = 0.10 and 0.04 + 0.04 + 0.50 = 0.58.
     */
    @Test
    void linearCommunityMatchesHandSolution() {
        Scenario s = parse("""
                name: c
                periods: 2
                market: {type: community}
                communities:
                  - {id: street, members: [pv, flat], manager: {fee: 0.01, import_price: 0.25, export_price: [0.05, 0.04]}}
                peers:
                  - {id: pv, cost: {b: 0.02}, pmin: 0, pmax: [6, 2]}
                  - {id: flat, pmin: -4, pmax: -4}
                """);
        HorizonResult h = new CommunityMarket().clear(s);
        assertThat(h.periods()).allMatch(ClearingResult::optimal);
        ClearingResult p1 = h.periods().get(0);
        assertThat(p1.p()).containsExactly(new double[] {6, -4}, within(1e-9));
        assertThat(p1.mu()).containsExactly(new double[] {0.05, 0.07}, within(1e-9));
        assertThat(flow(h, 0, "pv").q()).isCloseTo(4, within(1e-9));
        assertThat(flow(h, 0, "pv").beta()).isCloseTo(2, within(1e-9));
        assertThat(flow(h, 0, "flat").q()).isCloseTo(-4, within(1e-9));
        assertThat(community(h, 0, "street").price()).isCloseTo(0.06, within(1e-9));
        assertThat(p1.objective()).isCloseTo(0.10, within(1e-9));
        ClearingResult p2 = h.periods().get(1);
        assertThat(flow(h, 1, "flat").alpha()).isCloseTo(2, within(1e-9));
        assertThat(community(h, 1, "street").price()).isCloseTo(0.24, within(1e-9));
        assertThat(p2.mu()).containsExactly(new double[] {0.23, 0.25}, within(1e-9));
        assertThat(p2.objective()).isCloseTo(0.58, within(1e-9));
        // books: period 1 pv pays 0.06*(-4) + 0.04 - 0.05*2 = -0.30, flat 0.06*4 + 0.04 = 0.28
        assertThat(flow(h, 0, "pv").payment()).isCloseTo(-0.30, within(1e-9));
        assertThat(flow(h, 0, "flat").payment()).isCloseTo(0.28, within(1e-9));
        assertBooksBalance(h);
    }

    /**
     * Quadratic: producer 0.5*0.02 p^2 + 0.05 p, consumer willingness 0.30 - 0.04 x, fee 0.01,
     * outside prices out of reach (0.25 / 0.05 would need lambda outside [0.06, 0.24]).
     * 0.02 s + 0.05 = lambda - 0.01 and 0.30 - 0.04 s = lambda + 0.01 give s = 0.23 / 0.06,
     * lambda = 0.02 s + 0.06.
     */
    @Test
    void quadraticCommunityPriceIsClosedForm() {
        Scenario s = parse("""
                name: q
                market: {type: community}
                communities:
                  - {id: c, members: [gen, load], manager: {fee: 0.01, import_price: 0.25, export_price: 0.05}}
                peers:
                  - {id: gen, cost: {a: 0.02, b: 0.05}, pmin: 0, pmax: 10}
                  - {id: load, cost: {a: 0.04, b: 0.30}, pmin: -10, pmax: 0}
                """);
        HorizonResult h = new CommunityMarket().clear(s);
        double sold = 0.23 / 0.06;
        double lambda = 0.02 * sold + 0.06;
        assertThat(h.periods().get(0).optimal()).isTrue();
        assertThat(h.periods().get(0).p()).containsExactly(new double[] {sold, -sold}, within(1e-7));
        assertThat(community(h, 0, "c").price()).isCloseTo(lambda, within(1e-7));
        assertThat(community(h, 0, "c").imports()).isCloseTo(0, within(1e-7));
        double objective = 0.01 * sold * sold + 0.05 * sold + 0.02 * sold * sold - 0.30 * sold + 0.02 * sold;
        assertThat(h.periods().get(0).objective()).isCloseTo(objective, within(1e-7));
        assertBooksBalance(h);
    }

    /**
     * Cheap import 0.10, fee 0, import cap binding or not. Uncapped: the consumer buys until
     * 0.30 - 0.04 x = 0.10 (x = 5), the producer sells until 0.02 s + 0.05 = 0.10 (s = 2.5),
     * import 2.5, lambda = 0.10. Cap 1: x = s + 1 and 0.30 - 0.04 x = 0.02 s + 0.05 give
     * s = 3.5, x = 4.5, lambda = 0.12.
     */
    @Test
    void importCapBindsOrNot() {
        String yaml = """
                name: cap
                market: {type: community}
                communities:
                  - {id: c, members: [gen, load], manager: {fee: 0, import_price: 0.10, export_price: 0.0CAP}}
                peers:
                  - {id: gen, cost: {a: 0.02, b: 0.05}, pmin: 0, pmax: 10}
                  - {id: load, cost: {a: 0.04, b: 0.30}, pmin: -10, pmax: 0}
                """;
        HorizonResult free = new CommunityMarket().clear(parse(yaml.replace("CAP", "")));
        assertThat(free.periods().get(0).p()).containsExactly(new double[] {2.5, -5}, within(1e-7));
        assertThat(community(free, 0, "c").imports()).isCloseTo(2.5, within(1e-7));
        assertThat(community(free, 0, "c").price()).isCloseTo(0.10, within(1e-7));
        HorizonResult capped = new CommunityMarket().clear(parse(yaml.replace("CAP", ", import_cap: 1")));
        assertThat(capped.periods().get(0).p()).containsExactly(new double[] {3.5, -4.5}, within(1e-7));
        assertThat(community(capped, 0, "c").imports()).isCloseTo(1, within(1e-7));
        assertThat(community(capped, 0, "c").price()).isCloseTo(0.12, within(1e-7));
        assertThat(capped.periods().get(0).mu()[1]).isCloseTo(0.12, within(1e-7));
        assertBooksBalance(free);
        assertBooksBalance(capped);
    }

    /**
     * Preferences: w_imp 0.05 for both members (otherwise pv would import for the flat): the
     * flat imports 2 at 0.25 and values energy at 0.25 + 0.05, which is also the pool price.
     */
    @Test
    void importPreferenceShiftsTheMemberValue() {
        Scenario s = parse("""
                name: w
                market: {type: community}
                communities:
                  - {id: c, members: [pv, flat], manager: {fee: 0, import_price: 0.25, export_price: 0.05}}
                peers:
                  - {id: pv, cost: {b: 0.02}, pmin: 0, pmax: 2, w_imp: 0.05}
                  - {id: flat, pmin: -4, pmax: -4, w_imp: 0.05}
                """);
        HorizonResult h = new CommunityMarket().clear(s);
        // the flat imports 2 at 0.25 + 0.05: its value 0.30; objective 0.04 + 0.50 + 0.10
        assertThat(h.periods().get(0).mu()[1]).isCloseTo(0.30, within(1e-9));
        assertThat(h.periods().get(0).objective()).isCloseTo(0.64, within(1e-9));
        assertThat(flow(h, 0, "flat").payment()).isCloseTo(0.30 * 2 + 0.50, within(1e-9));
        assertBooksBalance(h);
    }

    /** Caps that leave the members unable to balance: a reported infeasibility, not an exception. */
    @Test
    void infeasibleCapsAreAResult() {
        Scenario s = parse("""
                name: inf
                market: {type: community}
                communities:
                  - {id: c, members: [flat], manager: {import_price: 0.2, export_price: 0.1, import_cap: 1}}
                peers:
                  - {id: flat, pmin: -4, pmax: -4}
                """);
        HorizonResult h = new CommunityMarket().clear(s);
        assertThat(h.periods().get(0).status()).isEqualTo(Status.INFEASIBLE);
        assertThat(h.periods().get(0).cause()).contains("community cap");
    }

    /**
     * Independent of the code's own books: recompute every payment from the member flows and
     * prices (§2 settlement). In a community market the pool nets to zero; in a hybrid one it
     * nets to the community's import - export, bought at the parent price, and a binding cap
     * leaves the manager (lambda_c - parent price) * net import.
     */
    static void assertBooksBalance(HorizonResult h) {
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            List<HorizonResult.MemberFlow> ms = h.members().stream()
                    .filter(m -> m.period() == c.period() && m.community().equals(c.community())).toList();
            boolean hybrid = !c.parent().isEmpty() || ms.stream().allMatch(m -> m.alpha() == 0 && m.beta() == 0)
                    && Math.abs(ms.stream().mapToDouble(HorizonResult.MemberFlow::q).sum()) > 1e-9;
            double netImport = hybrid ? c.imports() - c.exports() : 0;
            double internal = ms.stream().mapToDouble(m -> c.price() * -m.q()).sum();
            double paid = ms.stream().mapToDouble(HorizonResult.MemberFlow::payment).sum();
            double each = ms.stream().mapToDouble(m -> Math.abs(m.q())).sum();
            double fees = c.fees();
            double g = c.importPrice() * c.imports() - c.exportPrice() * c.exports();
            double rent = hybrid ? (c.price() - c.importPrice()) * netImport : 0;
            assertThat(internal - c.price() * netImport).as("internal payments of " + c.community()).isCloseTo(0, within(0.005));
            assertThat(fees).as("fees of " + c.community()).isGreaterThanOrEqualTo(0);
            assertThat(each).isGreaterThanOrEqualTo(0);
            assertThat(paid - fees - g - rent).as("books of " + c.community()).isCloseTo(0, within(0.005));
        }
    }
}
