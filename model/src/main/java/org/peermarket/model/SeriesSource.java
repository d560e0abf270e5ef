package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A per-period number given as a mapping instead of a number or list: a CSV column
 * ({@code {csv: profiles.csv, column: pv_roof_3, scale: 1}}) or a built-in profile
 * ({@code {profile: pv, peak: 5, latitude: 55.7}}, see {@link Profiles}). Produces one value
 * per period in the file's units, each labelled with where it came from for the checks that
 * follow. Each CSV file is read and split once per scenario.
 */
final class SeriesSource {
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Set<String> CSV_KEYS = Set.of("csv", "column", "scale");
    private static final Map<String, Set<String>> PROFILE_KEYS = Map.of(
            "pv", Set.of("profile", "peak", "latitude", "start_day", "scale"),
            "residential", Set.of("profile", "annual_kwh", "start_day", "scale"),
            "commercial", Set.of("profile", "annual_kwh", "start_day", "scale"),
            "day_ahead_price", Set.of("profile", "mean", "daily_swing", "seasonal_swing", "start_day", "scale"));

    /** Values and, for each, where it came from (e.g. {@code profiles.csv row 3 column pv}). */
    record Values(double[] values, String[] origins) {}

    private final FieldReader r;
    private final ScenarioFiles files;
    private final Map<String, Optional<CsvTable>> tables = new HashMap<>();

    SeriesSource(FieldReader reader, ScenarioFiles files) {
        this.r = reader;
        this.files = files;
    }

    /** The values of a mapping at path, or null after reporting its problems. */
    Values read(JsonNode node, String path) {
        if (node.has("csv")) {
            return csv(node, path);
        }
        if (node.has("profile")) {
            return profile(node, path);
        }
        r.fail(path, node, "must be a number, a list with one number per period, {csv: FILE, column: NAME, scale: 1}"
                + " or {profile: NAME, ...} with a profile of " + FieldReader.sorted(PROFILE_KEYS.keySet()));
        return null;
    }

    private Values csv(JsonNode node, String path) {
        r.unknownKeys(node, path, CSV_KEYS);
        String file = r.requiredText(node, "csv", path + ".csv");
        String column = r.requiredText(node, "column", path + ".column");
        double scale = scale(node, path);
        if (file == null || column == null) {
            return null;
        }
        Optional<CsvTable> table = tables.computeIfAbsent(file, f -> files.read(f).map(text -> CsvTable.parse(f, text)));
        if (table.isEmpty()) {
            r.fail(path + ".csv", node.get("csv"), "no such file (looked in " + files.where() + ")");
            return null;
        }
        return column(table.get(), column, scale, path);
    }

    private Values column(CsvTable table, String column, double scale, String path) {
        int c = table.column(column);
        if (c < 0) {
            r.problems.add(new Problem(path + ".column", FieldReader.quote(column),
                    table.name + " has no such column; its columns are " + table.header));
            return null;
        }
        if (table.rows.size() != r.periods) {
            r.problems.add(new Problem(path, null, table.name + " column " + column + " has " + table.rows.size()
                    + " rows; the scenario has " + r.periods + " period" + (r.periods == 1 ? "" : "s")));
            return null;
        }
        double[] v = new double[r.periods];
        String[] origins = new String[r.periods];
        for (int t = 0; t < v.length; t++) {
            String[] row = table.rows.get(t);
            origins[t] = table.name + " row " + (t + 1) + " column " + column;
            String cell = c < row.length ? row[c] : "";
            Double x = parse(cell);
            if (x == null) {
                r.problems.add(new Problem(path, null, origins[t] + " = " + FieldReader.quote(cell) + ": not a number"));
                return null;
            }
            v[t] = x * scale;
        }
        return new Values(v, origins);
    }

    private static Double parse(String cell) {
        // plain decimal numbers only: Java would also take "NaN", "Infinity", "1d" or hex
        if (!NUMBER.matcher(cell).matches()) {
            return null;
        }
        return Double.parseDouble(cell);
    }

