package org.peermarket.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a scenario from YAML or JSON (one schema, see docs/scenario-format.md), checks it and
 * returns it in kWh. Every problem found is reported at once, each with its field path and
 * value; nothing is half-accepted.
 */
public final class ScenarioParser {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ScenarioParser() {}

    /** Reads a file; JSON when it ends in .json, YAML otherwise. */
    public static Scenario parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ValidationException(new Problem(file.toString(), null, "cannot read file: " + e.getMessage()));
        }
        boolean json = file.getFileName().toString().toLowerCase().endsWith(".json");
        return parse(text, file.getFileName().toString(), json);
    }

    /** Parses text; {@code source} names it in error messages. */
    public static Scenario parse(String text, String source, boolean json) {
        JsonNode root = readTree(text, source, json);
        return new Reader(root).scenario();
    }

    private static JsonNode readTree(String text, String source, boolean json) {
        try {
            JsonNode root = (json ? JSON : YAML).readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new ValidationException(new Problem(source, null, "the scenario is empty"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
            String kind = json ? "bad JSON" : "bad YAML";
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().strip();
            int newline = message.indexOf('\n');
            message = newline < 0 ? message : message.substring(0, newline).strip();
            if (message.startsWith("Malformed numeric value")) {
                message += ": numbers must be finite (NaN and infinities are not allowed)";
            }
            throw new ValidationException(new Problem(where, null, kind + ": " + message));
        }
    }

    /** Walks the tree once, collecting problems. */
    private static final class Reader {
        private static final Set<String> TOP_KEYS =
                Set.of("name", "description", "periods", "period_hours", "units", "market", "peers");
        private static final List<String> ADMM_KEYS =
                List.of("rho", "primal_tolerance", "dual_tolerance", "max_iterations", "adaptive_rho", "relaxation");
        private static final Set<String> MARKET_KEYS = Set.of("type", "solver", "rho", "primal_tolerance",
                "dual_tolerance", "max_iterations", "adaptive_rho", "relaxation");
        private static final Set<String> PEER_KEYS =
                Set.of("id", "bus", "cost", "pmin", "pmax", "prefs", "partners");

        private final JsonNode root;
        private final List<Problem> problems = new ArrayList<>();
        private int periods = 1;

        Reader(JsonNode root) {
            this.root = root;
        }

        Scenario scenario() {
            if (!root.isObject()) {
                fail("(document)", root, "must be a mapping with keys " + sorted(TOP_KEYS));
                throw new ValidationException(problems);
            }
            unknownKeys(root, "", TOP_KEYS);
            String name = requiredText(root, "name", "name");
            String description = optionalText(root, "description", "description");
            periods = optionalInt(root, "periods", "periods", 1, 1);
            double periodHours = optionalPositive(root, "period_hours", "period_hours", 1.0);
            Units units = units(root.get("units"));
            MarketSpec market = market(root.get("market"), units.energy().kwhPerUnit());
            List<RawPeer> raw = peers(root.get("peers"));
            checkReferences(raw);
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            double f = units.energy().kwhPerUnit();
            List<Peer> peers = raw.stream().map(p -> p.toPeer(f)).toList();
            Scenario scenario = new Scenario(name, description, periods, periodHours, units, market, peers);
            checkPairCosts(scenario, raw);
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            return scenario;
        }

        private Units units(JsonNode node) {
            if (node == null || node.isNull()) {
                return Units.DEFAULT;
            }
            if (!node.isObject()) {
                fail("units", node, "must be a mapping such as {energy: kWh}");
                return Units.DEFAULT;
            }
            unknownKeys(node, "units", Set.of("energy", "currency"));
            EnergyUnit energy = EnergyUnit.KWH;
            String text = optionalText(node, "energy", "units.energy");
            if (text != null) {
                Optional<EnergyUnit> unit = EnergyUnit.parse(text);
                if (unit.isEmpty()) {
                    fail("units.energy", node.get("energy"), "must be kWh or MWh");
                }
                energy = unit.orElse(EnergyUnit.KWH);
            }
            String currency = optionalText(node, "currency", "units.currency");
            if (currency != null && !currency.matches("[A-Za-z$\u20ac\u00a3]{1,8}")) {
                fail("units.currency", node.get("currency"), "must be a short currency label such as EUR");
                currency = null;
            }
            return new Units(energy, currency == null ? Units.DEFAULT.currency() : currency);
        }

        private MarketSpec market(JsonNode node, double kwhPerUnit) {
            if (node == null || node.isNull()) {
                return MarketSpec.DEFAULT;
            }
            if (!node.isObject()) {
                fail("market", node, "must be a mapping such as {type: p2p, solver: central}");
                return MarketSpec.DEFAULT;
            }
            unknownKeys(node, "market", MARKET_KEYS);
            String type = optionalText(node, "type", "market.type");
            String solver = optionalText(node, "solver", "market.solver");
            solver = solver == null ? MarketSpec.DEFAULT.solver() : solver;
            return new MarketSpec(type == null ? MarketSpec.DEFAULT.type() : type, solver,
                    admmOptions(node, solver, kwhPerUnit));
        }

        /**
         * rho, tolerances and max_iterations steer the ADMM negotiation only; given to another
         * solver they would be silently ignored, so they are rejected. Converted to kWh: rho is
         * a price per energy squared, the primal tolerance an energy, the dual one a price.
         */
        private AdmmOptions admmOptions(JsonNode node, String solver, double f) {
            if (!solver.equals("admm")) {
                for (String key : ADMM_KEYS) {
                    if (node.has(key)) {
                        fail("market." + key, node.get(key), "only used by solver admm; this market's solver is '"
                                + solver + "' (remove the key or set solver: admm)");
                    }
                }
                return AdmmOptions.DEFAULTS;
            }
            OptionalDouble rho = positive(node, "rho").stream().map(v -> v / (f * f)).findFirst();
            OptionalDouble primal = positive(node, "primal_tolerance").stream().map(v -> v * f).findFirst();
            OptionalDouble dual = positive(node, "dual_tolerance").stream().map(v -> v / f).findFirst();
            OptionalInt max = OptionalInt.empty();
            if (node.has("max_iterations") && !node.get("max_iterations").isNull()) {
                max = OptionalInt.of(optionalInt(node, "max_iterations", "market.max_iterations", 1, 1));
            }
            Optional<Boolean> adaptive = Optional.empty();
            JsonNode flag = node.get("adaptive_rho");
            if (flag != null && !flag.isNull()) {
                if (flag.isBoolean()) {
                    adaptive = Optional.of(flag.booleanValue());
                } else {
                    fail("market.adaptive_rho", flag, "must be true or false");
                }
            }
            OptionalDouble relaxation = positive(node, "relaxation");
            if (relaxation.isPresent() && !(relaxation.getAsDouble() >= 1 && relaxation.getAsDouble() < 2)) {
                fail("market.relaxation", node.get("relaxation"), "must be >= 1 and < 2");
            }
            return new AdmmOptions(rho, primal, dual, max, adaptive, relaxation);
        }

        private OptionalDouble positive(JsonNode parent, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return OptionalDouble.empty();
            }
            Double v = number(node, "market." + key);
            if (v != null && v <= 0) {
                fail("market." + key, node, "must be > 0");
                return OptionalDouble.empty();
            }
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        private List<RawPeer> peers(JsonNode node) {
            List<RawPeer> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                problems.add(new Problem("peers", null, "is required: list the market's peers"));
                return out;
            }
            if (!node.isArray() || node.isEmpty()) {
                fail("peers", node, "must be a non-empty list of peers");
                return out;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < node.size(); i++) {
                RawPeer peer = peer(node.get(i), "peers[" + i + "]");
                if (peer == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(peer.id, i);
                if (first != null) {
                    problems.add(new Problem("peers[" + i + "].id", quote(peer.id),
                            "duplicate id: peers[" + first + "] has the same id"));
                }
                out.add(peer);
            }
            return out;
        }

        private RawPeer peer(JsonNode node, String path) {
            if (!node.isObject()) {
                fail(path, node, "must be a mapping with keys " + sorted(PEER_KEYS));
                return null;
            }
            unknownKeys(node, path, PEER_KEYS);
            RawPeer p = new RawPeer(path);
            p.id = requiredId(node, path + ".id");
            p.bus = optionalBus(node.get("bus"), path + ".bus");
            JsonNode cost = node.get("cost");
            p.a = PeriodValues.constant(0);
            p.b = PeriodValues.constant(0);
            if (cost != null && !cost.isNull()) {
                if (!cost.isObject()) {
                    fail(path + ".cost", cost, "must be a mapping {a, b, d}");
                } else {
                    unknownKeys(cost, path + ".cost", Set.of("a", "b", "d"));
                    p.a = series(cost.get("a"), path + ".cost.a", 0.0, true);
                    p.b = series(cost.get("b"), path + ".cost.b", 0.0, false);
                    p.d = cost.has("d") ? number(cost.get("d"), path + ".cost.d") : 0.0;
                }
            }
            p.pmin = series(node.get("pmin"), path + ".pmin", null, false);
            p.pmax = series(node.get("pmax"), path + ".pmax", null, false);
            if (p.pmin != null && p.pmax != null) {
                for (int t = 0; t < periods; t++) {
                    if (p.pmin.at(t) > p.pmax.at(t)) {
                        String suffix = p.pmin.isConstant() && p.pmax.isConstant() ? "" : "[" + t + "]";
                        problems.add(new Problem(path + ".pmin" + suffix, fmt(p.pmin.at(t)),
                                "must be <= pmax" + suffix + " = " + fmt(p.pmax.at(t))));
                        break;
                    }
                }
            }
            p.prefsNode = node.get("prefs");
            p.partnersNode = node.get("partners");
            return p;
        }

        /** prefs and partners may only name known peers, never the peer itself. */
        private void checkReferences(List<RawPeer> peers) {
            Set<String> ids = new LinkedHashSet<>();
            peers.forEach(p -> ids.add(p.id));
            for (RawPeer p : peers) {
                p.prefs = prefs(p, ids);
                p.partners = partners(p, ids);
            }
        }

        private Map<String, Double> prefs(RawPeer p, Set<String> ids) {
            Map<String, Double> out = new LinkedHashMap<>();
            JsonNode node = p.prefsNode;
            String path = p.path + ".prefs";
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                fail(path, node, "must be a mapping {peerId: cost per energy unit}");
                return out;
            }
            node.fields().forEachRemaining(e -> {
                String at = path + "." + e.getKey();
                if (!ids.contains(e.getKey())) {
                    problems.add(new Problem(at, e.getValue().toString(), "names unknown peer '" + e.getKey() + "'"));
                } else if (e.getKey().equals(p.id)) {
                    problems.add(new Problem(at, e.getValue().toString(), "a peer cannot state a preference for itself"));
                } else {
                    Double v = number(e.getValue(), at);
                    if (v != null) {
                        out.put(e.getKey(), v);
                    }
                }
            });
            return out;
        }

        private Optional<List<String>> partners(RawPeer p, Set<String> ids) {
            JsonNode node = p.partnersNode;
            String path = p.path + ".partners";
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isArray()) {
                fail(path, node, "must be a list of peer ids");
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (int k = 0; k < node.size(); k++) {
                JsonNode item = node.get(k);
                String at = path + "[" + k + "]";
                String id = item.isTextual() || item.isIntegralNumber() ? item.asText() : null;
                if (id == null) {
                    fail(at, item, "must be a peer id");
                } else if (!ids.contains(id)) {
                    fail(at, item, "names unknown peer '" + id + "'");
                } else if (id.equals(p.id)) {
                    fail(at, item, "a peer cannot list itself as a partner");
                } else if (out.contains(id)) {
                    fail(at, item, "is listed twice");
                } else {
                    out.add(id);
                }
            }
            return Optional.of(out);
        }

        /**
         * c_ij + c_ji = 2 (pref_ij + pref_ji) must not be negative for a pair that may trade,
         * or a round trip i -> j -> i would earn money (markets.md section 1).
         */
        private void checkPairCosts(Scenario s, List<RawPeer> raw) {
            List<Peer> peers = s.peers();
            for (int i = 0; i < peers.size(); i++) {
                for (Map.Entry<String, Double> e : raw.get(i).prefs.entrySet()) {
                    int j = s.peerIndex(e.getKey());
                    double back = raw.get(j).prefs.getOrDefault(peers.get(i).id(), 0.0);
                    double roundTrip = 2 * (e.getValue() + back);
                    boolean reported = j < i && raw.get(j).prefs.containsKey(peers.get(i).id());
                    if (roundTrip < 0 && s.mayTrade(i, j) && !reported) {
                        problems.add(new Problem(raw.get(i).path + ".prefs." + e.getKey(), fmt(e.getValue()),
                                "c_ij + c_ji = " + fmt(roundTrip) + " < 0 for peers '" + peers.get(i).id()
                                        + "' and '" + e.getKey() + "': a round trip between them would earn money"
                                        + " (prefs " + fmt(e.getValue()) + " and " + fmt(back) + " must sum to >= 0)"));
                    }
                }
            }
        }

        // ---- scalar helpers ----

        private PeriodValues series(JsonNode node, String path, Double fallback, boolean nonNegative) {
            if (node == null || node.isNull()) {
                if (fallback == null) {
                    problems.add(new Problem(path, null, "is required"));
                    return null;
                }
                return PeriodValues.constant(fallback);
            }
            if (node.isArray()) {
                if (node.size() != periods) {
                    fail(path, node, "has " + node.size() + " values; the scenario has " + periods
                            + " period" + (periods == 1 ? "" : "s") + " (give one value per period, or a single number)");
                    return fallback == null ? null : PeriodValues.constant(fallback);
                }
                double[] v = new double[node.size()];
                boolean ok = true;
                for (int t = 0; t < v.length; t++) {
                    Double x = checked(node.get(t), path + "[" + t + "]", nonNegative);
                    ok &= x != null;
                    v[t] = x == null ? 0 : x;
                }
                return ok ? PeriodValues.of(v) : null;
            }
            Double x = checked(node, path, nonNegative);
            return x == null ? null : PeriodValues.constant(x);
        }

        private Double checked(JsonNode node, String path, boolean nonNegative) {
            Double x = number(node, path);
            if (x != null && nonNegative && x < 0) {
                fail(path, node, "must be >= 0");
                return null;
            }
            return x;
        }

        private Double number(JsonNode node, String path) {
            if (node == null || !node.isNumber()) {
                fail(path, node, "must be a number");
                return null;
            }
            double v = node.doubleValue();
            if (!Double.isFinite(v)) {
                fail(path, node, "must be a finite number");
                return null;
            }
            return v;
        }

        private String requiredText(JsonNode parent, String key, String path) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                problems.add(new Problem(path, null, "is required"));
                return null;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                fail(path, node, "must be a non-empty text");
                return null;
            }
            return node.asText();
        }

        private String requiredId(JsonNode parent, String path) {
            JsonNode node = parent.get("id");
            if (node == null || node.isNull()) {
                problems.add(new Problem(path, null, "is required"));
                return "?" + path;
            }
            if (!(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank()) {
                fail(path, node, "must be a non-empty text");
                return "?" + path;
            }
            return node.asText();
        }

        private String optionalText(JsonNode parent, String key, String path) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                fail(path, node, "must be a text");
                return null;
            }
            return node.asText();
        }

        private int optionalInt(JsonNode parent, String key, String path, int fallback, int min) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
                fail(path, node, "must be a whole number >= " + min);
                return fallback;
            }
            return node.asInt();
        }

        private double optionalPositive(JsonNode parent, String key, String path, double fallback) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            Double v = number(node, path);
            if (v != null && v <= 0) {
                fail(path, node, "must be > 0");
                return fallback;
            }
            return v == null ? fallback : v;
        }

        private OptionalInt optionalBus(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return OptionalInt.empty();
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
                fail(path, node, "must be a bus number >= 1");
                return OptionalInt.empty();
            }
            return OptionalInt.of(node.asInt());
        }

        private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
            node.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    String at = path.isEmpty() ? k : path + "." + k;
                    problems.add(new Problem(at, null, "unknown key; expected one of " + sorted(allowed)));
                }
            });
        }

        private void fail(String path, JsonNode node, String message) {
            String value = node == null ? null : node.isNumber() ? node.asText() : node.toString();
            problems.add(new Problem(path, value, message));
        }

        private static String sorted(Set<String> keys) {
            return keys.stream().sorted().toList().toString();
        }

        private static String quote(String s) {
            return "\"" + s + "\"";
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A peer as read, in the file's units, before cross-references are resolved. */
    private static final class RawPeer {
        final String path;
        String id;
        OptionalInt bus = OptionalInt.empty();
        PeriodValues a;
        PeriodValues b;
        double d;
        PeriodValues pmin;
        PeriodValues pmax;
        JsonNode prefsNode;
        JsonNode partnersNode;
        Map<String, Double> prefs = Map.of();
        Optional<List<String>> partners = Optional.empty();

        RawPeer(String path) {
            this.path = path;
        }

        /** Converts to kWh: quantities times f, prices divided by f, a divided by f squared. */
        Peer toPeer(double f) {
            Map<String, Double> kwhPrefs = new LinkedHashMap<>();
            prefs.forEach((k, v) -> kwhPrefs.put(k, v / f));
            Cost cost = new Cost(a.scaled(1 / (f * f)), b.scaled(1 / f), d);
            return new Peer(id, bus, cost, pmin.scaled(f), pmax.scaled(f), kwhPrefs, partners);
        }
    }
}
