package org.peermarket.study;

import org.peermarket.model.Scenario;

/**
 * Converts engine values (kWh, currency per kWh) back to the scenario's units for output, and
 * snaps solver residue far below the scenario's scale to zero.
 */
final class UnitView {
    private final double kwhPerUnit;
    private final double quantityNoise;

    UnitView(Scenario s) {
        this.kwhPerUnit = s.units().energy().kwhPerUnit();
        double scale = 1;
        for (var p : s.peers()) {
            for (int t = 0; t < s.periods(); t++) {
                scale = Math.max(scale, Math.max(Math.abs(p.pmin().at(t)), Math.abs(p.pmax().at(t))));
            }
        }
        this.quantityNoise = 1e-11 * scale / kwhPerUnit;
    }

    double toQuantity(double kwh) {
        double v = kwh / kwhPerUnit;
        return Math.abs(v) < quantityNoise ? 0 : v;
    }

    double toPrice(double perKwh) {
        return perKwh * kwhPerUnit;
    }

    /** rho is a price per energy squared: currency per kWh^2 to currency per unit^2. */
    double toRho(double perKwh2) {
        return perKwh2 * kwhPerUnit * kwhPerUnit;
    }

    String quantity(double kwh) {
        return Numbers.format(toQuantity(kwh));
    }

    String price(double perKwh) {
        return Numbers.format(toPrice(perKwh));
    }

    double numberQuantity(double kwh) {
        return Numbers.round(toQuantity(kwh));
    }

    double numberPrice(double perKwh) {
        return Numbers.round(toPrice(perKwh));
    }
}
