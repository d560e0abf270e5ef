package org.peermarket.study.pipeline;

/**
 * The phases of a run, in the order they run (Power TAC's timeslot phases as the model; docs/pipeline.md). A
 * scenario names the ones it has ({@link Pipeline#phases()}); the last four run when the results are written
 * (settlement, sharing and the VPP from the run's periods, then the files and the report).
 */
public enum Phase {
    /** A built-in study's draws (study.draw): every policy point on the drawn feeder, each through DSO to LFM. */
    STUDY("study"),
    /** The DSO's pre-market policy (dso.policy): block, incentive, charge, or line limits in the program. */
    DSO("dso"),
    /** The registered mechanism (market.type/market.solver) clears the horizon. */
    CLEARING("clearing"),
    /** The auction against central clearing (market.auction.compare). */
    COMPARISON("comparison"),
    /** DC flows and an AC load flow of each period's injections (grid). */
    GRID_CHECK("grid check"),
    /** The local flexibility market after the market (study.steps with lfm, and a grid). */
    LFM("lfm"),
    /** The DSO's explicit service after the market (service). */
    SERVICE("service"),
    /** Money: every run's transactions and bills. */
    SETTLEMENT("settlement"),
    /** The gain against standing alone shared by rules (tariff and sharing, costs known). */
    SHARING("sharing"),
    /** The community's virtual power plant: a sale or balancing bids (vpp). */
    VPP("vpp"),
    /** The run's tamper-evident ledger of clearings and settlements (run --ledger; docs/ledger.md). */
    LEDGER("ledger"),
    /** The result files and report.html. */
    REPORT("report");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the phases the results writer runs, from the run's periods. */
    public boolean atWriting() {
        return compareTo(SETTLEMENT) >= 0;
    }
}
