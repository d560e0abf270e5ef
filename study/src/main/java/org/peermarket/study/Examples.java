package org.peermarket.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioFiles;
import org.peermarket.model.ScenarioParser;

/** Built-in example scenarios, shipped as YAML resources. */
public final class Examples {
    /** The example that {@code peermarket run} clears when given no scenario. */
    public static final String DEFAULT = "five-peers";

    private static final List<String> NAMES = List.of(
            "five-peers", "baroche-2019", "baroche-2019-admm", "auction-five-peers", "cda-street", "feeder-33bw",
            "community-basic", "hybrid-nested", "moreno-5peer", "moreno-17peer", "solar-street", "vpp-community",
            "community-sharing", "explicit-service", "metering-street", "vpp-balancing",
            "euniversal-case69", "community-year", "heat-nordhavn");
    /** Examples made of several cases, each a scenario in examples/NAME/CASE.yaml, written to DIR/CASE. */
    private static final Map<String, List<String>> CASES = Map.of("moreno-5peer", List.of("case-1", "case-2"));

    /** CSV files an example names are found next to it, in the examples resource folder. */
    private static final ScenarioFiles FILES = ScenarioFiles.resources(Examples.class, "examples/");

    private Examples() {}

    public static List<String> names() {
        return NAMES;
    }

    /** The example's cases in order; empty for an example that is one scenario. */
    public static List<String> cases(String name) {
        return CASES.getOrDefault(name, List.of());
    }

    /**
     * The example's YAML text, exactly as shipped; for an example with cases, every case's text
     * after a comment line naming it.
     */
    public static Optional<String> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        if (CASES.containsKey(name)) {
            StringBuilder out = new StringBuilder();
            for (String c : cases(name)) {
                out.append("# ---- ").append(name).append(" ").append(c).append(" (a scenario of its own) ----\n")
                        .append(resource(name + "/" + c));
            }
            return Optional.of(out.toString());
        }
        return Optional.of(resource(name));
    }

    /**
     * Each case's scenario by case name; an example without cases has one entry under "". The
     * first case stands for the example in {@link #load}.
     */
    public static Map<String, Scenario> loadCases(String name) {
        Map<String, Scenario> out = new LinkedHashMap<>();
        if (CASES.containsKey(name)) {
            for (String c : cases(name)) {
                out.put(c, ScenarioParser.parse(resource(name + "/" + c), name + "/" + c + ".yaml", false, FILES));
            }
        } else {
            load(name).ifPresent(s -> out.put("", s));
        }
        return out;
    }

    private static String resource(String path) {
        try (InputStream in = Examples.class.getResourceAsStream("examples/" + path + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("example resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Scenario> load(String name) {
        if (CASES.containsKey(name)) {
            return loadCases(name).values().stream().findFirst();
        }
        return text(name).map(t -> ScenarioParser.parse(t, name + ".yaml", false, FILES));
    }
}
