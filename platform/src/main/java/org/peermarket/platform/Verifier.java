package org.peermarket.platform;

import java.security.PublicKey;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.peermarket.ledger.Signatures;

/**
 * Checks Ed25519 signatures on a pool of one worker per core, in parallel, before a command goes
 * to the single writer. The verification is the costliest step of an order (README, Live
 * platform: milliseconds on the JDK's provider, against tens of microseconds for the rest), so
 * bounding it to the cores keeps the many request threads that wait for their commit from
 * competing with it for the CPU, and serves verifications first come, first served.
 */
final class Verifier implements AutoCloseable {
    private final ExecutorService pool;

    /** {@code threads} workers; 0 verifies on the calling thread (to compare, see PlatformLoad). */
    Verifier(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = threads <= 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "peermarket-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One worker per core, or {@code -Dpeermarket.verifyThreads=N}. */
    static Verifier perCore() {
        return new Verifier(Integer.getInteger("peermarket.verifyThreads", Runtime.getRuntime().availableProcessors()));
    }

    /** True when the signature is the key's over the text; false for anything malformed. */
    boolean verify(PublicKey key, String text, String signature) {
        if (pool == null) {
            return Signatures.verify(key, text, signature);
        }
        Future<Boolean> f = pool.submit(() -> Signatures.verify(key, text, signature));
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying a signature", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
