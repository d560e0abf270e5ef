package org.peermarket.study.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Writing a long run's results on every core: the pieces are independent texts, made at once and
 * joined in their fixed order, so the files are the same as when made one by one.
 */
public final class Parallel {
    private Parallel() {}

    public record Pair<A, B>(A first, B second) {}

    /** A piece of work that may fail on a file. */
    interface Job {
        void run() throws IOException;
    }

    /** Something that writes rows {@code from} to {@code to} (exclusive) of a text. */
    public interface Rows {
        void append(int from, int to, StringBuilder out);
    }

    /** Both results, made at once; a failure of either is thrown as it was thrown, after both have stopped. */
    @SuppressWarnings("unchecked")
    public static <A, B> Pair<A, B> both(Supplier<A> first, Supplier<B> second) {
        Object[] made = new Object[2];
        rethrow(each(2, i -> made[i] = i == 0 ? first.get() : second.get()));
        return new Pair<>((A) made[0], (B) made[1]);
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
    public static String text(String header, int count, int block, Rows rows) {
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
}
