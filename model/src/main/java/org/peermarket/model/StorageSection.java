package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads each peer's {@code storage:} (markets.md §4): capacity &gt; 0, charge and discharge
 * limits &gt;= 0, efficiencies in (0, 1], initial SOC in [0, capacity] and a final SOC that is a
 * number in [0, capacity] or {@code cyclic}. Storage couples the periods, so it needs a market
 * that clears the horizon jointly. Converts to kWh.
 */
final class StorageSection {
    static final Set<String> KEYS = Set.of("capacity", "charge_max", "discharge_max", "eta_charge", "eta_discharge",
            "soc_initial", "soc_final");
    /** market type/solver pairs that clear a horizon jointly. */
    static final Set<String> HORIZON_MARKETS = Set.of("p2p/central", "community/central", "hybrid/joint", "hybrid/decomposed");

    private final FieldReader r;
    private final double f;

    StorageSection(FieldReader reader, double kwhPerUnit) {
        this.r = reader;
        this.f = kwhPerUnit;
    }

    Map<String, Storage> read(JsonNode peersNode, List<String> ids, MarketSpec market) {
        Map<String, Storage> out = new LinkedHashMap<>();
        for (int i = 0; peersNode != null && peersNode.isArray() && i < peersNode.size() && i < ids.size(); i++) {
            JsonNode node = peersNode.get(i).get("storage");
            if (node == null || node.isNull()) {
                continue;
            }
            String path = "peers[" + i + "].storage";
            String key = market.type() + "/" + market.solver();
            if (!HORIZON_MARKETS.contains(key)) {
                r.fail(path, null, "needs a market that clears the horizon jointly (" + HORIZON_MARKETS
                        + "); market " + key + " clears each period on its own (see docs/storage.md)");
                continue;
            }
            Storage s = storage(node, path);
            if (s != null) {
                out.put(ids.get(i), s);
            }
        }
        return out;
    }

    private Storage storage(JsonNode node, String path) {
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping with keys " + FieldReader.sorted(KEYS));
            return null;
        }
        r.unknownKeys(node, path, KEYS);
        Double capacity = required(node, "capacity", path);
        if (capacity != null && capacity <= 0) {
            r.fail(path + ".capacity", node.get("capacity"), "must be > 0");
            capacity = null;
        }
        // limits per period like pmax (a list, a CSV column or a profile); the rest stays one number
        PeriodValues charge = r.series(node.get("charge_max"), path + ".charge_max", null, true);
        PeriodValues discharge = r.series(node.get("discharge_max"), path + ".discharge_max", null, true);
        double etaC = efficiency(node, "eta_charge", path);
        double etaD = efficiency(node, "eta_discharge", path);
        JsonNode finalNode = node.get("soc_final");
        boolean cyclic = finalNode != null && finalNode.isTextual() && finalNode.asText().equals("cyclic");
        double initial = Double.NaN;
        if (node.has("soc_initial") && !node.get("soc_initial").isNull()) {
            initial = socValue(node.get("soc_initial"), path + ".soc_initial", capacity);
        } else if (!cyclic) {
            initial = 0;
        }
        double fin = Double.NaN;
        if (finalNode == null || finalNode.isNull()) {
            r.problems.add(new Problem(path + ".soc_final", null, "is required: a number or cyclic"));
        } else if (!cyclic) {
            if (finalNode.isTextual()) {
                r.fail(path + ".soc_final", finalNode, "must be a number or cyclic");
            } else {
                fin = socValue(finalNode, path + ".soc_final", capacity);
            }
        }
        if (capacity == null || charge == null || discharge == null) {
            return null;
        }
        return new Storage(capacity * f, charge.scaled(f), discharge.scaled(f), etaC, etaD, initial * f, cyclic, fin * f);
    }

    private Double required(JsonNode node, String key, String path) {
        if (!node.has(key) || node.get(key).isNull()) {
            r.problems.add(new Problem(path + "." + key, null, "is required"));
            return null;
        }
        return r.number(node.get(key), path + "." + key);
    }

    private double efficiency(JsonNode node, String key, String path) {
        if (!node.has(key) || node.get(key).isNull()) {
            return 1.0;
        }
        Double v = r.number(node.get(key), path + "." + key);
        if (v != null && !(v > 0 && v <= 1)) {
            r.fail(path + "." + key, node.get(key), "must be > 0 and <= 1");
            return 1.0;
        }
        return v == null ? 1.0 : v;
    }

    private double socValue(JsonNode node, String path, Double capacity) {
        Double v = r.number(node, path);
        if (v == null) {
            return Double.NaN;
        }
        if (v < 0 || capacity != null && v > capacity) {
            r.fail(path, node, "must be between 0 and the capacity" + (capacity == null ? "" : " " + ScenarioParser.fmt(capacity)));
        }
        return v;
    }
}
