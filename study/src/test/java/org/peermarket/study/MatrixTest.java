package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Trade;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.settlement.Actor;
import org.peermarket.study.pipeline.GridStudy;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.settlement.Settlement;
import org.peermarket.study.pipeline.Pipeline;

/**
 * Every market design with and without storage, under every grid and DSO variant, with and without an LFM step and
 * an explicit service (docs/combinations.md), on the 33-bus feeder. A cell either runs and its result is checked
 * here from first principles (each closed market's energy balance, each pool's balance, bounds, the solver's KKT
 * residual, line flows recomputed from the PTDF within the ratings when constrained, nothing on a trade or leg the
 * block policy closes, bills summing to zero to the cent), or it is refused at validation with the reason the
 * table in docs/combinations.md gives; which cells are refused is stated here, not read from the code.
 */
class MatrixTest {
    static final List<String> MARKETS = List.of("p2p/central", "p2p/admm", "auction/uniform", "auction/pay-as-bid",
            "auction/mcafee", "cda/book", "community/central", "hybrid/joint", "hybrid/decomposed");
    static final List<String> GRIDS = List.of("none", "check", "block", "incentive", "charge-unique",
            "charge-distance", "charge-zonal", "constrained");
    static final double THETA = 0.8;
    static final double MW_PER_KWH = 1e-3;

    record Cell(String market, boolean storage, String grid, boolean lfm, boolean service) {
        @Override
        public String toString() {
            return market + (storage ? " +storage" : "") + " grid=" + grid + (lfm ? " +lfm" : "") + (service ? " +service" : "");
        }

        boolean horizon() {
            return market.startsWith("community") || market.startsWith("hybrid");
        }

        boolean auction() {
            return market.startsWith("auction") || market.startsWith("cda");
        }
    }

