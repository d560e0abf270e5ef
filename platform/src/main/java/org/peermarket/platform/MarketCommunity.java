package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The community of a live {@code community/central} market (markets.md section 2,
 * docs/platform.md#community-markets): its manager (a participant with the role
 * {@code community_manager}), its members (participants; only they may submit orders), and the
 * manager's terms per kWh: {@code importPrice} pi_imp, {@code exportPrice} pi_exp, the internal
 * fee phi, and the caps on the community's total import and export per period (kWh; null: none).
 * Each term is one value for every period or a list of one value per delivery period. Live,
 * w_imp = w_exp = 0, so section 2's rule pi_imp + w_imp >= pi_exp + w_exp is pi_imp >= pi_exp.
 */
public record MarketCommunity(String manager, List<String> members, List<Double> importPrice, List<Double> exportPrice,
                              List<Double> fee, List<Double> importCap, List<Double> exportCap) {

    static final String FIELD = "community";
    private static final Set<String> KEYS = Set.of("manager", "members", "importPrice", "exportPrice", "fee", "importCap",
            "exportCap");

    public MarketCommunity {
        members = List.copyOf(members);
        importPrice = List.copyOf(importPrice);
        exportPrice = List.copyOf(exportPrice);
        fee = List.copyOf(fee);
        importCap = importCap == null ? null : List.copyOf(importCap);
        exportCap = exportCap == null ? null : List.copyOf(exportCap);
    }

    public double importPrice(int k) {
        return at(importPrice, k);
    }

    public double exportPrice(int k) {
        return at(exportPrice, k);
    }

    public double fee(int k) {
        return at(fee, k);
    }

    /** The import cap of period k, infinite when there is none. */
    public double importCap(int k) {
        return importCap == null ? Double.POSITIVE_INFINITY : at(importCap, k);
    }

    public double exportCap(int k) {
        return exportCap == null ? Double.POSITIVE_INFINITY : at(exportCap, k);
    }

    private static double at(List<Double> values, int k) {
        return values.size() == 1 ? values.get(0) : values.get(k);
    }

    public boolean isMember(String participant) {
        return members.contains(participant);
    }

    /**
     * Reads {@code community} of a market body (null when absent). Problems name the field, e.g.
     * {@code community.members[1]} or {@code community.importPrice[2]}.
     */
    static MarketCommunity parse(Body b, JsonNode n, int periods, Function<String, Optional<Participant>> participants) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            b.fail(FIELD, n, "must be an object {manager, members, importPrice, exportPrice, fee, importCap, exportCap}");
            return null;
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                b.fail(FIELD + "." + k, null, "unknown field; expected one of " + new java.util.TreeSet<>(KEYS));
            }
        });
        String manager = manager(b, n.get("manager"), participants);
        List<String> members = members(b, n.get("members"), manager, participants);
        List<Double> imp = series(b, n.get("importPrice"), "importPrice", periods, null, -1e6);
        List<Double> exp = series(b, n.get("exportPrice"), "exportPrice", periods, null, -1e6);
        List<Double> fee = series(b, n.get("fee"), "fee", periods, 0.0, 0);
        List<Double> capImp = series(b, n.get("importCap"), "importCap", periods, Double.NaN, 0);
        List<Double> capExp = series(b, n.get("exportCap"), "exportCap", periods, Double.NaN, 0);
        if (imp != null && exp != null && periods > 0) {
            for (int k = 0; k < periods; k++) {
                double pi = at(imp, k);
                double pe = at(exp, k);
                if (pi < pe) {
                    String at = imp.size() == 1 ? "" : "[" + k + "]";
                    b.fail(FIELD + ".importPrice" + at, pi, "must be >= exportPrice " + pe + " in period " + k + " (markets.md"
                            + " section 2: pi_imp + w_imp >= pi_exp + w_exp, with w = 0 live; else members earn by importing"
                            + " and exporting at once)");
                    break;
                }
            }
        }
        if (manager == null || members == null || imp == null || exp == null || fee == null) {
            return null;
        }
        return new MarketCommunity(manager, members, imp, exp, fee, noCap(capImp), noCap(capExp));
    }

    private static List<Double> noCap(List<Double> cap) {
        return cap == null || cap.size() == 1 && Double.isNaN(cap.get(0)) ? null : cap;
    }

    private static String manager(Body b, JsonNode n, Function<String, Optional<Participant>> participants) {
        String field = FIELD + ".manager";
        if (n == null || !n.isTextual()) {
            b.fail(field, n, "required: the id of a participant with the role community_manager");
            return null;
        }
        Optional<Participant> p = participants.apply(n.asText());
        if (p.isEmpty()) {
            b.fail(field, n.asText(), "no such participant");
            return null;
        }
        if (!p.get().has(Role.COMMUNITY_MANAGER)) {
            b.fail(field, n.asText(), "must have the role community_manager");
            return null;
        }
        return n.asText();
    }

    private static List<String> members(Body b, JsonNode n, String manager, Function<String, Optional<Participant>> participants) {
        String field = FIELD + ".members";
        if (n == null || !n.isArray() || n.isEmpty()) {
            b.fail(field, n, "required: a non-empty list of participant ids");
            return null;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < n.size(); i++) {
            JsonNode m = n.get(i);
            String at = field + "[" + i + "]";
            if (!m.isTextual()) {
                b.fail(at, m, "must be a participant id");
            } else if (participants.apply(m.asText()).isEmpty()) {
                b.fail(at, m.asText(), "no such participant");
            } else if (m.asText().equals(manager)) {
                b.fail(at, m.asText(), "the manager cannot be a member of its own community (it is the pool's counterparty)");
            } else if (!seen.add(m.asText())) {
                b.fail(at, m.asText(), "listed twice");
            } else {
                out.add(m.asText());
                continue;
            }
            ok = false;
        }
        return ok ? out : null;
    }

    /**
     * One value, or one per period, each finite and >= min. Absent: the fallback (null: required;
     * NaN: none, for the caps).
     */
    private static List<Double> series(Body b, JsonNode n, String name, int periods, Double fallback, double min) {
        String field = FIELD + "." + name;
        if (n == null || n.isNull()) {
            if (fallback == null) {
                b.fail(field, null, "required: a number per kWh, or a list of one per delivery period");
                return null;
            }
            return List.of(fallback);
        }
        if (n.isArray()) {
            if (periods > 0 && n.size() != periods) {
                b.fail(field, n.size() + " values", "must have one value per delivery period (" + periods + ")");
                return null;
            }
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(b.number(n.get(i), field + "[" + i + "]", null, min, true));
            }
            return out.stream().allMatch(Double::isFinite) ? out : null;
        }
        double v = b.number(n, field, null, min, true);
        return Double.isFinite(v) ? List.of(v) : null;
    }

    /** JSON form (market row, ledger, API): a scalar when one value serves every period. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manager", manager);
        m.put("members", members);
        m.put("importPrice", value(importPrice));
        m.put("exportPrice", value(exportPrice));
        m.put("fee", value(fee));
        m.put("importCap", value(importCap));
        m.put("exportCap", value(exportCap));
        return m;
    }

    private static Object value(List<Double> v) {
        return v == null ? null : v.size() == 1 ? v.get(0) : v;
    }

    static MarketCommunity fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode n = Json.tree(text);
        List<String> members = new ArrayList<>();
        n.get("members").forEach(x -> members.add(x.asText()));
        return new MarketCommunity(n.get("manager").asText(), members, values(n.get("importPrice")), values(n.get("exportPrice")),
                values(n.get("fee")), values(n.get("importCap")), values(n.get("exportCap")));
    }

    private static List<Double> values(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asDouble()));
        } else {
            out.add(n.asDouble());
        }
        return out;
    }
}
