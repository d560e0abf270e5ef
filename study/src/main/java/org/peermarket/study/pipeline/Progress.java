package org.peermarket.study.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work (periods of a run, ADMM iterations, sweeps) as a bar on stderr. Silent
 * when the console is not a terminal ({@code System.console() == null}) or when quiet
 * ({@code --quiet}); and a bar appears only once the work has taken {@link #DELAY_MILLIS}, so
 * quick runs print nothing. Thread-safe: parallel periods may step the same bar.
 *
 * <pre>
 * try (Progress p = Progress.start("sweep", cases.size(), "cases")) {
 *     for (...) { ...; p.step(); }
 * }
 * </pre>
 */
public abstract class Progress implements AutoCloseable {
    /** Work that ends sooner shows no bar. */
    public static final long DELAY_MILLIS = 1000;
    private static volatile boolean quiet;

    /** Does nothing: what {@link #start} returns when progress is not shown. */
    public static final Progress NONE = new Progress() {
        @Override
        public void step(long n) {}

        @Override
        public void message(String text) {}

        @Override
        public void close() {}
    };

    /** Turns every bar off (the CLI's --quiet). */
    public static void setQuiet(boolean on) {
        quiet = on;
    }

    /** True when bars are shown: not quiet and attached to a terminal. */
    public static boolean shown() {
        return !quiet && System.console() != null;
    }

    /**
     * A bar for {@code total} steps of {@code unit} (total below 1: unknown, the bar counts), or
     * {@link #NONE} when bars are not shown.
     */
    public static Progress start(String task, long total, String unit) {
        return shown() ? new Bar(task, total, unit, System.err, DELAY_MILLIS) : NONE;
    }

    /** A bar drawn to {@code out} after {@code delayMillis}, whatever the console (for tests). */
    public static Progress to(java.io.PrintStream out, String task, long total, String unit, long delayMillis) {
        return new Bar(task, total, unit, out, delayMillis);
    }

    /** {@code n} more steps done. */
    public abstract void step(long n);

    public void step() {
        step(1);
    }

    /** A short note after the bar, e.g. "period 3 of 24". */
    public abstract void message(String text);

    /** Ends the bar (a no-op if it never appeared). */
    @Override
    public abstract void close();

    /** The bar, built on the first step after the delay and updated at most every 100 ms. */
    private static final class Bar extends Progress {
        private final String task;
        private final long total;
        private final String unit;
        private final java.io.PrintStream out;
        private final long delayNanos;
        private final long started = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private volatile String note = "";
        private volatile long shownAt;
        private ProgressBar bar;

        Bar(String task, long total, String unit, java.io.PrintStream out, long delayMillis) {
            this.task = task;
            this.total = total;
            this.unit = unit;
            this.out = out;
            this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        }

        @Override
        public void step(long n) {
            long now = System.nanoTime();
            done.addAndGet(n);
            if (now - shownAt > TimeUnit.MILLISECONDS.toNanos(100) && now - started >= delayNanos) {
                shownAt = now;
                update();
            }
        }

        @Override
        public void message(String text) {
            note = text;
        }

        private synchronized void update() {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1).setUnit(" " + unit, 1)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                        .setUpdateIntervalMillis(200)
                        .startsFrom(0, java.time.Duration.ofNanos(System.nanoTime() - started)).build();
            }
            bar.stepTo(done.get());
            bar.setExtraMessage(note);
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.stepTo(done.get());
                bar.setExtraMessage(note);
                bar.close();
            }
        }
    }
}
