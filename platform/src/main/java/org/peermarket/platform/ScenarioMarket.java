package org.peermarket.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.peermarket.grid.Cases;
import org.peermarket.grid.GridCase;
import org.peermarket.market.registry.Mechanisms;
import org.peermarket.model.AdmmOptions;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.GridSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.pipeline.DsoPhase;

/**
 * A live market from a scenario file (docs/platform.md#markets-from-a-scenario): the file {@code peermarket run}
 * reads, checked by the same reader. It gives the mechanism ({@code market}), the delivery periods
 * ({@code periods}, {@code period_hours}), the network ({@code grid}, a built-in case) and the DSO's policy
 * ({@code dso}), a community market's one community ({@code communities}); each peer is the existing participant
 * of the same id, at its {@code bus}. The peers' costs, bounds and listed orders are not used: the participants
 * post their own orders.
 */
final class ScenarioMarket {
    /** The mechanisms a market from a scenario may have (hybrid and heat markets have no live definition). */
    private static final List<String> MECHANISMS = List.of("p2p/", "auction/", "cda/", Api.COMMUNITY);

    private ScenarioMarket() {}

    /** The market {@code id} (the scenario's name when null) starting at {@code start}; problems as a 422. */
    static MarketDef define(String text, String id, Instant start, int gateMinutes,
                            Function<String, Optional<Participant>> participants) {
        Predicate<String> participantExists = x -> participants.apply(x).isPresent();
        boolean json = text.stripLeading().startsWith("{");
        Scenario s = ScenarioParser.parse(text, "scenario", json);
        List<Problem> problems = new ArrayList<>();
        String mechanism = s.market().type() + "/" + s.market().solver();
        if (MECHANISMS.stream().noneMatch(mechanism::startsWith)) {
            problems.add(new Problem("market.type", s.market().type(), "a market from a scenario is p2p, auction, cda or"
                    + " community (one community, no outside)"));
        }
        MarketCommunity community = mechanism.equals(Api.COMMUNITY) ? community(s, participants, problems) : null;
        // the gate closure's DSO phase refuses what a batch run refuses (docs/combinations.md)
        Mechanisms.lookup(s.market()).flatMap(x -> DsoPhase.refusal(s, x)).ifPresent(problems::add);
        rules(s, problems);
        if (!s.storage().isEmpty()) {
            String peer = s.storage().keySet().iterator().next();
            problems.add(new Problem("peers[" + s.indexById().get(peer) + "].storage", peer, "not taken live: a live market"
                    + " clears each period on its own orders"));
        }
        double minutes = s.periodHours() * 60;
        if (minutes != Math.rint(minutes) || minutes < 1 || minutes > 1440) {
            problems.add(new Problem("period_hours", String.valueOf(s.periodHours()),
                    "must be a whole number of minutes from 1 to 1440 for a live market"));
        }
        for (int n = 0; n < s.peers().size(); n++) {
            String peer = s.peers().get(n).id();
            if (!participantExists.test(peer)) {
                problems.add(new Problem("peers[" + n + "].id", peer, "no such participant: register it first"
                        + " (POST /api/participants)"));
            }
        }
        MarketGrid grid = grid(s, mechanism, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new MarketDef(id != null ? id : s.name(), mechanism, start, (int) minutes, gateMinutes, s.periods(), grid,
                community);
    }

    /**
     * A scenario's one community as the market's (docs/platform.md#community-markets): its manager is the existing
     * participant named by the community's id, the manager's terms per period; live members have no w_imp or w_exp
     * and every peer is a member.
     */
    private static MarketCommunity community(Scenario s, Function<String, Optional<Participant>> participants,
                                             List<Problem> problems) {
        var cs = s.communities();
        if (cs.list().size() != 1 || cs.outside().isPresent()) {
            problems.add(new Problem("communities", cs.list().size() + " communities", "a live community market has one"
                    + " community and no outside"));
            return null;
        }
        var c = cs.list().get(0);
        if (participants.apply(c.id()).filter(p -> p.has(Role.COMMUNITY_MANAGER)).isEmpty()) {
            problems.add(new Problem("communities[0].id", c.id(), "no such participant with the role community_manager:"
                    + " the manager is the participant of the community's id"));
        }
        for (int n = 0; n < s.peers().size(); n++) {
            String peer = s.peers().get(n).id();
            if (!c.members().contains(peer)) {
                problems.add(new Problem("peers[" + n + "].id", peer, "not a member of " + c.id() + ": every peer of a"
                        + " live community market is a member"));
            }
            if (cs.wImp().getOrDefault(peer, 0.0) != 0 || cs.wExp().getOrDefault(peer, 0.0) != 0) {
                problems.add(new Problem("peers[" + n + "].w_imp", peer, "a live community's members have w_imp = w_exp = 0"));
            }
        }
        var m = c.manager();
        return new MarketCommunity(c.id(), c.members(), series(m.importPrice(), s), series(m.exportPrice(), s),
                series(m.fee(), s), cap(m.importCap(), s, "import_cap", problems), cap(m.exportCap(), s, "export_cap", problems));
    }

    private static List<Double> series(org.peermarket.model.PeriodValues v, Scenario s) {
        List<Double> out = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            out.add(v.at(t));
        }
        return out;
    }

