package org.peermarket.grid;

/**
 * One bus of a MATPOWER case, in MATPOWER's units after conversion: loads in MW/MVAr, shunts in MW/MVAr
 * at 1 p.u. voltage, voltage in p.u. and degrees, base voltage in kV.
 */
public record Bus(int number, int type, double pd, double qd, double gs, double bs, int area,
                  double vm, double vaDeg, double baseKv, int zone, double vmax, double vmin) {
    public static final int PQ = 1;
    public static final int PV = 2;
    public static final int REF = 3;
    public static final int ISOLATED = 4;

    Bus withLoad(double newPd, double newQd) {
        return new Bus(number, type, newPd, newQd, gs, bs, area, vm, vaDeg, baseKv, zone, vmax, vmin);
    }
}
