package org.peermarket.grid;

import java.util.ArrayList;
import java.util.List;

/** Buses whose AC voltage lies outside the case's [VMIN, VMAX] band. */
public final class VoltageCheck {
    /** One bus outside its band: its number, voltage and limits in p.u. */
    public record Violation(int bus, double vmPu, double vmin, double vmax) {}

    private VoltageCheck() {}

    /** The reference bus is skipped: its voltage is a setpoint, and feeders often give it VMIN = VMAX = 1. */
    public static List<Violation> violations(GridCase grid, AcPowerFlow.Result ac) {
        List<Violation> out = new ArrayList<>();
        int slack = grid.slack();
        for (int i = 0; i < grid.buses().size(); i++) {
            Bus bus = grid.buses().get(i);
            double vm = ac.vmPu()[i];
            boolean low = bus.vmin() > 0 && vm < bus.vmin() - 1e-9;
            boolean high = bus.vmax() > 0 && vm > bus.vmax() + 1e-9;
            if (i != slack && (low || high)) {
                out.add(new Violation(bus.number(), vm, bus.vmin(), bus.vmax()));
            }
        }
        return out;
    }

    /** The case with {@code extraMw} per bus (case order) injected, as a negative change of PD; QD unchanged. */
    public static GridCase withInjections(GridCase grid, double[] extraMw) {
        List<Bus> buses = new ArrayList<>();
        for (int i = 0; i < grid.buses().size(); i++) {
            Bus b = grid.buses().get(i);
            buses.add(b.withLoad(b.pd() - extraMw[i], b.qd()));
        }
        return new GridCase(grid.name(), grid.baseMva(), buses, grid.generators(), grid.branches());
    }
}
