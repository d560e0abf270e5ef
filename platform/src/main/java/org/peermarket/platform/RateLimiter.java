package org.peermarket.platform;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per participant: {@code perSecond} tokens a second, at most {@code burst} saved up. */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one token for {@code who}; false when its bucket is empty (answer 429). */
    public boolean tryAcquire(String who) {
        return tryAcquire(who, 1);
    }

    /** Takes {@code n} tokens for {@code who} at once, or none when it has fewer. */
    public boolean tryAcquire(String who, int n) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(who, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * 1e-9 * perSecond);
            b.last = now;
            if (b.tokens < n) {
                return false;
            }
            b.tokens -= n;
            return true;
        }
    }

    /** Seconds until {@code who} has a token again (for Retry-After), at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }
}
