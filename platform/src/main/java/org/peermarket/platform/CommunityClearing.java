package org.peermarket.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.MatchFilter;
import org.peermarket.model.Communities;
import org.peermarket.model.Community;
import org.peermarket.model.Cost;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.MarketSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.PeriodValues;
import org.peermarket.model.Scenario;
import org.peermarket.model.Units;
import org.peermarket.settlement.Actor;
import org.peermarket.study.pipeline.Pipeline;

/**
 * Gate closure of one delivery period of a {@code community/central} market (markets.md section 2,
 * docs/platform.md#community-markets). Every price-quantity point of every live order is one
 * member of the section 2 problem with the linear cost C(p) = price p (a seller 0 &lt;= p &lt;=
 * quantity, a buyer -quantity &lt;= p &lt;= 0), as {@link Clearing} maps P2P tranches; the
 * community is the market's, with the manager's terms of this period and w_imp = w_exp = 0. The
 * registered mechanism clears this one-period scenario in the run pipeline's clearing phase
 * ({@link Pipeline#clearPeriod}, after the DSO phase when the market has a grid and a policy); its q_n, alpha_n, beta_n and lambda_c
 * are checked here (balances, bounds, pool, caps) before anything is recorded.
 *
 * <p>Fills are recorded as trades with the pool: a member's pool sale or purchase is a trade with
 * the manager at lambda_c, its import (export) one with the manager at pi_imp (pi_exp), and the
 * community's total import (export) a trade between the outside ({@link #OUTSIDE}) and the
 * manager at the same prices. The manager's and the outside's side have no order (order 0).
 */
public final class CommunityClearing {
    /** The community's outside (retailer, feed-in): the settlement module's retailer account. */
    public static final String OUTSIDE = Actor.RETAILER.id();
    /** Order id on the side of a trade that has no order (the pool, the outside). */
    public static final long NO_ORDER = 0;
    private static final double TOL = 1e-6;
    private static final double FLOOR = 1e-9;

    private CommunityClearing() {}

    /** Point {@code point} of a live order: one member of the section 2 problem. */
    public record Member(Order order, int point, double quantity, double price) {
        String id() {
            return order.id() + "#" + point;
        }

        double lo() {
            return order.buy() ? -quantity : 0;
        }

        double hi() {
            return order.buy() ? 0 : quantity;
        }
    }

    /** A member's result, kWh: p its injection, q its net sale to the pool, alpha its import, beta its export. */
    public record Flow(Member member, double p, double q, double alpha, double beta) {}

    /** One trade to record: seller to buyer, at price per kWh; {@link #NO_ORDER} on a side without an order. */
    public record Leg(long sellerOrder, long buyerOrder, String seller, String buyer, double quantity, double price) {}

    /**
     * One period's result. {@code price} is lambda_c (NaN when there was nothing to clear or the
     * mechanism found no optimum; {@code cause} then says why); {@code scenario} and {@code horizon}
     * are what the mechanism saw and answered, for the settlement.
     */
    public record Outcome(String status, String cause, MarketCommunity community, int period, double price, double imports,
                          double exports, List<Flow> flows, Scenario scenario, HorizonResult horizon) {

        public boolean solved() {
            return horizon != null;
        }

        /** Energy traded in the pool: sum of the members' positive q_n. */
        public double volume() {
            return flows.stream().mapToDouble(f -> Math.max(0, f.q())).sum();
        }

        public double importPrice() {
            return community.importPrice(period);
        }

        public double exportPrice() {
            return community.exportPrice(period);
        }

        /** What each order got: the sum of |p_n| over its points. */
        public Map<Long, Double> filled() {
            Map<Long, Double> out = new HashMap<>();
            flows.forEach(f -> out.merge(f.member().order().id(), Math.abs(f.p()), Double::sum));
            return out;
        }

        /** The trades that record this result (class comment). */
        public List<Leg> legs() {
            List<Leg> out = new ArrayList<>();
            String manager = community.manager();
            for (Flow f : flows) {
                long o = f.member().order().id();
                String who = f.member().order().participant();
                if (f.q() > FLOOR) {
                    out.add(new Leg(o, NO_ORDER, who, manager, f.q(), price));
                } else if (f.q() < -FLOOR) {
                    out.add(new Leg(NO_ORDER, o, manager, who, -f.q(), price));
                }
                if (f.alpha() > FLOOR) {
                    out.add(new Leg(NO_ORDER, o, manager, who, f.alpha(), importPrice()));
                }
                if (f.beta() > FLOOR) {
                    out.add(new Leg(o, NO_ORDER, who, manager, f.beta(), exportPrice()));
                }
            }
            if (imports > FLOOR) {
                out.add(new Leg(NO_ORDER, NO_ORDER, OUTSIDE, manager, imports, importPrice()));
            }
            if (exports > FLOOR) {
                out.add(new Leg(NO_ORDER, NO_ORDER, manager, OUTSIDE, exports, exportPrice()));
            }
            return out;
        }
    }

    /** Clears period k of community market m over its live orders, without a DSO policy. */
    static Outcome clear(MarketDef m, int k, List<Order> live) {
        return clear(m, k, live, Clearing.Grid.NONE);
    }

