package org.peermarket.study.pipeline;

/** One phase of a run as a function from its typed input to its typed output. */
public interface Stage<I, O> {
    Phase phase();

    O apply(I input);
}
