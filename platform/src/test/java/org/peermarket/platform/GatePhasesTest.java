package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.grid.Cases;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.market.Status;
import org.peermarket.model.OrderEntry;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.Runner;
import org.peermarket.study.pipeline.Phase;
import org.peermarket.study.pipeline.Pipeline;

/**
 * The platform's gate closure runs the run pipeline's phases (docs/pipeline.md,
 * docs/platform.md#gate-closure-and-clearing): the same DSO and clearing phases as {@code peermarket run} for the
 * same scenario, then the platform's own bills; a DSO policy refused in batch is refused live with the same problem,
 * and an infeasible period is the same result.
 */
class GatePhasesTest {
    static final Instant P0 = Instant.parse(ScenarioLiveTest.P0);

    @TempDir
    Path dir;

    @Test
    void aLiveMarketWithAGridAndBlockRunsTheBatchPipelinesPhasesUpToSettlement() {
        Scenario s = ScenarioParser.parse(ScenarioLiveTest.SCENARIO, "street-33bw.yaml", false);
        // by hand (docs/pipeline.md): grid and dso block name these phases of a batch run
        assertThat(Pipeline.of(s).phases()).containsExactly(Phase.DSO, Phase.CLEARING, Phase.GRID_CHECK, Phase.SETTLEMENT,
                Phase.REPORT);
        MarketDef m = ScenarioMarket.define(ScenarioLiveTest.SCENARIO, null, P0, 60, this::participant);
        Clearing.Outcome o = Clearing.clear(m.mechanism(), orders(s, 1), m.grid().compile(m.periodMinutes()).judge(p -> null));
        // live: the batch list without the grid check and the report, which a gate closure does not run
        assertThat(o.phases()).containsExactly(Phase.DSO, Phase.CLEARING, Phase.SETTLEMENT);
        assertThat(o.phases()).isEqualTo(Pipeline.gatePhases(s));
        assertThat(Pipeline.of(s).phases()).containsSubsequence(o.phases());
        // the block policy refused the farm (bus 2) and the depot (bus 18), as ScenarioLiveTest works out by hand
        assertThat(o.refusals()).extracting(Clearing.Refusal::reason).containsOnly(MarketGrid.BLOCKED);
        assertThat(o.refusals()).extracting(Clearing.Refusal::order).contains(1L, 3L);

        // without a grid there is no DSO phase, live or in batch
        Clearing.Outcome plain = Clearing.clear(m.mechanism(), orders(s, 1));
        assertThat(plain.phases()).containsExactly(Phase.CLEARING, Phase.SETTLEMENT);
    }

    static final String AUCTION_CHARGE = """
            name: auction-charge
            periods: 1
            units: {energy: kWh, currency: EUR}
            market: {type: auction, pricing: uniform}
            grid: {case: case33bw}
            dso: {policy: charge, charge: {type: unique, fee: 0.01}}
            peers:
              - {id: s1, bus: 2}
              - {id: b1, bus: 18}
            orders:
              - {id: o1, peer: s1, side: sell, quantity: 3, price: 0.05, time: 1}
              - {id: o2, peer: b1, side: buy, quantity: 2, price: 0.30, time: 2}
            """;

