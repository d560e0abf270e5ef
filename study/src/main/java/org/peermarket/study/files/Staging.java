package org.peermarket.study.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a set of files into a folder all or nothing: to a staging folder first, then moved into place. */
public final class Staging {
    private Staging() {}

    /** A file written by a library that wants a path (Parquet), not from a string. */
    interface BinaryFile {
        void write(Path target) throws IOException;
    }

    /** A text file made when it is written (the report, while the Parquet files are written beside it). */
    public interface TextFile {
        String text();
    }

    public static void write(Path dir, Map<String, String> files) {
        write(dir, files, Map.of());
    }

    static void write(Path dir, Map<String, String> files, Map<String, BinaryFile> binaries) {
        Map<String, TextFile> texts = new java.util.LinkedHashMap<>();
        files.forEach((name, text) -> texts.put(name, () -> text));
        writeAll(dir, texts, binaries);
    }

    /**
     * Writes every file into a staging folder, several at once, then moves them into place:
     * {@code binaries} (names may have a folder, e.g. parquet/peers.parquet) first, then the text
     * files in their order, so the last one (summary.json) still comes last.
     */
    public static void writeAll(Path dir, Map<String, TextFile> files, Map<String, BinaryFile> binaries) {
        try {
            Files.createDirectories(dir);
            removeStale(dir);
            Path staging = Files.createTempDirectory(dir, ".staging-");
            try {
                List<Parallel.Job> jobs = new ArrayList<>();
                files.forEach((name, file) -> jobs.add(() ->
                        Files.writeString(staging.resolve(name), file.text(), StandardCharsets.UTF_8)));
                binaries.forEach((name, file) -> jobs.add(() -> {
                    Path target = staging.resolve(name);
                    Files.createDirectories(target.getParent());
                    file.write(target);
                }));
                Parallel.all(jobs);
                for (String name : binaries.keySet()) {
                    Files.createDirectories(dir.resolve(name).getParent());
                    move(staging, dir, name);
                }
                for (String name : files.keySet()) {
                    move(staging, dir, name);
                }
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path staging, Path dir, String name) throws IOException {
        Files.move(staging.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** A staging folder and what is left in it (its subfolders too), deepest first. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes one file through a temporary file in the same folder, so a failure leaves no half-written file. */
    public static void writeFile(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".write-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Staging folders left by a run that was killed mid-write. */
    private static void removeStale(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.filter(q -> q.getFileName().toString().startsWith(".staging-")).toList()) {
                deleteTree(p);
            }
        }
    }
}