    /**
     * Clears period k of community market m over its live orders, under the DSO policy of its {@code grid}: each
     * member's pool and outside legs shaped, line limits inside, its members at their participants' buses (the
     * batch run's DSO phase on the same one-period program; docs/combinations.md).
     */
    static Outcome clear(MarketDef m, int k, List<Order> live, Clearing.Grid grid) {
        MarketCommunity c = m.community();
        List<Member> members = new ArrayList<>();
        for (Order o : live) {
            for (int i = 0; i < o.points().size(); i++) {
                members.add(new Member(o, i, o.points().get(i).quantity(), o.points().get(i).price()));
            }
        }
        if (members.isEmpty()) {
            return new Outcome("cleared", "", c, k, Double.NaN, 0, 0, List.of(), null, null);
        }
        Scenario s = scenario(m, k, members, grid.dso());
        String[] name = m.mechanism().split("/", 2);
        List<Order> owners = members.stream().map(Member::order).toList();
        // the pipeline's DSO and clearing phases on the one-period scenario (docs/pipeline.md)
        HorizonResult r = Pipeline.clearPeriod(s, () -> MarketInputs.graph(s), () -> MatchFilter.ACCEPT_ALL, Optional.empty(),
                        grid.horizon(owners))
                .clearing().cleared().horizon().orElseThrow(() -> new IllegalStateException("mechanism " + m.mechanism()
                        + " did not clear the community's period as one program"));
        ClearingResult period = r.periods().get(0);
        if (!period.hasResult()) {
            return new Outcome(period.status().name().toLowerCase(java.util.Locale.ROOT), period.cause(), c, k, Double.NaN, 0, 0,
                    List.of(), s, null);
        }
        Outcome out = read(c, k, members, s, r, name[0]);
        check(out);
        return out;
    }

    /** The one-period section 2 scenario: each member a peer with a linear cost, all in the market's community. */
    static Scenario scenario(MarketDef m, int k, List<Member> members, Optional<DsoSpec> dso) {
        MarketCommunity c = m.community();
        List<Peer> peers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Member mb : members) {
            Cost cost = new Cost(PeriodValues.constant(0), PeriodValues.constant(mb.price()), 0);
            peers.add(new Peer(mb.id(), OptionalInt.empty(), cost, PeriodValues.constant(mb.lo()), PeriodValues.constant(mb.hi()),
                    Map.of(), Optional.empty()));
            ids.add(mb.id());
        }
        Community.Manager terms = new Community.Manager(PeriodValues.constant(c.fee(k)), PeriodValues.constant(c.importPrice(k)),
                PeriodValues.constant(c.exportPrice(k)), PeriodValues.constant(c.importCap(k)), PeriodValues.constant(c.exportCap(k)));
        Communities communities = new Communities(List.of(new Community(c.manager(), ids, terms, Map.of())), Map.of(), Map.of(),
                Optional.empty());
        String[] name = m.mechanism().split("/", 2);
        return new Scenario(m.scope(k), "live period " + k + " of market " + m.id(), 1, m.periodMinutes() / 60.0, Units.DEFAULT,
                new MarketSpec(name[0], name[1]), peers, List.of(), Optional.empty(), communities, Map.of(), dso,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Outcome read(MarketCommunity c, int k, List<Member> members, Scenario s, HorizonResult r, String type) {
        Map<String, HorizonResult.MemberFlow> byId = new HashMap<>();
        r.members().forEach(f -> byId.put(f.member(), f));
        if (r.communities().size() != 1 || byId.size() != members.size()) {
            throw new IllegalStateException(type + " clearing of " + s.name() + " reported " + r.communities().size()
                    + " communities and " + byId.size() + " member flows for " + members.size() + " members");
        }
        double[] p = r.periods().get(0).p();
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            HorizonResult.MemberFlow f = byId.get(members.get(i).id());
            flows.add(new Flow(members.get(i), p[i], f.q(), f.alpha(), f.beta()));
        }
        HorizonResult.CommunityPeriod cp = r.communities().get(0);
        return new Outcome("optimal", "", c, k, cp.price(), cp.imports(), cp.exports(), flows, s, r);
    }

    /**
     * The result is recorded only when it is one: every member within its bounds and balanced
     * (p + alpha = q + beta), alpha, beta >= 0, the pool balanced (sum q = 0), the totals within
     * the caps and equal to the members' sums, and a finite price (markets.md section 2).
     */
    static void check(Outcome o) {
        double pool = 0;
        double scale = 1;
        double imports = 0;
        double exports = 0;
        for (Flow f : o.flows()) {
            Member m = f.member();
            double size = Math.max(1, m.quantity());
            String at = "order " + m.order().id() + " point " + m.point();
            require(f.p() >= m.lo() - TOL * size && f.p() <= m.hi() + TOL * size, at + ": p = " + f.p() + " outside [" + m.lo()
                    + ", " + m.hi() + "]");
            require(f.alpha() >= -TOL * size && f.beta() >= -TOL * size, at + ": negative import or export");
            require(Math.abs(f.p() + f.alpha() - f.q() - f.beta()) <= TOL * size, at + ": p + alpha != q + beta");
            pool += f.q();
            scale += Math.abs(f.q());
            imports += f.alpha();
            exports += f.beta();
        }
        require(Math.abs(pool) <= TOL * scale, "the pool does not balance: sum q = " + pool);
        require(Math.abs(imports - o.imports()) <= TOL * Math.max(1, imports)
                && Math.abs(exports - o.exports()) <= TOL * Math.max(1, exports), "community totals differ from the members' sums");
        require(o.imports() <= o.community().importCap(o.period()) + TOL * Math.max(1, o.imports()), "import " + o.imports()
                + " above the cap " + o.community().importCap(o.period()));
        require(o.exports() <= o.community().exportCap(o.period()) + TOL * Math.max(1, o.exports()), "export " + o.exports()
                + " above the cap " + o.community().exportCap(o.period()));
        require(Double.isFinite(o.price()), "no community price");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("community clearing rejected: " + what);
        }
    }
}
