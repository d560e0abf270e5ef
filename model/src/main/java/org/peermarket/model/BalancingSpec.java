package org.peermarket.model;

import java.util.List;
import java.util.Optional;

/**
 * The aggregators' balancing bids and their activation (docs/vpp.md#balancing-bids): each aggregator (a
 * community's manager) offers up and down bids per period, derived from its members' storage or listed; they are
 * activated either by the TSO's activation series ({@code source} "activation": a price and the requested volumes)
 * or by a merit-order market cleared among the aggregators ({@code source} "market": the requested volumes only,
 * pay-as-clear). Energies in kWh, prices per kWh; {@code price} is null for a market, {@code penalty} null when the
 * shortfall is charged at the activation price.
 */
public record BalancingSpec(List<Aggregator> aggregators, String source, PeriodValues price, PeriodValues up,
                            PeriodValues down, PeriodValues penalty) {

    public BalancingSpec {
        aggregators = List.copyOf(aggregators);
    }

    public boolean market() {
        return source.equals("market");
    }

    /** One aggregator: its community and, when listed in the scenario, its bids (else derived from storage). */
    public record Aggregator(String community, Optional<List<Bid>> bids) {}

    /** A bid for one period (0-based) and direction ("up" or "down"): its steps in the order given. */
    public record Bid(int period, String direction, List<Step> steps) {
        public Bid {
            steps = List.copyOf(steps);
        }
    }

    /** One step of a bid curve: quantity kWh at price per kWh. */
    public record Step(double quantity, double price) {}
}
