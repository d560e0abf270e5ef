package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.market.HorizonResult;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.ActorKind;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;

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
}
