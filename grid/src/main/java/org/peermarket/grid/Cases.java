package org.peermarket.grid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/** Finds a case by built-in name or file path; reads {@code .m} with our reader and everything else with PowSyBl. */
public final class Cases {
    /** The MATPOWER cases shipped as resources (unchanged copies; see cases/README.md and LICENSE). */
    public static final List<String> BUILT_IN =
            List.of("case14", "case30", "case33bw", "case39", "case69", "case85", "case118", "case141");

    private Cases() {}

    /** A built-in case name or a path to a MATPOWER {@code .m}/{@code .mat}, IIDM or IEEE CDF file. */
    public static GridCase load(String ref) {
        if (BUILT_IN.contains(ref)) {
            return builtIn(ref);
        }
        Path file = Path.of(ref);
        if (!Files.isRegularFile(file)) {
            throw new ValidationException(new Problem("case", ref,
                    "no such file, and not a built-in case (" + String.join(", ", BUILT_IN) + ")"));
        }
        return read(file);
    }

    public static GridCase builtIn(String name) {
        try (InputStream in = Cases.class.getResourceAsStream("cases/" + name + ".m")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in case " + name);
            }
            return MatpowerText.read(name + ".m", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public static GridCase read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".m")) {
                return MatpowerText.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            if (name.endsWith(".mat")) {
                return PowsyblCases.readMat(file);
            }
            return PowsyblCases.readNetwork(file);
        } catch (IOException e) {
            throw new ValidationException(new Problem("case", file.toString(), "cannot be read: " + e.getMessage()));
        } catch (ValidationException e) {
            throw e;
        } catch (RuntimeException e) {
            ValidationException bad = new ValidationException(new Problem("case", file.toString(),
                    "not a MATPOWER .m case nor a format PowSyBl imports (IIDM, MATPOWER .mat, IEEE CDF): "
                            + describe(e)));
            bad.initCause(e);
            throw bad;
        }
    }
}
