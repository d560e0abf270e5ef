package org.peermarket.model;

/**
 * The scenario's {@code dso} key (markets.md section 6; docs/dso-policies.md): the DSO's policy toward the P2P
 * market. {@code theta}: occupancy at or above which a line is at risk (block, incentive); {@code w}: the
 * incentive's multiplicative factor; for {@code charge}: the charge type and the fees, per kWh inside (converted
 * from the scenario's unit at parsing), {@code fee} across zones and {@code feeInside} within a zone (zonal only).
 */
public record DsoSpec(String policy, double theta, double w, String chargeType, double fee, double feeInside) {
    public static final String NONE = "none";
    public static final String BLOCK = "block";
    public static final String INCENTIVE = "incentive";
    public static final String CHARGE = "charge";
    public static final String CONSTRAINED = "constrained";
    public static final java.util.List<String> POLICIES = java.util.List.of(NONE, BLOCK, INCENTIVE, CHARGE, CONSTRAINED);
    public static final java.util.List<String> CHARGES = java.util.List.of("unique", "distance", "zonal");

    public static final DsoSpec DEFAULT = new DsoSpec(NONE, 0.8, 0.2, "unique", 0, 0);

    /** True when the policy reads the network (everything but none and a unique charge). */
    public boolean needsGrid() {
        return !policy.equals(NONE) && !(policy.equals(CHARGE) && chargeType.equals("unique"));
    }

    public DsoSpec withPolicy(String p, double newTheta) {
        return new DsoSpec(p, newTheta, w, chargeType, fee, feeInside);
    }
}
