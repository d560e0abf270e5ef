package org.peermarket.study.pipeline;

import org.peermarket.model.Scenario;
import org.peermarket.study.EuniversalStudy;
import org.peermarket.study.RunResult;

/** A built-in study (study.draw): every policy point on the drawn feeder (docs/euniversal-study.md). */
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
