package org.peermarket.study.pipeline;

import org.peermarket.model.Scenario;

/**
 * A built-in study (study.draw): every policy point on the drawn feeder, each through the phases DSO to LFM
 * (docs/pipeline.md#sweeps).
 */
public final class StudyPhase implements Stage<Scenario, RunResult> {
    @Override
    public Phase phase() {
        return Phase.STUDY;
    }

    @Override
    public RunResult apply(Scenario s) {
        return EuniversalStudy.run(s);
    }
}
