package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Trade;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.ActorKind;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Transaction;
import org.peermarket.settlement.TransactionType;
import org.peermarket.study.pipeline.RunResult;

/** markets.md §2 settlement of the community examples: the managers' books and every member's payment. */
class CommunitySettlementTest {

    @Test
    void communityBasicBooksByHand() {
        RunResult run = Runner.run(Examples.load("community-basic").orElseThrow());
        Settlement st = MarketSettlement.settle(run.scenario(), run.periods(), false, run.horizon());
        assertThat(st.systemTotal()).isZero();
        Actor street = new Actor("street", ActorKind.COMMUNITY_MANAGER);
        // pool volumes (communities.csv and the peers' q): 2+2 kWh, 4+1+3 kWh... in all 20 kWh each
        // side pays 0.01 on: the manager keeps 0.20 and nothing else
        assertThat(st.exactNet(street)).isCloseTo(0.20, within(1e-9));
        // the retailer: 1 kWh imported in period 1 and 5 in period 3 at 0.25, 6 exported at 0.04 in period 2
        assertThat(st.exactNet(Actor.RETAILER)).isCloseTo(6 * 0.25 - 6 * 0.04, within(1e-9));
        // each member pays what the clearing's markets.md §2 formula says, to half a cent per line
        HorizonResult h = run.horizon().orElseThrow();
        for (String id : new String[] {"home-a", "home-b", "home-c", "home-d"}) {
            double payment = h.members().stream().filter(m -> m.member().equals(id))
                    .mapToDouble(HorizonResult.MemberFlow::payment).sum();
            Actor a = Actor.peer(id);
            long lines = st.transactions().stream().filter(t -> t.payer().equals(a) || t.payee().equals(a)).count();
            assertThat(st.exactNet(a)).as(id).isCloseTo(-payment, within(1e-9));
            assertThat(Math.abs(st.net(a) / 100.0 + payment)).as(id).isLessThanOrEqualTo(0.005 * lines + 1e-9);
        }
    }

    @Test
    void hybridManagersKeepTheirFeesAndRent() {
        RunResult run = Runner.run(Examples.load("hybrid-nested").orElseThrow());
        Settlement st = MarketSettlement.settle(run.scenario(), run.periods(), false, run.horizon());
        assertThat(st.systemTotal()).isZero();
        HorizonResult h = run.horizon().orElseThrow();
        // no preferences between the block and its parent, so the block keeps exactly fees + rent
        double kept = h.communities().stream().filter(c -> c.community().equals("block"))
                .mapToDouble(c -> c.fees() + c.rent()).sum();
        assertThat(st.exactNet(new Actor("block", ActorKind.COMMUNITY_MANAGER))).isCloseTo(kept, within(1e-9));
        // the wind farm is paid for 3 + 2 + 10 kWh at the trades' prices
        assertThat(st.exactNet(Actor.peer("wind"))).isCloseTo(3 * 0.246 + 2 * 0.03 + 10 * 0.03, within(1e-9));
    }

    /**
     * Each peer's billed energy in every period equals its flows, recomputed here from the
     * clearing's own report: trades (sold minus bought), q + beta - alpha for a member, and
     * dispatch plus storage on the injection side.
     */
    @ParameterizedTest
    @ValueSource(strings = {"community-basic", "hybrid-nested", "moreno-17peer", "vpp-community"})
    void everyPeersBilledEnergyIsItsFlows(String example) {
        RunResult run = Runner.run(Examples.load(example).orElseThrow());
        Settlement st = MarketSettlement.settle(run.scenario(), run.periods(), false, run.horizon());
        HorizonResult h = run.horizon().orElseThrow();
        int n = run.scenario().peers().size();
        for (int t = 0; t < run.periods().size(); t++) {
            double[] flows = new double[n];
            for (Trade tr : run.periods().get(t).trades()) {
                if (tr.seller() < n) {
                    flows[tr.seller()] += tr.quantity();
                }
                if (tr.buyer() < n) {
                    flows[tr.buyer()] -= tr.quantity();
                }
            }
            for (HorizonResult.MemberFlow m : h.members()) {
                int k = run.scenario().peerIndex(m.member());
                if (m.period() == t && k >= 0) {
                    flows[k] += m.q() + m.beta() - m.alpha();
                }
            }
            double[] injection = run.periods().get(t).p().clone();
            for (HorizonResult.StorageStep sp : h.storage()) {
                if (sp.period() == t) {
                    injection[run.scenario().peerIndex(sp.peer())] += sp.discharge() - sp.charge();
                }
            }
            for (int k = 0; k < n; k++) {
                String id = run.scenario().peers().get(k).id();
                assertThat(billed(st, id, t)).as("%s period %d", id, t + 1).isCloseTo(flows[k], within(1e-6))
                        .isCloseTo(injection[k], within(1e-6 * Math.max(1, Math.abs(injection[k]))));
            }
        }
    }

