package org.peermarket.grid;

/** One generator of a MATPOWER case (MW, MVAr, p.u.); only the columns a power flow reads. */
public record Generator(int bus, double pg, double qg, double qmax, double qmin, double vg, double mbase,
                        int status, double pmax, double pmin) {
    public boolean inService() {
        return status > 0;
    }
}
