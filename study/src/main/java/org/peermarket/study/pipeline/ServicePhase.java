package org.peermarket.study.pipeline;


/** The DSO's explicit service after the market (docs/dso-policies.md#explicit-service; {@link ServiceStage}). */
public final class ServicePhase implements Stage<RunResult, RunResult> {
    @Override
    public Phase phase() {
        return Phase.SERVICE;
    }

    @Override
    public RunResult apply(RunResult run) {
        return ServiceStage.after(run);
    }
}
