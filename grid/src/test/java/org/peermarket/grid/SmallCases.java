package org.peermarket.grid;

/** Hand-made cases in MATPOWER text, solved by hand in the tests that use them. */
final class SmallCases {
    private SmallCases() {}

    /**
     * Three buses in a triangle, slack 1. x12 = 0.1, x13 = 0.2 and branch 2-3 with x = 0.05 at tap 2, so its
     * DC reactance x * tap is 0.1. A fourth branch 1-2 is out of service. Load 30 MW at 2, 10 MW generated at 3.
     */
    static final String TRIANGLE = """
            function mpc = triangle
            mpc.version = '2';
            mpc.baseMVA = 100;
            %% bus_i type Pd Qd Gs Bs area Vm Va baseKV zone Vmax Vmin
            mpc.bus = [
                1 3 0  0 0 0 1 1 0 135 1 1.1 0.9;
                2 1 30 0 0 0 1 1 0 135 1 1.1 0.9;
                3 2 0  0 0 0 1 1 0 135 1 1.1 0.9;
            ];
            mpc.gen = [
                1 20 0 100 -100 1 100 1 100 0;
                3 10 0 100 -100 1 100 1 100 0;
            ];
            mpc.branch = [
                1 2 0 0.1  0 0 0 0 0 0 1 -360 360;
                1 3 0 0.2  0 0 0 0 0 0 1 -360 360;
                2 3 0 0.05 0 0 0 0 2 0 1 -360 360;
                1 2 0 0.3  0 0 0 0 0 0 0 -360 360;
            ];
            """;

    /** A radial feeder: 1 (slack) - 2, then 2 - 3 and 2 - 4; loads 1, 2 and 3 MW at buses 2, 3, 4. */
    static final String FEEDER = """
            function mpc = feeder
            mpc.version = '2';
            mpc.baseMVA = 10;
            mpc.bus = [
                1 3 0 0 0 0 1 1 0 12.66 1 1 1;
                2 1 1 0 0 0 1 1 0 12.66 1 1.1 0.9;
                3 1 2 0 0 0 1 1 0 12.66 1 1.1 0.9;
                4 1 3 0 0 0 1 1 0 12.66 1 1.1 0.9;
            ];
            mpc.gen = [
                1 0 0 10 -10 1 100 1 10 0;
            ];
            mpc.branch = [
                1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;
                2 3 0.01 0.03 0 0 0 0 0 0 1 -360 360;
                2 4 0.02 0.01 0 0 0 0 0 0 1 -360 360;
            ];
            """;

    /**
     * Two lossless parallel branches (x = 0.1) between the slack and a PV bus held at 1 p.u. with nothing
     * connected; the second branch has a phase shift of 1 degree, so power circulates around the loop.
     */
    static final String SHIFTER = """
            function mpc = shifter
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
                1 3 0 0 0 0 1 1 0 135 1 1.1 0.9;
                2 2 0 0 0 0 1 1 0 135 1 1.1 0.9;
            ];
            mpc.gen = [
                1 0 0 100 -100 1 100 1 100 0;
                2 0 0 100 -100 1 100 1 100 0;
            ];
            mpc.branch = [
                1 2 0 0.1 0 0 0 0 0 0 1 -360 360;
                1 2 0 0.1 0 0 0 0 1 1 1 -360 360;
            ];
            """;

    static GridCase triangle() {
        return MatpowerText.read("triangle.m", TRIANGLE);
    }

    static GridCase feeder() {
        return MatpowerText.read("feeder.m", FEEDER);
    }
}
