package org.peermarket.settlement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Trade;
import org.peermarket.model.Community;
import org.peermarket.model.Scenario;

/**
 * markets.md §2 settlement of community pools, from the members' flows a horizon run reports:
 * member n pays its manager lambda_c (-q_n) for pool energy (receives it when q_n > 0), phi |q_n|
 * as the community fee, pi_imp alpha_n for imports and receives pi_exp beta_n for exports; in a
 * community market the manager passes the outside part on to the retailer, G = pi_imp q_imp -
 * pi_exp q_exp. In a hybrid market the manager's outside is its trades in the parent market
 * (settled as trades) or its flows as a member of the parent community.
 */
final class CommunitySettlement {
    private static final double QUANTITY_FLOOR = 1e-9;

    private CommunitySettlement() {}

    static void add(Scenario s, HorizonResult h, List<Transaction> out, List<Actor> actors) {
        Map<String, HorizonResult.CommunityPeriod> books = new HashMap<>();
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            books.put(c.community() + "@" + c.period(), c);
        }
        Accounts accounts = new Accounts(s, actors);
        for (HorizonResult.MemberFlow m : h.members()) {
            HorizonResult.CommunityPeriod c = books.get(m.community() + "@" + m.period());
            Community com = accounts.community(m.community());
            Actor manager = accounts.manager(m.community());
            Actor member = accounts.member(m.member());
            int t = m.period();
            double q = m.q();
            if (q < -QUANTITY_FLOOR) {
                out.add(Transaction.of(t, TransactionType.ENERGY_TRADE, member, manager, -q, c.price()));
            } else if (q > QUANTITY_FLOOR) {
                out.add(Transaction.of(t, TransactionType.ENERGY_TRADE, manager, member, q, c.price()));
            }
            double phi = com.manager().fee().at(t);
            if (Math.abs(q) > QUANTITY_FLOOR && phi != 0) {
                out.add(Transaction.of(t, TransactionType.COMMUNITY_FEE, member, manager, Math.abs(q), phi));
            }
            if (m.alpha() > QUANTITY_FLOOR) {
                out.add(Transaction.of(t, TransactionType.IMPORT, member, manager, m.alpha(), c.importPrice()));
            }
            if (m.beta() > QUANTITY_FLOOR) {
                out.add(Transaction.of(t, TransactionType.EXPORT, manager, member, m.beta(), c.exportPrice()));
            }
            addGridCharge(m, member, out);
        }
        if (isCommunityMarket(s)) {
            for (HorizonResult.CommunityPeriod c : h.communities()) {
                Actor manager = manager(c.community(), actors);
                if (c.imports() > QUANTITY_FLOOR) {
                    out.add(Transaction.of(c.period(), TransactionType.IMPORT, manager, retailer(actors), c.imports(),
                            c.importPrice()));
                }
                if (c.exports() > QUANTITY_FLOOR) {
                    out.add(Transaction.of(c.period(), TransactionType.EXPORT, retailer(actors), manager, c.exports(),
                            c.exportPrice()));
                }
            }
        }
    }

    /**
     * A network charge on the member's legs (docs/combinations.md), paid to the DSO: one transaction over the energy
     * the legs carried (pool trade, import, export) at the average charge per kWh.
     */
    private static void addGridCharge(HorizonResult.MemberFlow m, Actor member, List<Transaction> out) {
        double energy = Math.abs(m.q()) + m.alpha() + m.beta();
        if (m.gridCharge() != 0 && energy > QUANTITY_FLOOR) {
            out.add(Transaction.of(m.period(), TransactionType.GRID_CHARGE, member, Actor.DSO, energy,
                    m.gridCharge() / energy));
        }
    }

    /**
     * The accounts a year of member flows names, each looked up once: a member is a peer, or a
     * sub-community's manager; managers join {@code actors} in order of first appearance.
     */
    private static final class Accounts {
        private final Scenario s;
        private final List<Actor> actors;
        private final Map<String, Integer> peers;
        private final Map<String, Actor> managers = new HashMap<>();
        private final Map<String, Actor> members = new HashMap<>();
        private final Map<String, Community> communities = new HashMap<>();

        Accounts(Scenario s, List<Actor> actors) {
            this.s = s;
            this.actors = actors;
            this.peers = s.indexById();
        }

        Actor manager(String id) {
            return managers.computeIfAbsent(id, k -> CommunitySettlement.manager(k, actors));
        }

        Actor member(String id) {
            return members.computeIfAbsent(id, k -> peers.containsKey(k) ? Actor.peer(k) : manager(k));
        }

        Community community(String id) {
            return communities.computeIfAbsent(id, k -> s.communities().byId(k).orElseThrow());
        }
    }

    private static boolean isCommunityMarket(Scenario s) {
        return !s.market().type().equals("hybrid");
    }

    private static Actor manager(String id, List<Actor> actors) {
        Actor a = new Actor(id, ActorKind.COMMUNITY_MANAGER);
        if (!actors.contains(a)) {
            actors.add(a);
        }
        return a;
    }

    private static Actor retailer(List<Actor> actors) {
        if (!actors.contains(Actor.RETAILER)) {
            actors.add(Actor.RETAILER);
        }
        return Actor.RETAILER;
    }

    /**
     * What each manager keeps, compared before rounding with the clearing's books (markets.md §2:
     * "the CM's books must balance"). In a community market exactly the fees: the pool payments
     * sum to zero and the outside payments pass through. In a hybrid market (§3) the fees, the
     * congestion rent (lambda_c - mu_c)(import - export) when a cap binds, and, on its trades in
     * the root market, its own preference per kWh: as seller it receives mu_c + pref_c(j), as
     * buyer it pays mu_c - pref_c(i), while its members pay lambda_c.
     */
    static void checkBooks(Scenario s, HorizonResult h, Settlement settlement) {
        boolean hybrid = !isCommunityMarket(s);
        Map<String, Double> kept = new HashMap<>();
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            kept.merge(c.community(), c.fees() + (hybrid ? c.rent() : 0), Double::sum);
        }
        if (hybrid) {
            for (ClearingResult r : h.periods()) {
                for (Trade tr : r.trades()) {
                    String seller = h.agents().get(tr.seller());
                    String buyer = h.agents().get(tr.buyer());
                    s.communities().byId(seller).ifPresent(c -> kept.merge(seller, c.pref(buyer) * tr.quantity(), Double::sum));
                    s.communities().byId(buyer).ifPresent(c -> kept.merge(buyer, c.pref(seller) * tr.quantity(), Double::sum));
                }
            }
        }
        kept.forEach((id, want) -> {
            double net = settlement.exactNet(new Actor(id, ActorKind.COMMUNITY_MANAGER));
            if (Math.abs(net - want) > 1e-6 * Math.max(1, Math.abs(want))) {
                throw new IllegalStateException("community '" + id + "': the manager's books do not balance: it keeps "
                        + net + " but its " + (hybrid ? "fees, rent and preferences come to " : "fees come to ") + want);
            }
        });
    }
}
