package org.peermarket.model;

/** The units a scenario is written in: energy (kWh or MWh) and a currency label for prices. */
public record Units(EnergyUnit energy, String currency) {
    public static final Units DEFAULT = new Units(EnergyUnit.KWH, "EUR");

    /** Label of a price in these units, e.g. EUR/MWh. */
    public String price() {
        return currency + "/" + energy.symbol();
    }
}