    /** Sold minus bought kWh in the settlement's energy lines of one peer and period. */
    private static double billed(Settlement st, String id, int t) {
        Actor a = Actor.peer(id);
        double sum = 0;
        for (Transaction tr : st.transactions()) {
            boolean energy = tr.type() == TransactionType.ENERGY_TRADE || tr.type() == TransactionType.IMPORT
                    || tr.type() == TransactionType.EXPORT;
            if (energy && tr.period() == t) {
                sum += tr.payee().equals(a) ? tr.quantity() : tr.payer().equals(a) ? -tr.quantity() : 0;
            }
        }
        return sum;
    }

    /** A member's export the settlement did not bill (a tampered flow) fails the energy check, naming the peer. */
    @Test
    void aFlowMissingFromTheBillsIsCaught() {
        RunResult run = Runner.run(Examples.load("community-basic").orElseThrow());
        HorizonResult h = run.horizon().orElseThrow();
        List<HorizonResult.MemberFlow> members = new ArrayList<>();
        for (HorizonResult.MemberFlow m : h.members()) {
            boolean tamper = m.period() == 1 && m.member().equals("home-a");
            members.add(tamper ? new HorizonResult.MemberFlow(m.period(), m.member(), m.community(), m.q(), m.alpha(),
                    m.beta() + 1, m.payment()) : m);
        }
        HorizonResult bad = new HorizonResult(h.periods(), h.agents(), members, h.communities(), h.storage(),
                h.coordination(), h.tradeEdges());
        assertThatThrownBy(() -> MarketSettlement.settle(run.scenario(), run.periods(), false, Optional.of(bad)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("period 2: peer home-a");
    }

    /**
     * A hybrid manager with a preference on its root trade, by hand: the street's one fixed load
     * of 2 kWh is served by the outside grid at 0.30; the street dislikes the outside by 0.01/kWh,
     * so its root price is mu = 0.31 and the pool price lambda_c = 0.31 (no cap, no fee). The
     * load pays 2 x 0.31 = 0.62, the manager pays the grid 2 x 0.30 = 0.60 and keeps 0.02, its
     * preference on 2 kWh: the books check accepts it (and would reject fees + rent alone, 0).
     */
    @Test
    void hybridManagerKeepsItsPreferenceOnRootTrades() {
        Scenario s = ScenarioParser.parse("""
                name: disliked-grid
                periods: 1
                market: {type: hybrid, solver: joint}
                outside: {import_price: 0.30, export_price: 0.03}
                communities:
                  - id: street
                    members: [load]
                    manager: {fee: 0}
                    prefs: {outside: 0.01}
                peers:
                  - id: load
                    pmin: -2
                    pmax: -2
                """, "disliked.yaml", false);
        RunResult run = Runner.run(s);
        Settlement st = MarketSettlement.settle(s, run.periods(), false, run.horizon());
        assertThat(st.exactNet(Actor.peer("load"))).isCloseTo(-0.62, within(1e-9));
        assertThat(st.exactNet(new Actor("street", ActorKind.COMMUNITY_MANAGER))).isCloseTo(0.02, within(1e-9));
        assertThat(st.exactNet(new Actor("outside", ActorKind.RETAILER))).isCloseTo(0.60, within(1e-9));
    }
}
