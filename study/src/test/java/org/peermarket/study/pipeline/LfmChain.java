package org.peermarket.study.pipeline;

/** The 4-bus radial chain 1 - 2 - 3 - 4 (slack 1) in MATPOWER text, for hand-solved LFM tests. */
final class LfmChain {
    static final String CHAIN = """
            function mpc = chain
            mpc.version = '2';
            mpc.baseMVA = 10;
            mpc.bus = [
                1 3 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                2 1 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                3 1 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                4 1 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
            ];
            mpc.gen = [
                1 0 0 10 -10 1 100 1 10 0;
            ];
            mpc.branch = [
                1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;
                2 3 0.01 0.03 0 0 0 0 0 0 1 -360 360;
                3 4 0.02 0.01 0 0 0 0 0 0 1 -360 360;
            ];
            """;

    private LfmChain() {}
}
