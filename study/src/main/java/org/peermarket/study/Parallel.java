package org.peermarket.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Writing a long run's results on every core: the pieces are independent texts, made at once and
 * joined in their fixed order, so the files are the same as when made one by one.
 */
final class Parallel {
    private Parallel() {}

    record Pair<A, B>(A first, B second) {}

    /** A piece of work that may fail on a file. */
    interface Job {
        void run() throws IOException;
    }

    /** Something that writes rows {@code from} to {@code to} (exclusive) of a text. */
    interface Rows {
        void append(int from, int to, StringBuilder out);
    }

    /**
     * Both results: {@code second} on the shared pool while this thread makes {@code first}.
     * A failure of either is thrown as it was thrown, after both have stopped.
     */
    static <A, B> Pair<A, B> both(Supplier<A> first, Supplier<B> second) {
        ForkJoinTask<Outcome<B>> other = ForkJoinPool.commonPool().submit(() -> Outcome.of(second));
        A a;
        try {
            a = first.get();
        } catch (RuntimeException | Error e) {
            await(other);
            throw e;
        }
        return new Pair<>(a, await(other).get());
    }

    /** A value or what was thrown instead, kept as thrown (the pool would rethrow a copy). */
    private record Outcome<T>(T result, Throwable thrown) {
        static <T> Outcome<T> of(Supplier<T> work) {
            try {
                return new Outcome<>(work.get(), null);
            } catch (RuntimeException | Error e) {
                return new Outcome<>(null, e);
            }
        }

        T get() {
            rethrow(thrown);
            return result;
        }
    }

    /** Runs every job, several at once; the first failure is thrown, as thrown, once all have stopped. */
    static void all(List<Job> jobs) throws IOException {
        Throwable thrown = each(jobs.size(), i -> {
            try {
                jobs.get(i).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (thrown instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        rethrow(thrown);
    }

    /** {@code header} then rows 0 to {@code count} in blocks of {@code block} rows, made in parallel. */
    static String text(String header, int count, int block, Rows rows) {
        int blocks = (count + block - 1) / block;
        String[] parts = new String[blocks];
        rethrow(each(blocks, b -> {
            StringBuilder out = new StringBuilder();
            rows.append(b * block, Math.min(count, (b + 1) * block), out);
            parts[b] = out.toString();
        }));
        int length = header.length();
        for (String part : parts) {
            length += part.length();
        }
        StringBuilder all = new StringBuilder(length).append(header);
        for (String part : parts) {
            all.append(part);
        }
        return all.toString();
    }

    /** Runs work(0) to work(count - 1) on every core; the first failure, or null. */
    private static Throwable each(int count, IntConsumer work) {
        AtomicReference<Throwable> first = new AtomicReference<>();
        IntStream.range(0, count).parallel().forEach(i -> {
            try {
                work.accept(i);
            } catch (RuntimeException | Error e) {
                first.compareAndSet(null, e); // kept here: the pool would rethrow a copy with another message
            }
        });
        return first.get();
    }

    private static void rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException r) {
            throw r;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    private static <T> Outcome<T> await(ForkJoinTask<Outcome<T>> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing results", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // Outcome.of catches what the work throws
        }
    }
}