    private Values profile(JsonNode node, String path) {
        String name = r.requiredText(node, "profile", path + ".profile");
        if (name == null) {
            return null;
        }
        Set<String> keys = PROFILE_KEYS.get(name);
        if (keys == null) {
            r.fail(path + ".profile", node.get("profile"), "must be one of " + FieldReader.sorted(PROFILE_KEYS.keySet()));
            return null;
        }
        r.unknownKeys(node, path, keys);
        int problemsBefore = r.problems.size();
        int startDay = r.optionalInt(node, "start_day", path + ".start_day", 1, 1);
        if (startDay > 365) {
            r.fail(path + ".start_day", node.get("start_day"), "must be a day of the year, 1 to 365");
        }
        if (!name.equals("pv") && !Profiles.dividesDay(r.periodHours)) {
            r.fail(path + ".profile", node.get("profile"), "needs period_hours that divide a day (period_hours is "
                    + ScenarioParser.fmt(r.periodHours) + ")");
        }
        double scale = scale(node, path);
        double[] v = switch (name) {
            case "pv" -> pv(node, path, startDay);
            case "residential" -> load(node, path, startDay, false);
            case "commercial" -> load(node, path, startDay, true);
            default -> price(node, path, startDay);
        };
        if (v == null || r.problems.size() > problemsBefore) {
            return null;
        }
        String[] origins = new String[v.length];
        for (int t = 0; t < v.length; t++) {
            v[t] *= scale;
            origins[t] = "profile " + name + " period " + (t + 1);
        }
        return new Values(v, origins);
    }

    private double[] pv(JsonNode node, String path, int startDay) {
        Double peak = required(node, "peak", path, 0, Double.POSITIVE_INFINITY);
        Double lat = required(node, "latitude", path, -90, 90);
        if (peak == null || lat == null) {
            return null;
        }
        double[] kwh = Profiles.pv(peak, lat, startDay, r.periods, r.periodHours);
        return inFileUnits(kwh);
    }

    private double[] load(JsonNode node, String path, int startDay, boolean commercial) {
        Double annual = required(node, "annual_kwh", path, 0, Double.POSITIVE_INFINITY);
        if (annual == null || !Profiles.dividesDay(r.periodHours)) {
            return null;
        }
        double[] kwh = commercial ? Profiles.commercial(annual, startDay, r.periods, r.periodHours)
                : Profiles.residential(annual, startDay, r.periods, r.periodHours);
        return inFileUnits(kwh);
    }

    private double[] price(JsonNode node, String path, int startDay) {
        Double mean = required(node, "mean", path, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        double daily = optional(node, "daily_swing", path, 0.3);
        double seasonal = optional(node, "seasonal_swing", path, 0.1);
        if (mean == null || !Profiles.dividesDay(r.periodHours)) {
            return null;
        }
        return Profiles.dayAheadPrice(mean, daily, seasonal, startDay, r.periods, r.periodHours);
    }

    private double[] inFileUnits(double[] kwh) {
        for (int t = 0; t < kwh.length; t++) {
            kwh[t] /= r.kwhPerUnit;
        }
        return kwh;
    }

    private Double required(JsonNode node, String key, String path, double min, double max) {
        if (!node.has(key) || node.get(key).isNull()) {
            r.problems.add(new Problem(path + "." + key, null, "is required"));
            return null;
        }
        Double v = r.number(node.get(key), path + "." + key);
        if (v != null && !(v >= min && v <= max)) {
            r.fail(path + "." + key, node.get(key), rangeText(min, max));
            return null;
        }
        return v;
    }

    private static String rangeText(double min, double max) {
        return max == Double.POSITIVE_INFINITY ? "must be >= " + ScenarioParser.fmt(min)
                : "must be between " + ScenarioParser.fmt(min) + " and " + ScenarioParser.fmt(max);
    }

    private double optional(JsonNode node, String key, String path, double fallback) {
        if (!node.has(key) || node.get(key).isNull()) {
            return fallback;
        }
        Double v = r.number(node.get(key), path + "." + key);
        return v == null ? fallback : v;
    }

    private double scale(JsonNode node, String path) {
        return node.has("scale") ? optional(node, "scale", path, 1.0) : 1.0;
    }

    static List<String> profileNames() {
        return PROFILE_KEYS.keySet().stream().sorted().toList();
    }
}
