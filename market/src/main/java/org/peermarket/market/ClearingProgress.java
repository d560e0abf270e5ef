package org.peermarket.market;

/** What a clearing reports while it runs (for a progress display); thread-safe, as periods clear in parallel. */
public interface ClearingProgress {
    ClearingProgress NONE = new ClearingProgress() {
        @Override
        public void iteration() {}

        @Override
        public void periodDone(int done, int periods) {}
    };

    /** One negotiation iteration of some period (ADMM only). */
    void iteration();

    /** {@code done} of {@code periods} periods are cleared (for a horizon: all at once at the end). */
    void periodDone(int done, int periods);
}
