package org.peermarket.market.p2p;

import org.peermarket.market.MarketInput;
import org.peermarket.market.solver.Kkt;
import org.peermarket.model.AdmmOptions;

/**
 * The numbers that steer one ADMM negotiation, in kWh and currency per kWh. Options a scenario
 * leaves out are scaled to the market (docs/admm.md): with Q the largest |pmin|, |pmax| (at
 * least 1 kWh) and P the price scale of the KKT checks, rho = P / Q, the primal tolerance is
 * 1e-6 Q and the dual one 1e-6 P, so a kWh and an MWh version of a market negotiate alike.
 */
public record AdmmSettings(double rho, double primalTolerance, double dualTolerance, int maxIterations,
                           boolean adaptive, double relaxation) {
    public static final double RELATIVE_TOLERANCE = 1e-6;
    public static final int MAX_ITERATIONS = 50_000;

    public AdmmSettings {
        if (!(rho > 0) || !(primalTolerance > 0) || !(dualTolerance > 0) || maxIterations < 1
                || !(relaxation >= 1 && relaxation < 2)) {
            throw new IllegalArgumentException("ADMM settings must be positive: rho=" + rho + " primal="
                    + primalTolerance + " dual=" + dualTolerance + " max=" + maxIterations + " relaxation=" + relaxation);
        }
    }

    static AdmmSettings resolve(AdmmOptions o, MarketInput in) {
        double q = Kkt.quantityScale(in);
        double p = Kkt.priceScale(in);
        return new AdmmSettings(
                o.rho().orElse(p / q),
                o.primalTolerance().orElse(RELATIVE_TOLERANCE * q),
                o.dualTolerance().orElse(RELATIVE_TOLERANCE * p),
                o.maxIterations().orElse(MAX_ITERATIONS),
                o.adaptiveRho().orElse(true),
                o.relaxation().orElse(1.0));
    }
}
