package org.peermarket.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes a set of files into a folder all or nothing: to a staging folder first, then moved into place. */
final class Staging {
    private Staging() {}

    static void write(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            removeStale(dir);
            Path staging = Files.createTempDirectory(dir, ".staging-");
            try {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Files.writeString(staging.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
                for (String name : files.keySet()) {
                    Files.move(staging.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                try (var left = Files.list(staging)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes one file through a temporary file in the same folder, so a failure leaves no half-written file. */
    static void writeFile(Path file, String text) {
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
                try (var left = Files.list(p)) {
                    for (Path f : left.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(p);
            }
        }
    }
}
