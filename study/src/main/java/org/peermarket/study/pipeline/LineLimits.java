package org.peermarket.study.pipeline;

import org.peermarket.model.Scenario;

/**
 * Line limits inside the clearing (dso.policy constrained; docs/dso-policies.md): the network with each peer at its
 * bus, the flows before the market (MW per branch) and the factor from a peer's energy per period to MW.
 */
public record LineLimits(GridStudy.Setup grid, double[] flows, double mwPerKwh) {
    /** A batch run's: the scenario's network, its base flows, energy in kWh over the scenario's period. */
    static LineLimits of(Scenario s, GridStudy.Setup g) {
        return new LineLimits(g, DsoStage.baseFlows(g), 1 / (1000 * s.periodHours()));
    }
}
