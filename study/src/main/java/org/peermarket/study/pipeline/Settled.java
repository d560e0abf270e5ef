package org.peermarket.study.pipeline;

import java.util.Optional;
import org.peermarket.settlement.Balancing;
import org.peermarket.settlement.Baseline;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Sharing;
import org.peermarket.settlement.Vpp;

/**
 * A run after its money phases (docs/pipeline.md): the market's own settlement, the stand-alone baseline when a
 * tariff is given, the sharing of the community's gain, the VPP's sale or balancing bids, metering, and the
 * settlement of every account with all of them ({@code settlement}, checked to sum to zero).
 */
public record Settled(RunResult run, Settlement market, Optional<Baseline> baseline, Optional<Sharing.Result> sharing,
                      Optional<Vpp.Result> vpp, Optional<Balancing.Result> balancing, Optional<MeteringStage> metering,
                      Settlement settlement) {
    Settled withSharing(Sharing.Result s) {
        return new Settled(run, market, baseline, Optional.of(s), vpp, balancing, metering, settlement);
    }

    Settled withVpp(Optional<Vpp.Result> v, Optional<Balancing.Result> b, Settlement s) {
        return new Settled(run, market, baseline, sharing, v, b, metering, s);
    }

    Settled closed(Optional<MeteringStage> m, Settlement s) {
        return new Settled(run, market, baseline, sharing, vpp, balancing, m, s);
    }
}
