package org.peermarket.model;

import java.util.Arrays;
import java.util.Optional;

/** Energy unit of a scenario. Prices are per this unit; the engine works in kWh inside. */
public enum EnergyUnit {
    KWH("kWh", 1.0),
    MWH("MWh", 1000.0);

    private final String symbol;
    private final double kwhPerUnit;

    EnergyUnit(String symbol, double kwhPerUnit) {
        this.symbol = symbol;
        this.kwhPerUnit = kwhPerUnit;
    }

    public String symbol() {
        return symbol;
    }

    /** kWh in one unit of this energy (1 for kWh, 1000 for MWh). */
    public double kwhPerUnit() {
        return kwhPerUnit;
    }

    public static Optional<EnergyUnit> parse(String text) {
        return Arrays.stream(values()).filter(u -> u.symbol.equalsIgnoreCase(text)).findFirst();
    }
}
