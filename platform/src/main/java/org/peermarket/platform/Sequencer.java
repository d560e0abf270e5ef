package org.peermarket.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's single writer: commands run one after another on one thread, so the ledger
 * has one order and the books need no locks. Commands waiting together share one database
 * transaction (group commit); each caller is answered only after that transaction has committed,
 * so nothing acknowledged can be lost. A command must make its checks before it writes: a
 * refusal it throws ({@link ApiException}, {@code ValidationException}) fails that command
 * alone; any other exception (a database error, a bug) fails the whole group, which is rolled
 * back, and {@code onRollback} resets the in-memory state from the database.
 * <p>
 * Order and ledger rows are inserted through a {@link WriteBatch}: a <em>batched</em> command
 * (an order into a periodic market: it only inserts) leaves its rows pending; the batch is
 * flushed before every other command, which may read or update those rows, and before the
 * commit.
 */
final class Sequencer implements AutoCloseable {

    /** One unit of work inside the group's transaction; {@code after} runs once it committed. */
    interface Command<T> {
        T run(Handle h);
    }

    /** What a command hands back: its answer, and work to do after commit (publishing). */
    record Outcome<T>(T value, Runnable afterCommit) {}

    private record Pending<T>(Command<Outcome<T>> command, CompletableFuture<T> done, boolean batched) {}

    private static final Object STOP = new Object();

    private final Jdbi jdbi;
    private final int batchSize;
    private final java.util.function.Consumer<Handle> onBegin;
    private final WriteBatch batch;
    private final Runnable onRollback;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(65_536);
    private final Thread thread;
    /** Groups committed and the commands in them, for the load benchmark's figures. */
    private final java.util.concurrent.atomic.LongAdder groups = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder commands = new java.util.concurrent.atomic.LongAdder();

    Sequencer(Jdbi jdbi, int batchSize, WriteBatch batch, java.util.function.Consumer<Handle> onBegin, Runnable onRollback) {
        this.jdbi = jdbi;
        this.batch = batch;
        this.batchSize = Math.max(1, batchSize);
        this.onBegin = onBegin;
        this.onRollback = onRollback;
        this.thread = new Thread(this::loop, "peermarket-sequencer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs the command in the next group and waits for its commit. */
    <T> T call(Command<Outcome<T>> command) {
        return call(command, false);
    }

    /**
     * As {@link #call(Command)}; a {@code batched} command only inserts orders and ledger
     * entries through the {@link WriteBatch} and reads nothing they could change.
     */
    <T> T call(Command<Outcome<T>> command, boolean batched) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            if (!queue.offer(new Pending<>(command, done, batched), 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the platform is overloaded: no room in the write queue");
            }
            return done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no commit within 60 s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        List<Object> group = new ArrayList<>(batchSize);
        while (true) {
            try {
                group.add(queue.take());
                queue.drainTo(group, batchSize - 1);
            } catch (InterruptedException e) {
                return;
            }
            boolean stop = group.remove(STOP);
            if (!group.isEmpty()) {
                runGroup(group);
            }
            group.clear();
            if (stop) {
                return;
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runGroup(List<Object> group) {
        List<Runnable> completions = new ArrayList<>(group.size());
        try {
            jdbi.useTransaction(h -> {
                batch.begin(h);
                onBegin.accept(h);
                for (Object o : group) {
                    Pending p = (Pending) o;
                    if (!p.batched()) {
                        batch.flush();
                    }
                    try {
                        Outcome out = (Outcome) p.command().run(h);
                        completions.add(() -> {
                            p.done().complete(out.value());
                            if (out.afterCommit() != null) {
                                out.afterCommit().run();
                            }
                        });
                    } catch (ApiException | org.peermarket.model.ValidationException e) {
                        // a refusal: made by the command's checks, before it wrote anything
                        completions.add(() -> p.done().completeExceptionally(e));
                    }
                }
                batch.flush();
            });
        } catch (RuntimeException e) {
            batch.discard();
            onRollback.run();
            for (Object o : group) {
                ((Pending) o).done().completeExceptionally(new IllegalStateException("not committed: " + e.getMessage(), e));
            }
            return;
        }
        groups.increment();
        commands.add(group.size());
        completions.forEach(Runnable::run);
    }

    /** {groups committed, commands in them} since the start. */
    long[] groupStatistics() {
        return new long[] {groups.sum(), commands.sum()};
    }

    @Override
    public void close() {
        try {
            queue.put(STOP);
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
