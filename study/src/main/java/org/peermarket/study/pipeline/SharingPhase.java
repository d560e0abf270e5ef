package org.peermarket.study.pipeline;

import org.peermarket.settlement.Sharing;

/**
 * Profit sharing (docs/profit-sharing.md): every rule's allocation of the community's gain against the stand-alone
 * baseline, with a progress bar while Shapley runs long.
 */
public final class SharingPhase implements Stage<Settled, Settled> {
    @Override
    public Phase phase() {
        return Phase.SHARING;
    }

    @Override
    public Settled apply(Settled s) {
        if (s.baseline().isEmpty() || s.run().scenario().sharing().isEmpty()) {
            return s;
        }
        try (SharingProgress progress = new SharingProgress()) {
            return s.withSharing(Sharing.of(s.run().scenario(), s.baseline().get(), s.run().scenario().sharing().get(),
                    progress));
        }
    }
}