    static Stream<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        for (String m : MARKETS) {
            for (boolean st : new boolean[] {false, true}) {
                for (String g : GRIDS) {
                    for (boolean lfm : new boolean[] {false, true}) {
                        for (boolean svc : new boolean[] {false, true}) {
                            out.add(new Cell(m, st, g, lfm, svc));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    /** The refusal docs/combinations.md gives for the cell, as the field it names; empty when the cell runs. */
    static Optional<String> refusal(Cell c) {
        boolean jointHorizon = List.of("p2p/central", "community/central", "hybrid/joint", "hybrid/decomposed")
                .contains(c.market());
        if (c.storage() && !jointHorizon) {
            return Optional.of("peers[5].storage"); // R1: clears each period on its own
        }
        if (c.lfm() && c.grid().equals("none")) {
            return Optional.of("study.steps"); // R2: the LFM relieves the lines of a network
        }
        boolean costs = List.of("incentive", "charge-unique", "charge-distance", "charge-zonal", "constrained")
                .contains(c.grid());
        if (costs && c.auction()) {
            return Optional.of("dso.policy"); // R3: orders state their prices, no cost program
        }
        if (c.grid().equals("constrained") && c.market().equals("hybrid/decomposed")) {
            return Optional.of("dso.policy"); // R4: the line rows couple the levels solved apart
        }
        return Optional.empty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyCellRunsAndChecksOrIsRefusedForItsReason(Cell c) {
        String text = scenario(c);
        Optional<String> refused = refusal(c);
        if (refused.isPresent()) {
            assertThatThrownBy(() -> Pipeline.of(ScenarioParser.parse(text, "matrix.yaml", false)).run())
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).problems())
                            .anySatisfy(p -> assertThat(p.path()).isEqualTo(refused.get())));
            return;
        }
        Scenario s = ScenarioParser.parse(text, "matrix.yaml", false);
        RunResult run = Pipeline.of(s).run();
        assertThat(run.mechanism()).isEqualTo(c.market());
        for (ClearingResult r : run.periods()) {
            assertThat(r.hasResult()).as(c + ": " + r.cause()).isTrue();
        }
        checkBalances(c, s, run);
        if (!c.market().equals("p2p/admm") && !c.auction() && !c.market().equals("hybrid/decomposed")) {
            for (ClearingResult r : run.periods()) {
                assertThat(r.checks().worstDual()).as(c + " KKT").isLessThan(1e-5);
            }
        }
        double[][] injections = injections(s, run);
        if (c.grid().equals("constrained")) {
            checkLineLimits(c, run, injections);
            assertThat(run.study().orElseThrow().congestion()).as(c + " congestion per period").hasSize(s.periods());
        }
        if (c.grid().equals("block")) {
            checkNothingBlockedFlows(c, s, run);
        }
        if (c.lfm()) {
            assertThat(run.study().orElseThrow().lfm()).as(c + " lfm periods").hasSize(s.periods());
        }
        if (c.service()) {
            assertThat(run.service()).as(c + " service").isPresent();
        }
        Settlement settlement = Pipeline.of(run.scenario()).settle(run).settlement();
        long total = 0;
        for (Actor a : settlement.actors()) {
            total += settlement.net(a);
        }
        assertThat(total).as(c + ": bills sum to zero cents").isZero();
        if (c.grid().startsWith("charge") && !c.grid().equals("charge-zonal")) {
            assertThat(settlement.net(Actor.DSO)).as(c + ": the DSO is paid its charges").isPositive();
        }
    }

    /**
     * The line and block checks are not vacuous: without a policy (grid check only) the same markets overload a line
     * and put energy on a trade or a member's leg that the block policy closes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unshaped")
    void withoutAPolicyTheFeederIsOverloadedAndBlockedPathsAreUsed(Cell c) {
        Scenario s = ScenarioParser.parse(scenario(c), "matrix.yaml", false);
        RunResult run = Pipeline.of(s).run();
        GridStudy.Setup g = run.grid().orElseThrow().setup();
        double[] base = g.ptdf().flows(DcPowerFlow.caseInjections(GridStudy.base(g.spec(), g.grid())));
        double[][] inj = injections(s, run);
        boolean over = false;
        for (double[] period : inj) {
            for (int l = 0; l < base.length; l++) {
                double f = base[l];
                for (int n = 0; n < period.length; n++) {
                    f += g.ptdf().matrix()[l][g.peerBus()[n]] * period[n] * MW_PER_KWH;
                }
                over |= Math.abs(f) > g.ratings()[l] + 1e-6;
            }
        }
        assertThat(over).as(c + ": some line over its rating").isTrue();
        int ref = g.grid().slack();
        boolean used = false;
        for (ClearingResult r : run.periods()) {
            for (Trade tr : r.trades()) {
                int from = tr.seller() < s.peers().size() ? g.peerBus()[tr.seller()] : ref;
                int to = tr.buyer() < s.peers().size() ? g.peerBus()[tr.buyer()] : ref;
                used |= loads(g, base, from, to);
            }
        }
        Map<String, Integer> index = s.indexById();
        for (HorizonResult.MemberFlow m : run.horizon().map(HorizonResult::members).orElse(List.of())) {
            Integer n = index.get(m.member());
            used |= n != null && (m.q() + m.beta() > 1e-6 && loads(g, base, g.peerBus()[n], ref)
                    || m.alpha() - Math.min(0, m.q()) > 1e-6 && loads(g, base, ref, g.peerBus()[n]));
        }
        assertThat(used).as(c + ": energy on a path that block closes").isTrue();
    }

    static Stream<Cell> unshaped() {
        return Stream.of(new Cell("p2p/central", false, "check", false, false),
                new Cell("p2p/central", true, "check", false, false),
                new Cell("community/central", false, "check", false, false),
                new Cell("community/central", true, "check", false, false),
                new Cell("hybrid/joint", true, "check", false, false));
    }

    /** Closed markets sell what they buy; pools balance; every dispatch within its bounds. */
    private static void checkBalances(Cell c, Scenario s, RunResult run) {
        double[][] inj = injections(s, run);
        for (int t = 0; t < s.periods(); t++) {
            double[] p = run.periods().get(t).p();
            for (int n = 0; n < s.peers().size(); n++) {
                Peer peer = s.peers().get(n);
                assertThat(p[n]).as(c + " pmin " + peer.id()).isGreaterThanOrEqualTo(peer.pmin().at(t) - 1e-4);
                assertThat(p[n]).as(c + " pmax " + peer.id()).isLessThanOrEqualTo(peer.pmax().at(t) + 1e-4);
            }
            if (!c.horizon()) {
                double sum = 0;
                for (double v : inj[t]) {
                    sum += v;
                }
                assertThat(Math.abs(sum)).as(c + " period " + t + " energy balance").isLessThan(c.market().equals("p2p/admm") ? 1e-2 : 1e-6);
            }
        }
        run.horizon().ifPresent(h -> checkPools(c, s, h, inj));
    }

    /** Each member injects q + beta - alpha; each pool's q sum to zero (plus the pool's outside trade in a hybrid tree). */
    private static void checkPools(Cell c, Scenario s, HorizonResult h, double[][] inj) {
        Map<String, Double> pool = new HashMap<>();
        Map<String, Integer> index = s.indexById();
        for (HorizonResult.MemberFlow m : h.members()) {
            pool.merge(m.community() + "@" + m.period(), m.q(), Double::sum);
            Integer n = index.get(m.member());
            if (n != null && c.market().startsWith("community")) {
                assertThat(inj[m.period()][n]).as(c + " member " + m.member()).isCloseTo(m.q() + m.beta() - m.alpha(),
                        org.assertj.core.api.Assertions.within(1e-5));
            }
        }
        for (HorizonResult.CommunityPeriod cp : h.communities()) {
            double q = pool.getOrDefault(cp.community() + "@" + cp.period(), 0.0);
            double outside = c.market().startsWith("hybrid") ? cp.imports() - cp.exports() : 0;
            assertThat(q + outside).as(c + " pool " + cp.community()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    /** Each peer's net injection per period, kWh: dispatch plus storage discharge minus charge. */
    private static double[][] injections(Scenario s, RunResult run) {
        double[][] inj = new double[s.periods()][];
        for (int t = 0; t < s.periods(); t++) {
            inj[t] = run.periods().get(t).p().clone();
        }
        Map<String, Integer> index = s.indexById();
        run.horizon().ifPresent(h -> h.storage().forEach(st -> inj[st.period()][index.get(st.peer())]
                += st.discharge() - st.charge()));
        return inj;
    }

    /** Flows recomputed from the PTDF: base plus each peer's injection at its bus, within every rating. */
    private static void checkLineLimits(Cell c, RunResult run, double[][] inj) {
        GridStudy.Setup g = run.grid().orElseThrow().setup();
        double[] base = g.ptdf().flows(DcPowerFlow.caseInjections(GridStudy.base(g.spec(), g.grid())));
        for (int t = 0; t < inj.length; t++) {
            for (int l = 0; l < base.length; l++) {
                double f = base[l];
                for (int n = 0; n < inj[t].length; n++) {
                    f += g.ptdf().matrix()[l][g.peerBus()[n]] * inj[t][n] * MW_PER_KWH;
                }
                if (Double.isFinite(g.ratings()[l])) {
                    assertThat(Math.abs(f)).as(c + " line " + l + " period " + t).isLessThanOrEqualTo(g.ratings()[l] + 1e-6);
                }
            }
        }
    }

    /**
     * Block: no trade loads a line at risk (occupancy on the base flows at least theta); in a community, no member's
     * leg to or from the reference bus that would. Effects from the PTDF: e_l = sign(F_l)(H[l][from] - H[l][to]).
     */
    private static void checkNothingBlockedFlows(Cell c, Scenario s, RunResult run) {
        GridStudy.Setup g = run.grid().orElseThrow().setup();
        double[] base = g.ptdf().flows(DcPowerFlow.caseInjections(GridStudy.base(g.spec(), g.grid())));
        int ref = g.grid().slack();
        int agents = run.horizon().map(h -> h.agents().size()).orElse(s.peers().size());
        int[] bus = new int[agents];
        for (int i = 0; i < agents; i++) {
            bus[i] = i < s.peers().size() ? g.peerBus()[i] : ref;
        }
        for (ClearingResult r : run.periods()) {
            for (Trade tr : r.trades()) {
                assertThat(loads(g, base, bus[tr.seller()], bus[tr.buyer()])).as(c + " trade " + tr).isFalse();
            }
        }
        run.horizon().ifPresent(h -> {
            Map<String, Integer> index = s.indexById();
            for (HorizonResult.MemberFlow m : h.members()) {
                Integer n = index.get(m.member());
                if (n == null) {
                    continue;
                }
                boolean outClosed = loads(g, base, bus[n], ref);
                boolean inClosed = loads(g, base, ref, bus[n]);
                if (outClosed) {
                    assertThat(m.q() + m.beta()).as(c + " " + m.member() + " sells over a closed leg").isLessThan(1e-6);
                }
                if (inClosed) {
                    assertThat(m.alpha() - Math.min(0, m.q())).as(c + " " + m.member() + " buys over a closed leg")
                            .isLessThan(1e-6);
                }
            }
        });
    }

    private static boolean loads(GridStudy.Setup g, double[] base, int from, int to) {
        for (int l = 0; l < base.length; l++) {
            double r = g.ratings()[l];
            boolean risk = Double.isFinite(r) && r > 0 && Math.abs(base[l]) / r >= THETA;
            double e = Math.signum(base[l]) * (g.ptdf().matrix()[l][from] - g.ptdf().matrix()[l][to]);
            if (risk && e > 1e-9) {
                return true;
            }
        }
        return false;
    }

    static String scenario(Cell c) {
        String[] m = c.market().split("/");
        boolean linear = c.horizon(); // the hybrid levels converge in finite steps on linear costs
        StringBuilder y = new StringBuilder();
        y.append("name: matrix\nperiods: 2\nperiod_hours: 1\nunits: {energy: kWh, currency: EUR}\n");
        y.append(switch (m[0]) {
            case "auction" -> "market: {type: auction, pricing: " + m[1] + ", steps: 5}\n";
            case "cda" -> "market: {type: cda}\n";
            default -> "market: {type: " + m[0] + ", solver: " + m[1] + "}\n";
        });
        if (!c.grid().equals("none")) {
            y.append("grid: {case: case33bw, base: case, ratings: {rule: base-flow, factor: 1.25, floor: 0.05}}\n");
        }
        y.append(switch (c.grid()) {
            case "block" -> "dso: {policy: block, theta: " + THETA + "}\n";
            case "incentive" -> "dso: {policy: incentive, theta: " + THETA + ", w: 0.2}\n";
            case "charge-unique" -> "dso: {policy: charge, charge: {type: unique, fee: 0.01}}\n";
            case "charge-distance" -> "dso: {policy: charge, charge: {type: distance, fee: 0.01}}\n";
            case "charge-zonal" -> "dso: {policy: charge, charge: {type: zonal, fee: 0.01, fee_inside: 0.002}}\n";
            case "constrained" -> "dso: {policy: constrained}\n";
            default -> "";
        });
        List<String> ids = new ArrayList<>(List.of("solar-farm", "rooftop-pv", "ev-depot", "heat-pumps", "school"));
        if (c.storage()) {
            ids.add("battery");
        }
        if (m[0].equals("community")) {
            y.append("communities:\n  - id: feeder\n    members: [").append(String.join(", ", ids))
                    .append("]\n    manager: {fee: 0.005, import_price: 0.25, export_price: 0.03}\n");
        } else if (m[0].equals("hybrid")) {
            y.append("outside: {import_price: 0.25, export_price: 0.03}\n");
            y.append("communities:\n  - id: district\n    members: [heat-pumps, block]\n    manager: {fee: 0.004}\n");
            y.append("  - id: block\n    members: [rooftop-pv, ev-depot").append(c.storage() ? ", battery" : "")
                    .append("]\n    manager: {fee: 0.002}\n");
        }
        if (c.lfm()) {
            y.append("study: {steps: [p2p, lfm]}\nflexibility:\n  bids:\n");
            y.append("    - {id: pv-up, bus: 18, direction: up, quantity: 0.05, price: 60, peer: rooftop-pv}\n");
            y.append("    - {id: hp-down, bus: 25, direction: down, quantity: 0.05, price: 20, peer: heat-pumps}\n");
            y.append("    - {id: farm-down, bus: 2, direction: down, quantity: 0.1, price: 10, peer: solar-farm}\n");
        }
        if (c.service()) {
            y.append("service: {volume: 20, direction: up, offers: {solar-farm: 0.05, heat-pumps: 0.08}, trade_cost: 0.005}\n");
        }
        y.append("peers:\n");
        y.append(peer("solar-farm", 2, linear ? "0" : "0.0001", "0.02", "0", "[300, 500]"));
        y.append(peer("rooftop-pv", 18, linear ? "0" : "0.0002", "0.01", "0", "[50, 250]"));
        y.append(peer("ev-depot", 18, linear ? "0" : "0.0004", "0.30", "-400", "0"));
        y.append(peer("heat-pumps", 25, linear ? "0" : "0.0005", "0.25", "-300", "0"));
        y.append(peer("school", 33, linear ? "0" : "0.0003", "0.22", "-200", "0"));
        if (c.storage()) {
            y.append("  - {id: battery, bus: 18, pmin: 0, pmax: 0, storage: {capacity: 100, charge_max: 50,"
                    + " discharge_max: 50, soc_initial: 50, soc_final: 50}}\n");
        }
        return y.toString();
    }

    private static String peer(String id, int bus, String a, String b, String pmin, String pmax) {
        return "  - {id: " + id + ", bus: " + bus + ", cost: {a: " + a + ", b: " + b + "}, pmin: " + pmin + ", pmax: "
                + pmax + "}\n";
    }
}
