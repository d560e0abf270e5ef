package org.peermarket.model;

/**
 * A peer's storage (markets.md §4), in kWh: energy capacity, charge and discharge limits per
 * period (energy per period, like pmin/pmax; one value or one per period), efficiencies in
 * (0, 1], the initial state of charge (NaN: free, allowed only with a cyclic end) and the final
 * one: a fixed value, or {@code cyclic} (the final SOC equals the initial one).
 */
public record Storage(double capacity, PeriodValues chargeMax, PeriodValues dischargeMax, double etaCharge,
                      double etaDischarge, double socInitial, boolean cyclic, double socFinal) {

    /** The same limits for every period. */
    public Storage(double capacity, double chargeMax, double dischargeMax, double etaCharge, double etaDischarge,
                   double socInitial, boolean cyclic, double socFinal) {
        this(capacity, PeriodValues.constant(chargeMax), PeriodValues.constant(dischargeMax), etaCharge, etaDischarge,
                socInitial, cyclic, socFinal);
    }

    /** This storage over periods from .. from + length - 1, between the given states of charge (NaN end: cyclic). */
    public Storage window(int from, int length, double socStart, double socEnd) {
        return new Storage(capacity, chargeMax.slice(from, length), dischargeMax.slice(from, length), etaCharge,
                etaDischarge, socStart, Double.isNaN(socEnd), socEnd);
    }

    public boolean freeInitial() {
        return Double.isNaN(socInitial);
    }
}
