package org.peermarket.study.pipeline;


/** The local flexibility market after the market and the grid check (markets.md section 7; {@link Sequential}). */
public final class LfmPhase implements Stage<RunResult, RunResult> {
    @Override
    public Phase phase() {
        return Phase.LFM;
    }

    @Override
    public RunResult apply(RunResult run) {
        return Sequential.lfm(run);
    }
}
