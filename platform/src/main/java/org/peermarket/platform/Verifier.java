package org.peermarket.platform;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.peermarket.ledger.Signatures;
import org.peermarket.ledger.VerifyingKey;

/**
 * Checks Ed25519 signatures before a command goes to the single writer, in parallel: on the
 * request threads (the default) or on a pool of N workers ({@code -Dpeermarket.verifyThreads=N}).
 * The verification is the costliest single step of an order (README, Live platform: about 0.1 ms
 * with BouncyCastle). A pool bounds it to N threads;
 * measured on the shared 2-core machine it was no faster than the request threads (README), so
 * it is off by default.
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

    /** On the request threads, or on {@code -Dpeermarket.verifyThreads=N} workers. */
    static Verifier configured() {
        return new Verifier(Integer.getInteger("peermarket.verifyThreads", 0));
    }

    /** True when the signature is the key's over the text; false for anything malformed. */
    boolean verify(VerifyingKey key, String text, String signature) {
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