    /** A cap per period, or null for none (infinite in every period); a live cap is set in every period or none. */
    private static List<Double> cap(org.peermarket.model.PeriodValues v, Scenario s, String key, List<Problem> problems) {
        List<Double> out = series(v, s);
        long unlimited = out.stream().filter(x -> Double.isInfinite(x)).count();
        if (unlimited == out.size()) {
            return null;
        }
        if (unlimited > 0) {
            problems.add(new Problem("communities[0].manager." + key, "unlimited in " + unlimited + " periods",
                    "a live community's cap is set in every period or in none"));
        }
        return out;
    }

    /**
     * The live mechanisms clear with the default rules (an auction's k 0.5 and time priority, ADMM's default
     * options) and close the gate by the clock, so a scenario asking for others is refused rather than run otherwise.
     */
    private static void rules(Scenario s, List<Problem> problems) {
        AuctionSpec a = s.market().auction();
        if (a.k() != AuctionSpec.DEFAULT.k()) {
            problems.add(new Problem("market.k", String.valueOf(a.k()), "a live auction prices with k = 0.5"));
        }
        if (a.ties() != AuctionSpec.DEFAULT.ties()) {
            problems.add(new Problem("market.ties", a.ties().name().toLowerCase(java.util.Locale.ROOT),
                    "a live auction breaks ties by time (the order of arrival)"));
        }
        for (int t = 0; t < s.periods(); t++) {
            if (Double.isFinite(a.gate().at(t))) {
                problems.add(new Problem("market.gate", String.valueOf(a.gate().at(t)), "a live market's gate closes by the"
                        + " clock: gateMinutes before each period (query parameter gateMinutes)"));
                break;
            }
        }
        if (!s.market().admm().equals(AdmmOptions.DEFAULTS)) {
            problems.add(new Problem("market", "admm options", "a live p2p/admm market negotiates with the default options"));
        }
    }

    private static MarketGrid grid(Scenario s, String mechanism, List<Problem> problems) {
        if (s.grid().isEmpty()) {
            return null;
        }
        GridSpec spec = s.grid().get();
        if (!Cases.BUILT_IN.contains(spec.caseRef())) {
            problems.add(new Problem("grid.case", spec.caseRef(), "must be a built-in case (" + String.join(", ", Cases.BUILT_IN)
                    + "); upload any other MATPOWER case as text with POST /api/markets, grid.matpower"));
            return null;
        }
        GridCase loaded = Cases.builtIn(spec.caseRef());
        Map<String, Integer> buses = new TreeMap<>();
        for (int n = 0; n < s.peers().size(); n++) {
            Peer p = s.peers().get(n);
            int number = p.bus().orElseThrow();
            if (!loaded.hasBus(number)) {
                problems.add(new Problem("peers[" + n + "].bus", String.valueOf(number), "no such bus in " + loaded.name()));
            } else {
                buses.put(p.id(), number);
            }
        }
        DsoSpec dso = s.dso().orElse(DsoSpec.DEFAULT);
        if (MarketGrid.P2P_ONLY.contains(dso.policy()) && !MarketGrid.takesCosts(mechanism)
                && problems.stream().noneMatch(p -> p.path().equals("dso.policy"))) {
            problems.add(new Problem("dso.policy", dso.policy(), "applies to p2p/* and community markets (it changes the"
                    + " program's trade costs or rows); " + mechanism + " takes none or block"));
        }
        MarketNetwork network = new MarketNetwork(spec.caseRef(), null, spec, buses);
        return MarketGrid.of(new MarketNetwork.Parsed(network, dso, MarketGrid.DEFAULT_PREFERENCE), loaded);
    }
}
