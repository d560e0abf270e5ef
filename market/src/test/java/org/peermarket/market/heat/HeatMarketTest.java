package org.peermarket.market.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HeatResult;
import org.peermarket.market.HorizonResult;
import org.peermarket.market.Status;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/** The heat markets against hand-worked cases (docs/heat-market.md). */
class HeatMarketTest {
    private static final double TOL = 1e-9;

    /** Producer at a: C = 0.005 h^2 + 0.02 h; consumer at b: willingness to pay 0.2 - 0.02 x; one pipe a -> b. */
    private static Scenario twoNodes(String solver, double capacity, double loss, String consumerBounds) {
        return ScenarioParser.parse("""
                name: two-nodes
                market: {type: heat, solver: %s}
                heat:
                  nodes: [a, b]
                  pipes: [{id: ab, from: a, to: b, capacity: %s, loss: %s}]
                  peers:
                    - {id: plant, node: a, cost: {a: 0.01, b: 0.02}, hmin: 0, hmax: 100}
                    - {id: flats, node: b, cost: {a: 0.02, b: 0.2}, %s}
                """.formatted(solver, capacity, loss, consumerBounds), "test", false);
    }

    private static HeatResult.Period clear(Scenario s, String solver) {
        HorizonResult h = new HeatMarket(solver).clear(s);
        return h.heat().orElseThrow().periods().get(0);
    }

    @Test
    void aFullPipeSeparatesThePricesByItsCapacityPrice() {
        // Uncongested the pipe would carry 6 (0.02 + 0.01 q = 0.2 - 0.02 q); capacity 4 binds:
        // plant price 0.02 + 0.04 = 0.06, flats 0.2 - 0.08 = 0.12, capacity price 0.06.
        for (String solver : new String[] {"community", "p2p"}) {
            HeatResult.Period r = clear(twoNodes(solver, 4, 0, "hmin: -50, hmax: 0"), solver);
            assertThat(r.status()).as(solver).isEqualTo(Status.OPTIMAL);
            assertThat(r.flow()[0]).as(solver).isCloseTo(4, within(TOL));
            assertThat(r.price()[0]).as(solver).isCloseTo(0.06, within(TOL));
            assertThat(r.price()[1]).as(solver).isCloseTo(0.12, within(TOL));
            assertThat(r.pipeDual()[0]).as(solver).isCloseTo(r.price()[1] - r.price()[0], within(TOL));
            assertThat(r.operatorSurplus()).as(solver).isCloseTo(4 * 0.06, within(TOL));
        }
    }

    @Test
    void aLossyPipeMakesThePriceAtItsStartItsEfficiencyTimesThePriceAtItsEnd() {
        // 10% lost: 0.02 + 0.01 f = 0.9 (0.2 - 0.02 x 0.9 f), so f = 0.16 / 0.0262.
        double f = 0.16 / 0.0262;
        for (String solver : new String[] {"community", "p2p"}) {
            HeatResult.Period r = clear(twoNodes(solver, 100, 0.1, "hmin: -50, hmax: 0"), solver);
            assertThat(r.status()).as(solver).isEqualTo(Status.OPTIMAL);
            assertThat(r.flow()[0]).as(solver).isCloseTo(f, within(1e-8));
            assertThat(r.h()[1]).as(solver).isCloseTo(-0.9 * f, within(1e-8));
            assertThat(r.price()[0]).as(solver).isCloseTo(0.02 + 0.01 * f, within(TOL));
            assertThat(r.price()[0] / r.price()[1]).as(solver).isCloseTo(0.9, within(TOL));
            assertThat(r.pipeDual()[0]).as(solver).isCloseTo(0, within(TOL));
        }
    }

    @Test
    void aP2PHeatTradeReportsWhatIsSentAndWhatArrives() {
        HeatResult.Period r = clear(twoNodes("p2p", 100, 0.1, "hmin: -50, hmax: 0"), "p2p");
        assertThat(r.trades()).hasSize(1);
        HeatResult.HeatTrade t = r.trades().get(0);
        assertThat(t.delivered()).isCloseTo(0.9 * t.sent(), within(TOL));
        assertThat(t.price()).isCloseTo(r.price()[0], within(TOL));
        assertThat(t.buyerPrice()).isCloseTo(r.price()[1], within(TOL));
    }

    @Test
    void moreFixedDemandThanThePipeCarriesIsAnInfeasibleResult() {
        for (String solver : new String[] {"community", "p2p"}) {
            HorizonResult h = new HeatMarket(solver).clear(twoNodes(solver, 10, 0, "hmin: -20, hmax: -20"));
            HeatResult.Period r = h.heat().orElseThrow().periods().get(0);
            assertThat(r.status()).as(solver).isEqualTo(Status.INFEASIBLE);
            assertThat(r.cause()).as(solver).contains("pipe capacities");
            assertThat(h.periods().get(0).status()).as(solver).isEqualTo(Status.INFEASIBLE);
        }
    }

