package org.peermarket.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * A live market (docs/platform.md#markets): the registered mechanism that clears it
 * ({@code type/solver}, from {@link org.peermarket.market.registry.Mechanisms}), delivery periods of
 * {@code periodMinutes} from {@code start}, and the gate of period k closing
 * {@code gateMinutes} before its delivery starts (seed 001 section 3.1.1.2, Figure 11). With a
 * {@code grid} the DSO's policy judges every match ({@link MarketGrid}). A {@code community/central}
 * market has its {@code community} ({@link MarketCommunity}, markets.md section 2); others null.
 * {@code limits}: the market's own order limits ({@link OrderLimits}; null or unset fields: the
 * platform's defaults). {@code imbalance}: the prices its deviations are settled at ({@link MarketImbalance};
 * null: deviations are reported as volumes only).
 */
public record MarketDef(String id, String mechanism, Instant start, int periodMinutes, int gateMinutes, int periods,
                        MarketGrid grid, MarketCommunity community, OrderLimits limits, MarketImbalance imbalance) {

    /** A market without imbalance prices. */
    public MarketDef(String id, String mechanism, Instant start, int periodMinutes, int gateMinutes, int periods,
                     MarketGrid grid, MarketCommunity community, OrderLimits limits) {
        this(id, mechanism, start, periodMinutes, gateMinutes, periods, grid, community, limits, null);
    }

    /** A market with the platform's default order limits. */
    public MarketDef(String id, String mechanism, Instant start, int periodMinutes, int gateMinutes, int periods,
                     MarketGrid grid, MarketCommunity community) {
        this(id, mechanism, start, periodMinutes, gateMinutes, periods, grid, community, null);
    }

    /** A market without a community. */
    public MarketDef(String id, String mechanism, Instant start, int periodMinutes, int gateMinutes, int periods,
                     MarketGrid grid) {
        this(id, mechanism, start, periodMinutes, gateMinutes, periods, grid, null);
    }

    /** A market without a grid: the DSO policy does not apply. */
    public MarketDef(String id, String mechanism, Instant start, int periodMinutes, int gateMinutes, int periods) {
        this(id, mechanism, start, periodMinutes, gateMinutes, periods, null);
    }

    public Instant periodStart(int k) {
        return start.plus(Duration.ofMinutes((long) periodMinutes * k));
    }

    public Instant periodEnd(int k) {
        return periodStart(k + 1);
    }

    public Instant gateClosure(int k) {
        return periodStart(k).minus(Duration.ofMinutes(gateMinutes));
    }

    /** The period that starts at {@code from}, or -1 when none does. */
    public int periodStartingAt(Instant from) {
        long minutes = Duration.between(start, from).toMinutes();
        if (from.isBefore(start) || minutes % periodMinutes != 0 || !periodStart((int) (minutes / periodMinutes)).equals(from)) {
            return -1;
        }
        long k = minutes / periodMinutes;
        return k < periods ? (int) k : -1;
    }

    public boolean continuous() {
        return mechanism.startsWith("cda/");
    }

    /** Ledger and Merkle scope of one delivery period. */
    public String scope(int k) {
        return id + "/" + k;
    }
}
