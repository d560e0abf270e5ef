package org.peermarket.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.getFileName().toString(), json, ScenarioFiles.folder(dir));
    }

    /** Parses text; {@code source} names it in error messages. It cannot name CSV files. */
    public static Scenario parse(String text, String source, boolean json) {
        return parse(text, source, json, ScenarioFiles.NONE);
    }

    /** Parses text whose CSV files are found in {@code files}. */
    public static Scenario parse(String text, String source, boolean json, ScenarioFiles files) {
        if (json) {
            return new Reader(readJson(text, source), Map.of(), files).scenario();
        }
        YamlTree.Result yaml = YamlTree.read(text, source);
        return new Reader(yaml.root(), yaml.lines(), files).scenario();
    }

    private static JsonNode readJson(String text, String source) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new ValidationException(new Problem(source, null, "the scenario is empty"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().strip();
            int newline = message.indexOf('\n');
            message = newline < 0 ? message : message.substring(0, newline).strip();
            throw new ValidationException(new Problem(where, null, "bad JSON: " + message));
        }
    }

    /** Walks the tree once, collecting problems. */
    private static final class Reader extends FieldReader {
        private static final Set<String> TOP_KEYS =
                Set.of("name", "description", "periods", "period_hours", "units", "market", "peers", "orders",
                        "grid", "communities", "outside", "dso", "study", "flexibility", "tariff", "sharing", "vpp",
                        "service", "heat", "metering");
        private static final List<String> ADMM_KEYS =
                List.of("rho", "primal_tolerance", "dual_tolerance", "max_iterations", "adaptive_rho", "relaxation");
        private static final Set<String> AUCTION_KEYS = Set.of("pricing", "k", "ties", "seed", "steps", "compare", "gate");
        private static final Set<String> MARKET_KEYS = Set.of("type", "solver", "pricing", "k", "ties", "seed", "steps",
                "compare", "gate", "window", "rho", "primal_tolerance", "dual_tolerance", "max_iterations", "adaptive_rho", "relaxation");
        private static final Set<String> ORDER_KEYS =
                Set.of("id", "action", "ref", "peer", "side", "kind", "quantity", "price", "time", "period");
        private static final Set<String> PEER_KEYS =
                Set.of("id", "bus", "cost", "pmin", "pmax", "prefs", "partners", "w_imp", "w_exp", "storage");

        private final JsonNode root;
        private final ScenarioFiles files;
        /** Listed orders make peers' bounds optional: only their ids are needed. */
        private boolean boundsOptional;

        Reader(JsonNode root, Map<String, Integer> lines, ScenarioFiles files) {
            super(lines);
            this.root = root;
            this.sources = new SeriesSource(this, files);
            this.files = files;
        }


        Scenario scenario() {
            if (!root.isObject()) {
                fail("(document)", root, "must be a mapping with keys " + sorted(TOP_KEYS));
                throw invalid();
            }
            unknownKeys(root, "", TOP_KEYS);
            String name = requiredText(root, "name", "name");
            String description = optionalText(root, "description", "description");
            periods = optionalInt(root, "periods", "periods", 1, 1);
            double periodHours = optionalPositive(root, "period_hours", "period_hours", 1.0);
            Units units = units(root.get("units"));
            energy = units.energy().symbol();
            currency = units.currency();
            kwhPerUnit = units.energy().kwhPerUnit();
            this.periodHours = periodHours;
            MarketSpec market = market(root.get("market"), units.energy().kwhPerUnit());
            JsonNode ordersNode = root.get("orders");
            boolean listed = ordersNode != null && !ordersNode.isNull();
            boundsOptional = listed && market.isAuction();
            StudySection studies = new StudySection(this);
            Optional<StudySpec> study = studies.study(root.get("study"), root.get("flexibility"));
            boolean drawn = study.flatMap(StudySpec::draw).isPresent() && !root.has("peers");
            boolean heatAlone = market.type().equals("heat") && !root.has("peers");
            List<RawPeer> raw = drawn || heatAlone ? new ArrayList<>() : peers(root.get("peers"));
            checkReferences(raw);
            Optional<GridSpec> grid = grid(root.get("grid"), raw);
            SettlementSection settlement = new SettlementSection(this);
            Optional<Tariff> tariff = settlement.tariff(root.get("tariff"), units.energy().kwhPerUnit());
            Optional<SharingSpec> sharing = settlement.sharing(root.get("sharing"), root.get("tariff") != null,
                    raw.stream().map(p -> p.id).collect(java.util.stream.Collectors.toSet()));
            double f = units.energy().kwhPerUnit();
            List<OrderEntry> orders = listed ? new OrderReader(ordersNode, market, raw, f).read() : List.of();
            if (listed && !market.isAuction()) {
                fail("orders", null, "applies only to market.type auction or cda (market.type is " + market.type() + ")");
            }
            if (listed && market.auction().compare()) {
                fail("market.compare", root.get("market").get("compare"),
                        "needs orders generated from the peers' costs: remove the orders list or set compare: false");
            }
            List<String> ids = raw.stream().map(p -> p.id).toList();
            Communities communities = new CommunitySection(this, f, market.type()).read(root, ids, root.get("peers"));
            Map<String, Storage> storage = new StorageSection(this, f).read(root.get("peers"), ids, market);
            Optional<VppSpec> vpp = new VppSection(this).read(root.get("vpp"), f, communities, market.type());
            if (market.window() > 0 && vpp.isPresent()) {
                fail("market.window", root.get("market").get("window"), "cannot be combined with vpp (the VPP co-optimises the whole horizon)");
            }
            if (!problems.isEmpty()) {
                throw invalid();
            }
            List<Peer> peers = raw.stream().map(p -> p.toPeer(f)).toList();
            Optional<DsoSpec> dso = studies.dso(root.get("dso"), f);
            if (dso.map(DsoSpec::needsGrid).orElse(false) && grid.isEmpty()) {
                fail("dso.policy", root.get("dso").get("policy"), "needs a grid key (the network the DSO watches)");
            }
            if (study.map(StudySpec::runsLfm).orElse(false) && grid.isEmpty() && !drawn) {
                fail("study.steps", root.get("study").get("steps"), "the lfm step needs a grid key");
            }
            Optional<ServiceSpec> service = new ServiceSection(this).read(root.get("service"), ids, periods, f);
            Optional<HeatSpec> heat = new HeatSection(this, f, periodHours).read(root.get("heat"), market, ids, !heatAlone);
            refuseBesideHeat(market);
            Optional<MeteringSpec> metering = new MeteringSection(this, files).read(root.get("metering"), ids, f,
                    grid.isPresent());
            if (vpp.flatMap(VppSpec::balancing).isPresent() && metering.flatMap(MeteringSpec::imbalance).isPresent()) {
                fail("metering.imbalance", null, "cannot be combined with balancing bids in vpp: the activated energy "
                        + "would be settled twice (docs/vpp.md#balancing-bids)");
            }
            if (!problems.isEmpty()) {
                throw invalid();
            }
            Scenario scenario = new Scenario(name, description, periods, periodHours, units, market, peers, orders, grid,
                    communities, storage, dso, study, tariff, sharing, vpp, service, heat, metering);
            checkPairCosts(scenario, raw);
            if (!problems.isEmpty()) {
                throw invalid();
            }
            return scenario;
        }

        /** A heat market clears its own network and the P2P electricity market only: no other stage applies. */
        private void refuseBesideHeat(MarketSpec market) {
            if (!market.type().equals("heat")) {
                return;
            }
            for (String key : List.of("orders", "grid", "communities", "outside", "dso", "study", "flexibility", "tariff",
                    "sharing", "vpp", "service")) {
                if (root.has(key)) {
                    fail(key, null, "is not used by market.type heat (docs/heat-market.md): remove it");
                }
            }
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
            type = type == null ? MarketSpec.DEFAULT.type() : type;
            if (!type.equals("auction") && !type.equals("cda")) {
                for (String key : AUCTION_KEYS) {
                    if (node.has(key)) {
                        fail("market." + key, node.get(key), "applies only to market.type auction or cda");
                    }
                }
                solver = solver == null ? defaultSolver(type) : solver;
                return new MarketSpec(type, solver, admmOptions(node, solver, kwhPerUnit)).withWindow(window(node, type));
            }
            for (String key : ADMM_KEYS) {
                if (node.has(key)) {
                    fail("market." + key, node.get(key), "only used by solver admm of market.type p2p, not by an auction");
                }
            }
            AuctionSpec spec = auctionSpec(node, type);
            String mechanism = type.equals("cda") ? "book" : spec.pricing().label();
            if (solver != null && !solver.equals(mechanism)) {
                fail("market.solver", node.get("solver"), "must be absent or '" + mechanism + "' for market.type " + type);
            }
            return new MarketSpec(type, mechanism, spec);
        }

        /** market.window: a community market cleared in windows of that many periods (docs/storage.md). */
        private int window(JsonNode node, String type) {
            if (!node.has("window") || node.get("window").isNull()) {
                return 0;
            }
            if (!type.equals("community")) {
                fail("market.window", node.get("window"), "applies only to market.type community (market.type is " + type + ")");
                return 0;
            }
            return optionalInt(node, "window", "market.window", 0, 1);
        }

        private static String defaultSolver(String type) {
            return switch (type) {
                case "hybrid" -> "joint";
                case "heat" -> "p2p";
                default -> MarketSpec.DEFAULT.solver();
            };
        }

        private AuctionSpec auctionSpec(JsonNode node, String type) {
            AuctionSpec d = AuctionSpec.DEFAULT;
            AuctionSpec.Pricing pricing = d.pricing();
            String text = optionalText(node, "pricing", "market.pricing");
            if (text != null && type.equals("cda")) {
                fail("market.pricing", node.get("pricing"), "applies only to market.type auction (a CDA trades at the resting order's price)");
            } else if (text != null) {
                pricing = label(AuctionSpec.Pricing.values(), text, AuctionSpec.Pricing::label, "market.pricing", node.get("pricing"), pricing);
            }
            if (type.equals("cda")) {
                for (String key : List.of("k", "ties")) {
                    if (node.has(key)) {
                        fail("market." + key, node.get(key),
                                "applies only to market.type auction (a CDA trades at the resting order's price, in time priority)");
                    }
                }
            }
            double k = d.k();
            if (node.has("k")) {
                Double v = number(node.get("k"), "market.k");
                if (v != null && (v < 0 || v > 1)) {
                    fail("market.k", node.get("k"), "must be between 0 and 1");
                } else if (v != null) {
                    k = v;
                }
            }
            AuctionSpec.Ties ties = d.ties();
            text = optionalText(node, "ties", "market.ties");
            if (text != null) {
                ties = label(AuctionSpec.Ties.values(), text, AuctionSpec.Ties::label, "market.ties", node.get("ties"), ties);
            }
            JsonNode seedNode = node.get("seed");
            long seed = d.seed();
            if (seedNode != null && !seedNode.isNull()) {
                if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                    fail("market.seed", seedNode, "must be a whole number");
                } else {
                    seed = seedNode.asLong();
                }
            }
            int steps = optionalInt(node, "steps", "market.steps", d.steps(), 1);
            boolean compare = d.compare();
            JsonNode c = node.get("compare");
            if (c != null && !c.isNull()) {
                if (!c.isBoolean()) {
                    fail("market.compare", c, "must be true or false");
                } else {
                    compare = c.asBoolean();
                }
            }
            PeriodValues gate = d.gate();
            if (node.has("gate") && !node.get("gate").isNull()) {
                PeriodValues g = series(node.get("gate"), "market.gate", null, true);
                gate = g == null ? gate : g;
            }
            return new AuctionSpec(pricing, k, ties, seed, steps, compare, gate);
        }


        private Optional<GridSpec> grid(JsonNode node, List<RawPeer> peers) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isObject()) {
                fail("grid", node, "must be a mapping such as {case: case69}");
                return Optional.empty();
            }
            unknownKeys(node, "grid", Set.of("case", "ratings", "base"));
            String caseRef = requiredText(node, "case", "grid.case");
            String base = optionalText(node, "base", "grid.base");
            if (base != null && !base.equals(GridSpec.BASE_CASE) && !base.equals(GridSpec.BASE_NONE)) {
                fail("grid.base", node.get("base"), "must be case (the case's own loads and generation) or none");
            }
            GridSpec.Ratings ratings = ratings(node.get("ratings"));
            for (RawPeer p : peers) {
                if (p.bus.isEmpty()) {
                    problems.add(new Problem(p.path + ".bus", null, "is required when the scenario has a grid"));
                }
            }
            return Optional.of(new GridSpec(caseRef, ratings, base == null ? GridSpec.BASE_CASE : base));
        }

        private GridSpec.Ratings ratings(JsonNode node) {
            if (node == null || node.isNull()) {
                return GridSpec.Ratings.FROM_CASE;
            }
            if (!node.isObject()) {
                fail("grid.ratings", node, "must be a mapping such as {rule: base-flow, factor: 1.2, floor: 0.1}");
                return GridSpec.Ratings.FROM_CASE;
            }
            String rule = requiredText(node, "rule", "grid.ratings.rule");
            if (rule == null) {
                return GridSpec.Ratings.FROM_CASE;
            }
            switch (rule) {
                case GridSpec.Ratings.CASE:
                    unknownKeys(node, "grid.ratings", Set.of("rule"));
                    return GridSpec.Ratings.FROM_CASE;
                case GridSpec.Ratings.EXPLICIT:
                    unknownKeys(node, "grid.ratings", Set.of("rule", "branches"));
                    return new GridSpec.Ratings(rule, branchRatings(node.get("branches")), 0, 0);
                case GridSpec.Ratings.BASE_FLOW:
                    unknownKeys(node, "grid.ratings", Set.of("rule", "factor", "floor"));
                    Double factor = requiredPositive(node, "factor", "grid.ratings.factor");
                    Double floor = requiredPositive(node, "floor", "grid.ratings.floor");
                    return new GridSpec.Ratings(rule, Map.of(), factor == null ? 1 : factor, floor == null ? 1 : floor);
                default:
                    fail("grid.ratings.rule", node.get("rule"), "must be case, explicit or base-flow");
                    return GridSpec.Ratings.FROM_CASE;
            }
        }

        private Map<Integer, Double> branchRatings(JsonNode node) {
            Map<Integer, Double> out = new HashMap<>();
            if (node == null || !node.isObject() || node.isEmpty()) {
                fail("grid.ratings.branches", node, "must map branch numbers (1-based, case order) to ratings in MW");
                return out;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String path = "grid.ratings.branches." + e.getKey();
                if (!e.getKey().matches("[1-9][0-9]{0,8}")) {
                    problems.add(new Problem(path, null, "a branch number must be a whole number >= 1"));
                    continue;
                }
                Double v = number(e.getValue(), path);
                if (v != null && !(v > 0)) {
                    fail(path, e.getValue(), "must be > 0 (MW)");
                } else if (v != null) {
                    out.put(Integer.parseInt(e.getKey()), v);
                }
            }
            return out;
        }

        private Double requiredPositive(JsonNode parent, String key, String path) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                problems.add(new Problem(path, null, "is required"));
                return null;
            }
            Double v = number(node, path);
            if (v != null && !(v > 0)) {
                fail(path, node, "must be > 0");
                return null;
            }
            return v;
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
                    Double d = cost.has("d") ? number(cost.get("d"), path + ".cost.d") : null;
                    p.d = d == null ? 0.0 : d;
                }
            }
            Double noBound = boundsOptional ? 0.0 : null;
            p.pmin = series(node.get("pmin"), path + ".pmin", noBound, false);
            p.pmax = series(node.get("pmax"), path + ".pmax", noBound, false);
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
            Map<String, Integer> index = s.indexById();
            for (int i = 0; i < peers.size(); i++) {
                for (Map.Entry<String, Double> e : raw.get(i).prefs.entrySet()) {
                    int j = index.get(e.getKey());
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

        /**
         * Reads {@code orders:}: submits name a known peer, a side, quantity &gt; 0 and a finite
         * price; cancels and modifies name an earlier listed order by {@code ref}. Converts to kWh.
         */
        private final class OrderReader {
            private final JsonNode node;
            private final MarketSpec market;
            private final Set<String> peerIds = new LinkedHashSet<>();
            private final double f;
            private final Map<String, OrderEntry> byId = new HashMap<>();

            OrderReader(JsonNode node, MarketSpec market, List<RawPeer> peers, double f) {
                this.node = node;
                this.market = market;
                this.f = f;
                peers.forEach(p -> peerIds.add(p.id));
            }

            List<OrderEntry> read() {
                List<OrderEntry> out = new ArrayList<>();
                if (!node.isArray()) {
                    fail("orders", node, "must be a list of orders {peer, side, quantity, price, time, period}");
                    return out;
                }
                for (int i = 0; i < node.size(); i++) {
                    OrderEntry o = entry(node.get(i), "orders[" + i + "]", i);
                    if (o != null) {
                        out.add(o);
                    }
                }
                return out;
            }

            private OrderEntry entry(JsonNode o, String path, int index) {
                if (!o.isObject()) {
                    fail(path, o, "must be a mapping with keys " + sorted(ORDER_KEYS));
                    return null;
                }
                unknownKeys(o, path, ORDER_KEYS);
                String id = o.has("id") ? requiredId(o, path + ".id") : Integer.toString(index);
                String actionText = optionalText(o, "action", path + ".action");
                OrderEntry.Action action = actionText == null ? OrderEntry.Action.SUBMIT
                        : choice(OrderEntry.Action.values(), actionText, path + ".action", o.get("action"), "submit, cancel or modify");
                double time = o.has("time") ? nonNegative(o.get("time"), path + ".time") : 0;
                if (action == null) {
                    return null;
                }
                OrderEntry result = action == OrderEntry.Action.SUBMIT ? submit(o, path, id, time) : change(o, path, id, action, time);
                if (result != null && byId.putIfAbsent(id, result) != null) {
                    fail(path + ".id", o.get("id"), "duplicate order id '" + id + "'");
                }
                return result;
            }

            private OrderEntry submit(JsonNode o, String path, String id, double time) {
                if (o.has("ref")) {
                    fail(path + ".ref", o.get("ref"), "applies only to action cancel or modify");
                }
                String peer = optionalText(o, "peer", path + ".peer");
                if (peer == null && !o.has("peer")) {
                    problems.add(new Problem(path + ".peer", null, "is required"));
                } else if (peer != null && !peerIds.contains(peer)) {
                    fail(path + ".peer", o.get("peer"), "names unknown peer '" + peer + "'");
                }
                String sideText = optionalText(o, "side", path + ".side");
                OrderEntry.Side side = null;
                if (sideText == null && !o.has("side")) {
                    problems.add(new Problem(path + ".side", null, "is required (buy or sell)"));
                } else if (sideText != null) {
                    side = choice(OrderEntry.Side.values(), sideText, path + ".side", o.get("side"), "buy or sell");
                }
                String kindText = optionalText(o, "kind", path + ".kind");
                OrderEntry.Kind kind = kindText == null ? OrderEntry.Kind.LIMIT
                        : choice(OrderEntry.Kind.values(), kindText, path + ".kind", o.get("kind"), "limit, fok or fak");
                if (kind != null && kind != OrderEntry.Kind.LIMIT && !market.type().equals("cda")) {
                    fail(path + ".kind", o.get("kind"), "fok and fak orders apply only to market.type cda");
                }
                double quantity = positive(o.get("quantity"), path + ".quantity");
                Double price = o.has("price") ? number(o.get("price"), path + ".price") : missing(path + ".price");
                int period = period(o, path);
                if (peer == null || side == null || kind == null || Double.isNaN(quantity) || price == null || period < 1) {
                    return null;
                }
                return new OrderEntry(id, OrderEntry.Action.SUBMIT, null, peer, side, kind, quantity * f, price / f, time, period);
            }

            private OrderEntry change(JsonNode o, String path, String id, OrderEntry.Action action, double time) {
                for (String key : List.of("peer", "side", "kind")) {
                    if (o.has(key)) {
                        fail(path + "." + key, o.get(key), "applies only to action submit (a " + action.name().toLowerCase()
                                + " keeps the order's " + key + ")");
                    }
                }
                String ref = o.has("ref") ? refText(o.get("ref"), path + ".ref") : null;
                if (!o.has("ref")) {
                    problems.add(new Problem(path + ".ref", null, "is required: the id of the order to " + action.name().toLowerCase()));
                }
                OrderEntry target = ref == null ? null : byId.get(ref);
                if (ref != null && (target == null || target.action() != OrderEntry.Action.SUBMIT)) {
                    fail(path + ".ref", o.get("ref"), "names no order submitted earlier in the list");
                    target = null;
                }
                double quantity = 0;
                Double price = 0.0;
                if (action == OrderEntry.Action.MODIFY) {
                    quantity = positive(o.get("quantity"), path + ".quantity");
                    price = o.has("price") ? number(o.get("price"), path + ".price") : missing(path + ".price");
                } else {
                    for (String key : List.of("quantity", "price")) {
                        if (o.has(key)) {
                            fail(path + "." + key, o.get(key), "applies only to action submit or modify");
                        }
                    }
                }
                if (target != null && o.has("period") && period(o, path) != target.period()) {
                    fail(path + ".period", o.get("period"), "must be the period of order '" + ref + "' (" + target.period() + ")");
                }
                if (target == null || Double.isNaN(quantity) || price == null) {
                    return null;
                }
                return new OrderEntry(id, action, ref, target.peer(), target.side(), target.kind(), quantity * f, price / f,
                        time, target.period());
            }

            private int period(JsonNode o, String path) {
                JsonNode p = o.get("period");
                if (p == null || p.isNull()) {
                    if (periods == 1) {
                        return 1;
                    }
                    problems.add(new Problem(path + ".period", null, "is required: the scenario has " + periods + " periods"));
                    return -1;
                }
                if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 1 || p.asInt() > periods) {
                    fail(path + ".period", p, "must be a period number in 1.." + periods);
                    return -1;
                }
                return p.asInt();
            }

            private String refText(JsonNode r, String path) {
                if (!(r.isTextual() || r.isIntegralNumber()) || r.asText().isBlank()) {
                    fail(path, r, "must be an order id");
                    return null;
                }
                return r.asText();
            }

            private Double missing(String path) {
                problems.add(new Problem(path, null, "is required"));
                return null;
            }

            private double positive(JsonNode q, String path) {
                if (q == null || q.isNull()) {
                    problems.add(new Problem(path, null, "is required"));
                    return Double.NaN;
                }
                Double v = number(q, path);
                if (v != null && v <= 0) {
                    fail(path, q, "must be > 0");
                    return Double.NaN;
                }
                return v == null ? Double.NaN : v;
            }

            private double nonNegative(JsonNode t, String path) {
                Double v = number(t, path);
                if (v != null && v < 0) {
                    fail(path, t, "must be >= 0");
                    return 0;
                }
                return v == null ? 0 : v;
            }

            private <E extends Enum<E>> E choice(E[] values, String text, String path, JsonNode node, String expected) {
                for (E v : values) {
                    if (v.name().equalsIgnoreCase(text) && text.equals(text.toLowerCase())) {
                        return v;
                    }
                }
                fail(path, node, "must be " + expected);
                return null;
            }
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
