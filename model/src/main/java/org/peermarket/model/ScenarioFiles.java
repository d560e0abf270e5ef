package org.peermarket.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the files a scenario names (CSV profiles) are found: next to the scenario file, in a
 * built-in example's resource folder, or nowhere (a scenario given as text only).
 */
public interface ScenarioFiles {
    /** The file's text, or empty when it does not exist. */
    Optional<String> read(String name);

    /** Where relative names are looked up, for messages. */
    String where();

    ScenarioFiles NONE = new ScenarioFiles() {
        @Override
        public Optional<String> read(String name) {
            return Optional.empty();
        }

        @Override
        public String where() {
            return "no folder: the scenario was given as text, not as a file";
        }
    };

    /** Files relative to a folder (the scenario file's own). */
    static ScenarioFiles folder(Path dir) {
        return new ScenarioFiles() {
            @Override
            public Optional<String> read(String name) {
                try {
                    return Optional.of(Files.readString(dir.resolve(name)));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String where() {
                return dir.toString();
            }
        };
    }

    /** Class-path resources under {@code folder} of {@code owner}'s package (a built-in example's folder). */
    static ScenarioFiles resources(Class<?> owner, String folder) {
        return new ScenarioFiles() {
            @Override
            public Optional<String> read(String name) {
                if (name.contains("..")) {
                    return Optional.empty();
                }
                try (InputStream in = owner.getResourceAsStream(folder + name)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String where() {
                return "the built-in example's folder";
            }
        };
    }
}