    @Test
    void aMarginalHeatPumpSetsTheHeatPriceAtTheElectricityPriceOverItsCop() {
        // 30 kWh of heat at COP 3 take 10 kWh from the retailer: mu = 0.1 + 0.01 x 10 = 0.2; heat 0.2 / 3.
        Scenario s = ScenarioParser.parse("""
                name: heat-pump
                market: {type: heat, solver: joint}
                peers:
                  - {id: retail, cost: {a: 0.01, b: 0.1}, pmin: 0, pmax: 100}
                  - {id: owner, pmin: 0, pmax: 0}
                heat:
                  nodes: [n]
                  peers:
                    - {id: boiler, node: n, cost: {b: 0.2}, hmin: 0, hmax: 100}
                    - {id: flats, node: n, cost: {b: 0.5}, hmin: -30, hmax: -30}
                  heat_pumps: [{id: hp, peer: owner, node: n, cop: 3, heat_max: 100}]
                """, "test", false);
        HorizonResult h = new HeatMarket("joint").clear(s);
        HeatResult.Period r = h.heat().orElseThrow().periods().get(0);
        ClearingResult el = h.periods().get(0);
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.pumpElectricity()[0]).isCloseTo(10, within(1e-8));
        assertThat(r.pumpHeat()[0]).isCloseTo(30, within(1e-8));
        assertThat(el.mu()[0]).isCloseTo(0.2, within(TOL));
        assertThat(el.mu()[1]).isCloseTo(0.2, within(TOL));
        assertThat(r.nodePrice()[0]).isCloseTo(el.mu()[1] / 3, within(TOL));
        assertThat(el.p()[1]).isCloseTo(-10, within(1e-8));
        assertThat(r.h()[0]).isCloseTo(0, within(1e-8));
    }

    @Test
    void aChpGivesRatioTimesItsHeatInElectricityAndIsPaidInBothCarriers() {
        // Fuel per heat 0.09 x 1.5 / 0.9 = 0.15 = heat price + 0.5 x 0.25 (the retailer is marginal):
        // heat price 0.025 = 0.2 - 0.01 x, x = 17.5; electricity 8.75 of the load's 10.
        Scenario s = ScenarioParser.parse("""
                name: chp
                market: {type: heat, solver: joint}
                peers:
                  - {id: retail, cost: {b: 0.25}, pmin: 0, pmax: 100}
                  - {id: load, cost: {b: 0.3}, pmin: -10, pmax: -10}
                  - {id: owner, pmin: 0, pmax: 0}
                heat:
                  nodes: [n]
                  peers:
                    - {id: flats, node: n, cost: {a: 0.01, b: 0.2}, hmin: -100, hmax: 0}
                  chps: [{id: chp, peer: owner, node: n, ratio: 0.5, efficiency: 0.9, fuel_cost: 0.09, heat_max: 100}]
                """, "test", false);
        HorizonResult h = new HeatMarket("joint").clear(s);
        HeatResult.Period r = h.heat().orElseThrow().periods().get(0);
        ClearingResult el = h.periods().get(0);
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.chpHeat()[0]).isCloseTo(17.5, within(1e-8));
        assertThat(r.chpElectricity()[0]).isCloseTo(8.75, within(1e-8));
        assertThat(r.nodePrice()[0]).isCloseTo(0.025, within(TOL));
        assertThat(el.mu()[2]).isCloseTo(0.25, within(TOL));
        assertThat(el.p()[0]).isCloseTo(1.25, within(1e-8));
        assertThat(el.p()[2]).isCloseTo(8.75, within(1e-8));
        assertThat(h.periods().get(0).objective())
                .isCloseTo(0.15 * 17.5 + 0.25 * 1.25 - 0.3 * 10 + 0.005 * 17.5 * 17.5 - 0.2 * 17.5, within(1e-9));
    }

    @Test
    void aPointThatMissesTheOptimalityConditionsIsNotReported() {
        // the solver's own point, then the same point with the node prices swapped: the pipe's
        // condition (price at its start <= price at its end when full) fails, so the period is not_solved
        Scenario s = twoNodes("community", 4, 0, "hmin: -50, hmax: 0");
        HeatProgram hp = new HeatProgram(s, HeatProgram.Mode.COMMUNITY, 0);
        ConvexSolve.Solution good = ConvexSolve.solve(hp.program);
        assertThat(HeatReading.of(hp, good).heat().status()).isEqualTo(Status.OPTIMAL);
        double[] y = good.rowDual().clone();
        double first = y[hp.nodeRow[0]];
        y[hp.nodeRow[0]] = y[hp.nodeRow[1]];
        y[hp.nodeRow[1]] = first;
        ConvexSolve.Solution swapped = new ConvexSolve.Solution(Status.OPTIMAL, good.x(), y, good.reducedCost(),
                good.objective(), good.kktResidual(), true, "test", 0, 0, "");
        HeatResult.Period r = HeatReading.of(hp, swapped).heat();
        assertThat(r.status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(r.cause()).startsWith("the solver's point fails the heat market's checks: heat peer plant");
    }

    @Test
    void aPointThatBreaksANodeBalanceIsNotReported() {
        Scenario s = twoNodes("community", 4, 0.1, "hmin: -50, hmax: 0");
        HeatProgram hp = new HeatProgram(s, HeatProgram.Mode.COMMUNITY, 0);
        ConvexSolve.Solution good = ConvexSolve.solve(hp.program);
        double[] x = good.x().clone();
        x[hp.hVar[1]] = -x[hp.flowVar[0]]; // as if the pipe lost nothing
        ConvexSolve.Solution lossless = new ConvexSolve.Solution(Status.OPTIMAL, x, good.rowDual(), good.reducedCost(),
                good.objective(), good.kktResidual(), true, "test", 0, 0, "");
        HeatResult.Period r = HeatReading.of(hp, lossless).heat();
        assertThat(r.status()).isEqualTo(Status.NOT_SOLVED);
        assertThat(r.cause()).contains("heat balance at node b is off by");
    }
}
