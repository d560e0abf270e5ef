package org.peermarket.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;

/** Built-in example scenarios, shipped as YAML resources. */
public final class Examples {
    /** The example that {@code peermarket run} clears when given no scenario. */
    public static final String DEFAULT = "five-peers";

    private static final List<String> NAMES = List.of(
            "five-peers", "baroche-2019", "baroche-2019-admm", "auction-five-peers", "cda-street", "feeder-33bw",
            "solar-street");

    private Examples() {}

    public static List<String> names() {
        return NAMES;
    }

    /** The example's YAML text, exactly as shipped. */
    public static Optional<String> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = Examples.class.getResourceAsStream("examples/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("example resource missing: " + name);
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Scenario> load(String name) {
        return text(name).map(t -> ScenarioParser.parse(t, name + ".yaml", false));
    }
}
