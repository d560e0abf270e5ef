package org.peermarket.study.pipeline;

import java.util.Optional;
import org.peermarket.settlement.Baseline;
import org.peermarket.settlement.MarketSettlement;
import org.peermarket.settlement.Settlement;

/**
 * Settlement (markets.md section 8; docs/settlement.md): every trade, pool flow and charge of the market as typed
 * transactions, and with a tariff each peer's stand-alone baseline. After sharing and the VPP, {@link #close} adds
 * the explicit service's payments and the metering's imbalance and losses, in that order.
 */
public final class SettlementPhase implements Stage<RunResult, Settled> {
    @Override
    public Phase phase() {
        return Phase.SETTLEMENT;
    }

    @Override
    public Settled apply(RunResult run) {
        Settlement market = MarketSettlement.settle(run.scenario(), run.periods(), run.isAuction(), run.horizon());
        boolean costsKnown = run.scenario().orders().isEmpty(); // listed orders: peers may have no costs
        Optional<Baseline> baseline = costsKnown ? run.scenario().tariff().map(t -> Baseline.of(run.scenario()))
                : Optional.empty();
        return new Settled(run, market, baseline, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), market);
    }

    /** The service's payments, then metering (which reads the market's own settlement), on what came before. */
    Settled close(Settled s) {
        Settlement flex = ServiceStage.settle(s.settlement(), s.run());
        Optional<MeteringStage> metering = MeteringStage.of(s.run());
        return s.closed(metering, metering.map(m -> m.settle(flex, s.market())).orElse(flex));
    }
}
