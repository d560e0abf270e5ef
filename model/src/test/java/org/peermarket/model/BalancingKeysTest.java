package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The vpp key's balancing bids (docs/vpp.md#balancing-bids): read in kWh and refused with their field paths. */
class BalancingKeysTest {

    private static Scenario parse(String vpp, String extra) {
        return ScenarioParser.parse("""
                name: v
                periods: 2
                units: {energy: MWh}
                market: {type: community}
                communities:
                  - {id: north, members: [a], manager: {import_price: 250, export_price: 50}}
                  - {id: south, members: [b], manager: {import_price: 250, export_price: 50}}
                vpp: %s
                peers:
                  - {id: a, pmin: 0, pmax: 1}
                  - {id: b, pmin: -1, pmax: 0}
                %s""".formatted(vpp, extra), "v.yaml", false);
    }

    @Test
    void readsListedBidsAndAnActivationSeriesInKwh() {
        VppSpec v = parse("""
                {community: north, activation: {price: [300, -10], up: [2, 0], down: [0, 1]}, penalty: 500,
                 bids: [{period: 2, direction: down, steps: [{quantity: 1.5, price: 100}, {quantity: 0, price: 80}]}]}""",
                "").vpp().orElseThrow();
        BalancingSpec b = v.balancing().orElseThrow();
        assertThat(v.community()).isEqualTo("north");
        assertThat(b.source()).isEqualTo("activation");
        assertThat(b.price().at(1)).isEqualTo(-0.01);
        assertThat(b.up().at(0)).isEqualTo(2000.0);
        assertThat(b.down().at(1)).isEqualTo(1000.0);
        assertThat(b.penalty().at(0)).isEqualTo(0.5);
        BalancingSpec.Bid bid = b.aggregators().get(0).bids().orElseThrow().get(0);
        assertThat(bid.period()).isEqualTo(1); // 0-based
        assertThat(bid.direction()).isEqualTo("down");
        assertThat(bid.steps()).containsExactly(new BalancingSpec.Step(1500, 0.1), new BalancingSpec.Step(0, 0.08));
    }

    @Test
    void readsSeveralAggregatorsAndADemand() {
        BalancingSpec b = parse("{aggregators: [{community: north}, {community: south}], demand: {up: [1, 0]}}", "")
                .vpp().orElseThrow().balancing().orElseThrow();
        assertThat(b.market()).isTrue();
        assertThat(b.price()).isNull();
        assertThat(b.penalty()).isNull();
        assertThat(b.down().at(0)).isZero();
        assertThat(b.aggregators()).extracting(BalancingSpec.Aggregator::community).containsExactly("north", "south");
        assertThat(b.aggregators().get(1).bids()).isEmpty(); // derived from storage
    }

    @Test
    void badBidsNameTheirFieldAndValue() {
        assertThatThrownBy(() -> parse("""
                {community: north, activation: {price: 1, up: [1, 0]}, bids: [
                  {period: 1, direction: up, steps: [{quantity: 1, price: 1}]},
                  {period: 3, direction: sideways, steps: []},
                  {period: 2, direction: down, steps: [{quantity: -1, price: 1}, {quantity: 1, price: x}]},
                  {period: 1, direction: up, steps: [{quantity: 1, price: 2}]}]}""", ""))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("vpp.bids[1].period = 3: must be a period from 1 to 2")
                .hasMessageContaining("vpp.bids[1].direction = \"sideways\": must be up or down")
                .hasMessageContaining("vpp.bids[1].steps = []: must be a non-empty list")
                .hasMessageContaining("vpp.bids[2].steps[0].quantity = -1: must be >= 0")
                .hasMessageContaining("vpp.bids[2].steps[1].price = \"x\": must be a number")
                .hasMessageContaining("vpp.bids[3].period = 1: period 1 already has a up bid above");
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> parse("{community: north, balancing_price: 1, bids: []}", ""))
                .hasMessageContaining("vpp.balancing_price = 1: is for a sale at a price series")
                .hasMessageContaining("vpp: needs vpp.activation (the TSO's price and volumes) or vpp.demand");
        assertThatThrownBy(() -> parse("{community: north, activation: {up: 1}, demand: {up: 1}}", ""))
                .hasMessageContaining("vpp.demand: cannot be combined with vpp.activation");
        assertThatThrownBy(() -> parse("{community: north, activation: {up: 1}}", ""))
                .hasMessageContaining("vpp.activation.price: is required");
        assertThatThrownBy(() -> parse("{aggregators: [{community: north}, {community: north}, {community: town}], "
                + "community: north, demand: {up: [1, 0], down: [0, -2]}}", ""))
                .hasMessageContaining("vpp.community = \"north\": give it inside each of vpp.aggregators")
                .hasMessageContaining("vpp.aggregators[1].community = \"north\": is already an aggregator above")
                .hasMessageContaining("vpp.aggregators[2].community = \"town\": is not a community id")
                .hasMessageContaining("vpp.demand.down[1] = -2: must be >= 0");
        assertThatThrownBy(() -> parse("{community: north, demand: {up: [1, 2], down: [0, 3]}}", ""))
                .hasMessageContaining("vpp.demand.down[1] = 3: period 2 also asks for 2 up: at most one direction per period");
    }

    @Test
    void imbalanceSettlementBesideBalancingBidsIsRefused() {
        assertThatThrownBy(() -> parse("{community: north, demand: {up: 1}}", """
                metering:
                  readings:
                    - {peer: a, period: 1, injection: 0, withdrawal: 0}
                    - {peer: a, period: 2, injection: 0, withdrawal: 0}
                    - {peer: b, period: 1, injection: 0, withdrawal: 0}
                    - {peer: b, period: 2, injection: 0, withdrawal: 0}
                  imbalance: {pricing: single, price: 100}
                """))
                .hasMessageContaining("metering.imbalance: cannot be combined with balancing bids in vpp");
    }
}
