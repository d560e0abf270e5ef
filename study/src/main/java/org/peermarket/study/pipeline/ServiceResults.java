package org.peermarket.study.pipeline;

import java.util.List;
import org.peermarket.market.Status;

/**
 * The explicit service of a run (docs/dso-policies.md#explicit-service), one entry per served period, in kWh and
 * currency per kWh: per area peer its capacity (headroom after the market), obligation, provided capacity and price.
 * {@code cost}: the least cost of provision; {@code payment}: what the DSO pays (provided x price); {@code missing}:
 * how much of the volume the area cannot give (0 unless infeasible).
 */
public record ServiceResults(double volume, String direction, List<Period> periods) {
    public ServiceResults {
        periods = List.copyOf(periods);
    }

    /** One period's service (period 1-based). */
    public record Period(int period, Status status, List<String> peers, double[] capacity, double[] obligation,
                         double[] provided, double[] price, double cost, double payment, double missing) {
        public Period {
            peers = List.copyOf(peers);
        }

        public boolean optimal() {
            return status == Status.OPTIMAL;
        }
    }

    /** optimal when every served period is, else the first other status. */
    public Status status() {
        return periods.stream().map(Period::status).filter(s -> s != Status.OPTIMAL).findFirst()
                .orElse(Status.OPTIMAL);
    }

    public double cost() {
        return periods.stream().mapToDouble(Period::cost).sum();
    }

    public double payment() {
        return periods.stream().mapToDouble(Period::payment).sum();
    }

    public double missing() {
        return periods.stream().mapToDouble(Period::missing).sum();
    }
}
