package org.peermarket.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.peermarket.grid.Cases;
import org.peermarket.grid.GridCase;
import org.peermarket.model.AdmmOptions;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.GridSpec;
import org.peermarket.model.Peer;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;

/**
 * A live market from a scenario file (docs/platform.md#markets-from-a-scenario): the file {@code peermarket run}
 * reads, checked by the same reader. It gives the mechanism ({@code market}), the delivery periods
 * ({@code periods}, {@code period_hours}), the network ({@code grid}, a built-in case) and the DSO's policy
 * ({@code dso}); each peer is the existing participant of the same id, at its {@code bus}. The peers' costs,
 * bounds and listed orders are not used: the participants post their own orders.
 */
final class ScenarioMarket {
    /** What a market from a scenario has no live counterpart for. */
    private static final List<String> MECHANISMS = List.of("p2p/", "auction/", "cda/");

    private ScenarioMarket() {}

    /** The market {@code id} (the scenario's name when null) starting at {@code start}; problems as a 422. */
    static MarketDef define(String text, String id, Instant start, int gateMinutes, Predicate<String> participantExists) {
        boolean json = text.stripLeading().startsWith("{");
        Scenario s = ScenarioParser.parse(text, "scenario", json);
        List<Problem> problems = new ArrayList<>();
        String mechanism = s.market().type() + "/" + s.market().solver();
        if (MECHANISMS.stream().noneMatch(mechanism::startsWith)) {
            problems.add(new Problem("market.type", s.market().type(), "a market from a scenario is p2p, auction or cda;"
                    + " create a community market with POST /api/markets and its community"));
        }
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
        return new MarketDef(id != null ? id : s.name(), mechanism, start, (int) minutes, gateMinutes, s.periods(), grid);
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
        if (MarketGrid.P2P_ONLY.contains(dso.policy()) && !mechanism.startsWith("p2p/")) {
            problems.add(new Problem("dso.policy", dso.policy(), "applies to p2p/* markets (it changes the P2P program's"
                    + " trade costs or rows); " + mechanism + " takes none or block"));
        }
        MarketNetwork network = new MarketNetwork(spec.caseRef(), null, spec, buses);
        return MarketGrid.of(new MarketNetwork.Parsed(network, dso, MarketGrid.DEFAULT_PREFERENCE), loaded);
    }
}
