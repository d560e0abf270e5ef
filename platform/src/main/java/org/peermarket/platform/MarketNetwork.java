package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.peermarket.grid.Cases;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.MatpowerText;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.GridSpec;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.model.ValidationException;
import org.peermarket.study.pipeline.GridStudy;

/**
 * A market's network as {@code peermarket run} reads it (docs/platform.md#dso-policy, docs/grid.md): a built-in
 * MATPOWER case ({@code case}) or an uploaded MATPOWER {@code .m} text ({@code matpower}), the scenario's
 * {@code ratings} and {@code base}, and {@code buses}, each participant's bus number in the case (a scenario
 * peer's {@code bus}). A participant not listed is at the case's reference bus.
 */
record MarketNetwork(String caseName, String matpower, GridSpec spec, Map<String, Integer> buses) {
    static final Set<String> KEYS = Set.of("case", "matpower", "ratings", "base", "buses");
    /** Room for an uploaded case in the markets table's grid column (VARCHAR(100000)) beside the rest. */
    static final int MAX_MATPOWER = 90_000;
    /** The name an uploaded case takes (MatpowerText names a case after its file). */
    static final String UPLOADED = "uploaded.m";

    MarketNetwork {
        buses = Map.copyOf(buses);
    }

    /** A network and its policy, parsed and loaded: what {@link MarketGrid} keeps. */
    record Parsed(MarketNetwork network, DsoSpec dso, double preference) {}

    static boolean isCaseForm(JsonNode grid) {
        return grid != null && (grid.has("case") || grid.has("matpower"));
    }

    /** The case itself: the built-in one, or the uploaded text read again. */
    GridCase load() {
        return matpower != null ? MatpowerText.read(UPLOADED, matpower) : Cases.builtIn(caseName);
    }

