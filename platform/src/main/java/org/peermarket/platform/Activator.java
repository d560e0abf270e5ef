package org.peermarket.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Moves received orders to active off the acknowledgement path ({@code signature_check:
 * before_activation}, docs/platform.md#signatures): one dispatcher takes the orders in the order
 * they were received, in chunks, checks the chunk's signatures in parallel on N workers, and
 * hands the verdicts to the exchange in that same order (so time priority is the order of
 * receipt). An activation that fails (a database error) is retried until it commits.
 */
final class Activator implements AutoCloseable {

    /** A received order waiting for its signature check. */
    record Received(Order order, String payload, String signature) {}

    /** The verdict on one received order. */
    record Checked(Received received, boolean valid) {}

    private static final int CHUNK = 256;

    private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private final Function<Received, Boolean> check;
    private final Consumer<List<Checked>> activate;
    private final ExecutorService workers;
    private final int threads;
    private final Thread dispatcher;
    private volatile boolean closed;

    /** {@code check} verifies one order's signature; {@code activate} commits a chunk's verdicts. */
    Activator(int threads, Function<Received, Boolean> check, Consumer<List<Checked>> activate) {
        this.threads = Math.max(1, threads);
        this.check = check;
        this.activate = activate;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(this.threads, r -> daemon(r, "peermarket-activate-" + n.incrementAndGet()));
        this.dispatcher = daemon(this::loop, "peermarket-activator");
        this.dispatcher.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void add(Received r) {
        pending.incrementAndGet();
        queue.add(r);
    }

    /** Orders received and not yet activated or killed. */
    int pending() {
        return pending.get();
    }

    /** Waits until every received order has been activated or killed; false on timeout. */
    boolean awaitIdle(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.min(left, 50));
            }
        }
        return true;
    }

    private void loop() {
        List<Received> chunk = new ArrayList<>(CHUNK);
        while (!closed) {
            try {
                Received first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                chunk.add(first);
                queue.drainTo(chunk, CHUNK - 1);
                List<Checked> verdicts = verify(chunk);
                commit(verdicts);
                pending.addAndGet(-chunk.size());
                synchronized (idle) {
                    idle.notifyAll();
                }
                chunk.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private List<Checked> verify(List<Received> chunk) throws InterruptedException {
        int slices = Math.min(threads, chunk.size());
        List<Callable<List<Checked>>> tasks = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            List<Received> slice = chunk.subList(s * chunk.size() / slices, (s + 1) * chunk.size() / slices);
            tasks.add(() -> slice.stream().map(r -> new Checked(r, check.apply(r))).toList());
        }
        List<Checked> out = new ArrayList<>(chunk.size());
        for (Future<List<Checked>> f : workers.invokeAll(tasks)) {
            try {
                out.addAll(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("checking signatures", e.getCause());
            }
        }
        return out;
    }

    /** Commits the verdicts, retrying after a failure (the orders stay received until then). */
    private void commit(List<Checked> verdicts) throws InterruptedException {
        while (true) {
            try {
                activate.accept(verdicts);
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                System.err.println("peermarket: activating " + verdicts.size() + " received orders failed, retrying: " + e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        try {
            dispatcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }
}
