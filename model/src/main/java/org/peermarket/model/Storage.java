package org.peermarket.model;

/**
 * A peer's storage (markets.md §4), in kWh: energy capacity, charge and discharge limits per
 * period (energy per period, like pmin/pmax), efficiencies in (0, 1], the initial state of
 * charge (NaN: free, allowed only with a cyclic end) and the final one: a fixed value, or
 * {@code cyclic} (the final SOC equals the initial one).
 */
public record Storage(double capacity, double chargeMax, double dischargeMax, double etaCharge, double etaDischarge,
                      double socInitial, boolean cyclic, double socFinal) {

    public boolean freeInitial() {
        return Double.isNaN(socInitial);
    }
}
