package org.peermarket.model;

import java.io.Serializable;
import java.util.List;

/**
 * The scenario's {@code study.sweep} grid (docs/scenario-format.md#sweep-grid): the feeders (built-in cases), the
 * policies ({@code lfm-only}, {@code none}, {@code block}, {@code incentive}) and their parameters. A Monte Carlo
 * sweep runs every point of the grid on every draw: {@code theta} applies to block and incentive, {@code w} to
 * incentive only, so a policy without a parameter gives one point per feeder.
 */
public record SweepGrid(List<String> cases, List<String> policies, List<Double> thetas, List<Double> ws)
        implements Serializable {
    public static final List<String> POLICIES = List.of("lfm-only", "none", "block", "incentive");

    public SweepGrid {
        cases = List.copyOf(cases);
        policies = List.copyOf(policies);
        thetas = List.copyOf(thetas);
        ws = List.copyOf(ws);
    }
}
