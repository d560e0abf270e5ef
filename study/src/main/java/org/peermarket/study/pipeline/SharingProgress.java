package org.peermarket.study.pipeline;

import org.peermarket.settlement.Sharing;

/**
 * Shows a sharing run's Shapley work (coalitions cleared, or orders sampled) as a
 * {@link Progress} bar: silent off a terminal, with --quiet, or when the work ends within
 * {@link Progress#DELAY_MILLIS}. Close it when the sharing is done.
 */
final class SharingProgress implements Sharing.Tracker, AutoCloseable {
    /** Makes the bar: {@link Progress#start} outside tests. */
    interface Bars {
        Progress start(String task, long total, String unit);
    }

    private final Bars bars;
    private Progress bar = Progress.NONE;

    SharingProgress() {
        this(Progress::start);
    }

    SharingProgress(Bars bars) {
        this.bars = bars;
    }

    @Override
    public void begin(String task, long total, String unit) {
        bar.close();
        bar = bars.start(task, total, unit);
    }

    @Override
    public void step(long n) {
        bar.step(n);
    }

    @Override
    public void close() {
        bar.close();
    }
}
