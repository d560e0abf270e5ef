package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Mechanism;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.model.Communities;
import org.peermarket.model.Community;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;

/**
 * c(S) for a community market (markets.md §8: "the characteristic function is the community's
 * optimal cost for each coalition"; docs/profit-sharing.md): coalition S clears the community
 * market of markets.md §2 with S's members alone, under the same manager terms (fee phi,
 * pi_imp, pi_exp, caps) and with the members' storage over the whole horizon (§4); c(S) is
 * that clearing's objective summed over periods,
 *
 * <pre>
 *   sum_t sum_n [ C_n(p_n) + phi (q_n+ + q_n-) + (pi_imp + w_imp_n) alpha_n - (pi_exp + w_exp_n) beta_n ]
 * </pre>
 *
 * cleared by the registered mechanism (the public {@link Mechanism} API only). Communities
 * of one scenario clear independently, so c(S) is the sum over communities of c(S ∩ community),
 * and each community's part is cached by its member set: a scenario of k communities costs
 * sum 2^|c| clearings, not 2^n. Thread-safe.
 */
public final class CommunityCoalitionCost implements CostGame.CoalitionCost {
    private final Scenario s;
    private final Mechanism mechanism;
    /** Each community's members as peer indices. */
    private final List<int[]> members = new ArrayList<>();
    private final List<Map<BitSet, Double>> cache = new ArrayList<>();
    private final int[] communityOf;

    public CommunityCoalitionCost(Scenario s) {
        if (!applies(s)) {
            throw new IllegalArgumentException("the community game needs market.type community, not " + s.market().type());
        }
        this.s = s;
        this.mechanism = Mechanisms.lookup(s.market()).orElseThrow();
        this.communityOf = new int[s.peers().size()];
        Map<String, Integer> index = s.indexById();
        List<Community> list = s.communities().list();
        for (int c = 0; c < list.size(); c++) {
            int[] m = list.get(c).members().stream().mapToInt(index::get).toArray();
            for (int i : m) {
                communityOf[i] = c;
            }
            members.add(m);
            cache.add(new ConcurrentHashMap<>());
        }
    }

    /** True for the scenarios this game is for: market.type community (every peer is a member). */
    public static boolean applies(Scenario s) {
        return s.market().type().equals("community") && !s.communities().isEmpty();
    }

    /** Members of the largest community: it alone has 2^size coalitions to clear. */
    public int largestCommunity() {
        return members.stream().mapToInt(m -> m.length).max().orElse(0);
    }

    /** Clearings run so far (distinct community sub-coalitions). */
    public int clearings() {
        return cache.stream().mapToInt(Map::size).sum();
    }

    @Override
    public double cost(BitSet coalition) {
        List<BitSet> parts = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            parts.add(new BitSet());
        }
        for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
            parts.get(communityOf[i]).set(i);
        }
        double sum = 0;
        for (int c = 0; c < parts.size(); c++) {
            BitSet part = parts.get(c);
            if (!part.isEmpty()) {
                sum += cache.get(c).computeIfAbsent(part, this::clear);
            }
        }
        return sum;
    }

    /** Clears the market of these peers alone and returns its objective over the horizon. */
    private double clear(BitSet coalition) {
        Scenario sub = restrict(s, coalition);
        HorizonResult h = mechanism.clear(sub).horizon().orElseThrow();
        double sum = 0;
        for (ClearingResult r : h.periods()) {
            if (!r.optimal()) {
                throw new IllegalStateException("coalition " + sub.peers().stream().map(Peer::id).toList()
                        + " cannot clear its community market on its own: " + r.status() + " " + r.cause());
            }
            sum += r.objective();
        }
        return sum;
    }

    /**
     * The scenario of the coalition's peers alone: the same periods, units and market, each
     * community restricted to its members in the coalition (empty ones dropped), the members'
     * storage and outside preferences; no tariff, sharing, VPP, grid or DSO policy (not part of
     * the clearing).
     */
    static Scenario restrict(Scenario s, BitSet coalition) {
        List<Peer> peers = new ArrayList<>();
        for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
            peers.add(s.peers().get(i));
        }
        Set<String> ids = new java.util.HashSet<>();
        peers.forEach(p -> ids.add(p.id()));
        List<Community> communities = new ArrayList<>();
        for (Community c : s.communities().list()) {
            List<String> kept = c.members().stream().filter(ids::contains).toList();
            if (!kept.isEmpty()) {
                communities.add(new Community(c.id(), kept, c.manager(), c.prefs()));
            }
        }
        Communities all = s.communities();
        Communities restricted = new Communities(communities, keep(all.wImp(), ids), keep(all.wExp(), ids), all.outside());
        Map<String, Storage> storage = new HashMap<>();
        s.storage().forEach((id, st) -> {
            if (ids.contains(id)) {
                storage.put(id, st);
            }
        });
        return new Scenario(s.name(), s.description(), s.periods(), s.periodHours(), s.units(), s.market(), peers,
                List.of(), java.util.Optional.empty(), restricted, storage);
    }

    private static Map<String, Double> keep(Map<String, Double> weights, Set<String> ids) {
        Map<String, Double> out = new HashMap<>();
        weights.forEach((id, w) -> {
            if (ids.contains(id)) {
                out.put(id, w);
            }
        });
        return out;
    }
}