    /**
     * A policy a design cannot take is refused live with the problem a batch run reports (docs/combinations.md, R3):
     * a charge on an auction, whose orders state their prices; nothing is created.
     */
    @Test
    void aDsoPolicyRefusalIsTheSameLiveAsInBatch() throws Exception {
        Scenario s = ScenarioParser.parse(AUCTION_CHARGE, "auction-charge.yaml", false);
        Problem expected = new Problem("dso.policy", "charge", "changes the trade costs of a cost program; market.type"
                + " auction matches orders at the prices they state (use block, the grid-aware acceptance)");
        assertThatThrownBy(() -> Runner.run(s)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).containsExactly(expected));

        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            admin.register("s1", null, "peer");
            admin.register("b1", null, "peer");
            var r = admin.post("/api/markets/from-scenario?start=" + P0, AUCTION_CHARGE);
            assertThat(r.status()).as(r.text()).isEqualTo(422);
            JsonNode first = r.json().get("problems").get(0);
            assertThat(List.of(first.get("field").asText(), first.get("value").asText(), first.get("message").asText()))
                    .containsExactly(expected.path(), expected.value(), expected.message());
            assertThat(r.json().get("problems")).hasSize(1);
            assertThat(admin.get("/api/markets").json()).isEmpty(); // nothing half-written
        }
    }

    /** case33bw with every rating half its base-case flow, two peers at bus 18: constrained, p2p/central. */
    static final String OVERLOADED = """
            name: overloaded
            periods: 1
            period_hours: 1
            units: {energy: kWh, currency: EUR}
            market: {type: p2p, solver: central}
            grid: {case: case33bw, base: case, ratings: {rule: base-flow, factor: 0.5, floor: 0.001}}
            dso: {policy: constrained}
            peers:
              - {id: pv, bus: 18, cost: {a: 0, b: 0.05}, pmin: 0, pmax: 100}
              - {id: home, bus: 18, cost: {a: 0, b: 0.30}, pmin: -60, pmax: 0}
            """;

    @Test
    void anInfeasiblePeriodIsTheSameResultLiveAsInBatch() throws Exception {
        Scenario s = ScenarioParser.parse(OVERLOADED, "overloaded.yaml", false);
        // by hand: the first line carries the whole feeder's load (3.7 MW) and is rated at half that; the peers can
        // inject at most 0.1 MW at bus 18, so no dispatch brings it within its rating
        double[] f = DcPowerFlow.run(Cases.builtIn("case33bw")).flowMw();
        assertThat(Math.abs(f[0]) - 0.5 * Math.abs(f[0])).isGreaterThan(0.1);
        RunResult batch = Runner.run(s);
        assertThat(batch.periods().get(0).status()).isEqualTo(Status.INFEASIBLE);

        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), clock)) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), "admin", server.adminToken(), null);
            ApiClient pv = admin.register("pv", null, "peer");
            ApiClient home = admin.register("home", null, "peer");
            var created = admin.post("/api/markets/from-scenario?start=" + P0 + "&gateMinutes=60", OVERLOADED);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String to = P0.plusSeconds(3600).toString();
            assertThat(pv.submit("overloaded", "sell", P0.toString(), to, 100, 0.05, "a").status()).isEqualTo(201);
            assertThat(home.submit("overloaded", "buy", P0.toString(), to, 60, 0.30, "b").status()).isEqualTo(201);
            clock.set(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(1);
            JsonNode result = admin.get("/api/markets/overloaded/results").json().get(0);
            String batchStatus = batch.periods().get(0).status().name().toLowerCase(java.util.Locale.ROOT);
            assertThat(result.get("status").asText()).isEqualTo(batchStatus).isEqualTo("infeasible");
            assertThat(result.get("volume").asDouble()).isZero();
            assertThat(pv.get("/api/trades").json()).isEmpty();
            assertThat(home.get("/api/trades").json()).isEmpty();
        }
    }

    private Optional<Participant> participant(String id) {
        return Optional.of(new Participant(id, Set.of(Role.PEER), null, null, null));
    }

    /** The scenario's listed orders of {@code period} (1-based) as live orders, ids 1, 2, ... in list order. */
    private static List<Order> orders(Scenario s, int period) {
        List<Order> out = new ArrayList<>();
        for (OrderEntry e : s.orders()) {
            if (e.period() == period) {
                long id = out.size() + 1;
                out.add(new Order(id, e.peer(), e.id(), s.name(), period - 1, e.side().name().toLowerCase(java.util.Locale.ROOT),
                        "limit", "none", List.of(new Order.Point(e.quantity(), e.price())), e.quantity(), 0, 0,
                        OrderStatus.ACTIVE, 0, 0));
            }
        }
        return out;
    }
}
