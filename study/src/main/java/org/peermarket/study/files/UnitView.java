package org.peermarket.study.files;

import org.peermarket.model.Scenario;

/**
 * Converts engine values (kWh, currency per kWh) back to the scenario's units for output, and
 * snaps solver residue far below the scenario's scale to zero.
 */
public final class UnitView {
    private final double kwhPerUnit;
    private final double quantityNoise;

    public UnitView(Scenario s) {
        this.kwhPerUnit = s.units().energy().kwhPerUnit();
        double scale = 1;
        for (var p : s.peers()) {
            for (int t = 0; t < s.periods(); t++) {
                scale = Math.max(scale, Math.max(Math.abs(p.pmin().at(t)), Math.abs(p.pmax().at(t))));
            }
        }
        this.quantityNoise = 1e-11 * scale / kwhPerUnit;
    }

    public double toQuantity(double kwh) {
        double v = kwh / kwhPerUnit;
        return Math.abs(v) < quantityNoise ? 0 : v;
    }

    public double toPrice(double perKwh) {
        return perKwh * kwhPerUnit;
    }

    /** rho is a price per energy squared: currency per kWh^2 to currency per unit^2. */
    public double toRho(double perKwh2) {
        return perKwh2 * kwhPerUnit * kwhPerUnit;
    }

    public String quantity(double kwh) {
        return Numbers.format(toQuantity(kwh));
    }

    public String price(double perKwh) {
        return Numbers.format(toPrice(perKwh));
    }

    public double numberQuantity(double kwh) {
        return Numbers.round(toQuantity(kwh));
    }

    public double numberPrice(double perKwh) {
        return Numbers.round(toPrice(perKwh));
    }
}