    /**
     * Reads {@code grid} (case form) and {@code dso} of a market body. The {@code ratings}, {@code base} and
     * {@code dso} keys go through the scenario reader itself, so they take what {@code run} takes and fail as
     * there ({@code grid.ratings.factor}, {@code dso.theta}, ...); {@code dso.preference} is the platform's own
     * (see {@link MarketGrid#DEFAULT_PREFERENCE}). Null when a problem was recorded.
     */
    static Parsed parse(Body b, JsonNode grid, JsonNode dso, Predicate<String> participantExists) {
        grid.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                b.fail("grid." + k, null, "unknown field; expected one of " + new java.util.TreeSet<>(KEYS));
            }
        });
        GridCase loaded = caseOf(b, grid);
        if (loaded == null) {
            return null;
        }
        Map<String, Integer> buses = buses(b, grid.get("buses"), loaded, participantExists);
        double preference = MarketGrid.DEFAULT_PREFERENCE;
        if (dso != null && dso.has("preference")) {
            preference = b.number(dso.get("preference"), "dso.preference", MarketGrid.DEFAULT_PREFERENCE, 0, true);
        }
        Scenario s = scenario(b, grid, dso, loaded);
        if (s == null) {
            return null;
        }
        String name = grid.has("case") ? grid.get("case").asText() : null;
        String text = name == null ? grid.get("matpower").asText() : null;
        MarketNetwork n = new MarketNetwork(name, text, s.grid().orElseThrow(), buses);
        try {
            GridStudy.setup(n.spec(), loaded, new int[0]); // explicit ratings name their branches: checked here
        } catch (ValidationException e) {
            e.problems().forEach(p -> b.fail("grid.ratings: " + p.path(), p.value(), p.message()));
            return null;
        }
        DsoSpec policy = s.dso().orElse(DsoSpec.DEFAULT);
        if (dso != null && dso.has("preference") && !policy.policy().equals(DsoSpec.INCENTIVE)) {
            b.fail("dso.preference", dso.get("preference"), "applies only to policy incentive");
        }
        return new Parsed(n, policy, preference);
    }

    /** The case a body names or carries; null with a problem recorded. */
    private static GridCase caseOf(Body b, JsonNode grid) {
        JsonNode name = grid.get("case");
        JsonNode text = grid.get("matpower");
        if (name != null && text != null) {
            b.fail("grid.matpower", "(" + text.asText().length() + " characters)", "give either case or matpower, not both");
            return null;
        }
        if (name != null) {
            if (!name.isTextual() || !Cases.BUILT_IN.contains(name.asText())) {
                b.fail("grid.case", name.isTextual() ? name.asText() : name, "must be a built-in case (" + String.join(", ", Cases.BUILT_IN)
                        + "); upload any other MATPOWER case as text in grid.matpower");
                return null;
            }
            return Cases.builtIn(name.asText());
        }
        if (!text.isTextual() || text.asText().isBlank() || text.asText().length() > MAX_MATPOWER) {
            b.fail("grid.matpower", text.isTextual() ? "(" + text.asText().length() + " characters)" : text,
                    "must be a MATPOWER .m case as text, at most " + MAX_MATPOWER + " characters");
            return null;
        }
        try {
            return MatpowerText.read(UPLOADED, text.asText());
        } catch (ValidationException e) {
            e.problems().forEach(p -> b.fail("grid.matpower: " + p.path(), p.value(), p.message()));
            return null;
        }
    }

    private static Map<String, Integer> buses(Body b, JsonNode n, GridCase grid, Predicate<String> participantExists) {
        Map<String, Integer> out = new TreeMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            b.fail("grid.buses", n, "must map participant ids to bus numbers of the case, e.g. {\"alice\": 18}");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String f = "grid.buses." + e.getKey();
            if (!participantExists.test(e.getKey())) {
                b.fail(f, e.getKey(), "no such participant");
            } else if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                b.fail(f, e.getValue(), "must be a bus number of the case");
            } else if (!grid.hasBus(e.getValue().asInt())) {
                b.fail(f, e.getValue(), "no such bus in " + grid.name());
            } else {
                out.put(e.getKey(), e.getValue().asInt());
            }
        });
        return out;
    }

    /**
     * The scenario reader over {@code grid.ratings}, {@code grid.base} and {@code dso}: a one-peer scenario on the
     * case, at its reference bus. Null with the reader's problems recorded.
     */
    private static Scenario scenario(Body b, JsonNode grid, JsonNode dso, GridCase loaded) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("case", grid.has("case") ? grid.get("case").asText() : UPLOADED);
        for (String k : List.of("ratings", "base")) {
            if (grid.has(k)) {
                g.put(k, grid.get(k));
            }
        }
        Map<String, Object> peer = Map.of("id", "p", "bus", loaded.buses().get(loaded.slack()).number(),
                "cost", Map.of("a", 0, "b", 0), "pmin", 0, "pmax", 0);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "market");
        doc.put("peers", List.of(peer));
        doc.put("grid", g);
        if (dso != null && !dso.isNull()) {
            doc.put("dso", withoutPreference(dso));
        }
        try {
            return ScenarioParser.parse(Json.write(doc), "market", true);
        } catch (ValidationException e) {
            e.problems().forEach(p -> b.fail(p.path(), p.value(), p.message()));
            return null;
        }
    }

    private static Object withoutPreference(JsonNode dso) {
        if (!dso.isObject()) {
            return dso;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = dso.deepCopy();
        copy.remove("preference");
        return copy;
    }

    /** The keys as stored and answered ({@code buses} sorted by participant). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (caseName != null) {
            m.put("case", caseName);
        } else {
            m.put("matpower", matpower);
        }
        m.put("ratings", ratings(spec.ratings()));
        m.put("base", spec.base());
        m.put("buses", new TreeMap<>(buses));
        return m;
    }

    private static Map<String, Object> ratings(GridSpec.Ratings r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", r.rule());
        if (r.rule().equals(GridSpec.Ratings.BASE_FLOW)) {
            m.put("factor", r.factor());
            m.put("floor", r.floor());
        } else if (r.rule().equals(GridSpec.Ratings.EXPLICIT)) {
            Map<String, Double> branches = new TreeMap<>();
            r.branches().forEach((k, v) -> branches.put(String.valueOf(k), v));
            m.put("branches", branches);
        }
        return m;
    }

    /** Reads back what {@link #toMap} stored (already checked when the market was created). */
    static MarketNetwork fromJson(JsonNode n) {
        JsonNode r = n.get("ratings");
        String rule = r.get("rule").asText();
        Map<Integer, Double> branches = new TreeMap<>();
        r.path("branches").fields().forEachRemaining(e -> branches.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
        GridSpec.Ratings ratings = new GridSpec.Ratings(rule, branches, r.path("factor").asDouble(0), r.path("floor").asDouble(0));
        String name = n.has("case") ? n.get("case").asText() : null;
        String text = name == null ? n.get("matpower").asText() : null;
        Map<String, Integer> buses = new TreeMap<>();
        n.path("buses").fields().forEachRemaining(e -> buses.put(e.getKey(), e.getValue().asInt()));
        return new MarketNetwork(name, text, new GridSpec(name != null ? name : UPLOADED, ratings, n.get("base").asText()), buses);
    }
}
