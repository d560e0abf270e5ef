package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;
import org.peermarket.study.files.Numbers;

/**
 * Reads output folders for {@code peermarket compare}: a run's folder (summary.json, and
 * trades.csv for the average price) gives one column; a study's folder with kpis.csv
 * ({@code scenario,congested_lines,overflow_sum,overflow_weighted_avg,lfm_cost,p2p_volume})
 * gives one column per row, completed from {@code <scenario>/summary.json} when that exists.
 */
public final class RunDirectories {
    private static final String KPIS = StudyFiles.KPIS;
    /** The columns a study's kpis.csv is written with (StudyFiles), so the reader cannot drift from the writer. */
    private static final List<String> KPI_HEADER = List.of(StudyFiles.KPI_HEADER.split(","));
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunDirectories() {}

    /** The columns of every folder, in order; every folder that is not an output is named in the error. */
    public static List<CompareColumn> read(List<Path> dirs) {
        List<Problem> problems = new ArrayList<>();
        List<CompareColumn> columns = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            try {
                columns.addAll(read(dirs.get(i), "DIR[" + i + "]"));
            } catch (ValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return columns;
    }

    static List<CompareColumn> read(Path dir, String field) {
        // a study's run writes kpis.csv next to its summary.json: its scenarios are the columns
        if (Files.isRegularFile(dir.resolve(KPIS))) {
            return study(dir, field);
        }
        if (Files.isRegularFile(dir.resolve(ResultsWriter.SUMMARY))) {
            return List.of(run(dir, field));
        }
        String why = Files.isDirectory(dir) ? "not a run's output folder: it has neither summary.json nor kpis.csv"
                : "no such folder";
        throw new ValidationException(new Problem(field, dir.toString(), why));
    }

    /** One run: the KPIs of its summary.json, the volume-weighted average price of its trades.csv. */
    static CompareColumn run(Path dir, String field) {
        JsonNode s;
        try {
            s = JSON.readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        } catch (IOException e) {
            throw new ValidationException(new Problem(field, dir.resolve(ResultsWriter.SUMMARY).toString(),
                    "not a readable summary.json: " + e.getMessage()));
        }
        if (!s.path("status").isTextual() || !s.path("units").isObject()) {
            throw new ValidationException(new Problem(field, dir.resolve(ResultsWriter.SUMMARY).toString(),
                    "not a run's summary.json: it has no status or units"));
        }
        Map<String, Double> numbers = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        texts.put("status", s.path("status").asText());
        texts.put("mechanism", s.path("market").path("type").asText() + "/" + s.path("market").path("solver").asText());
        put(numbers, "peers", s.path("market").path("peers"));
        put(numbers, "periods", s.path("periods"));
        put(numbers, "welfare", s.path("welfare"));
        put(numbers, "objective", s.path("objective"));
        put(numbers, "p2p_volume", s.path("traded_volume"));
        JsonNode grid = s.path("grid");
        if (grid.isObject()) {
            put(numbers, "congested_lines", grid.path("congested_lines"));
            put(numbers, "overflow_sum", grid.path("overflow_sum_mw"));
            put(numbers, "overflow_weighted_avg", grid.path("overflow_weighted_average_mw"));
            put(numbers, "voltage_violations", grid.path("voltage_violations"));
        }
        extreme(s, "price_min", false).ifPresent(v -> numbers.put("price_min", v));
        extreme(s, "price_max", true).ifPresent(v -> numbers.put("price_max", v));
        averagePrice(dir.resolve(ResultsWriter.TRADES)).ifPresent(v -> numbers.put("average_price", v));
        JsonNode units = s.path("units");
        return new CompareColumn(s.path("name").asText(dir.getFileName().toString()), dir.toString(), units.path("energy").asText(),
                units.path("currency").asText(), units.path("price").asText(), numbers, texts);
    }

    /** A study's kpis.csv, one column per scenario row; a sub-folder named after the scenario adds its run's KPIs. */
    static List<CompareColumn> study(Path dir, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(KPIS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ValidationException(new Problem(field, dir.resolve(KPIS).toString(), "cannot read: " + e.getMessage()));
        }
        String file = dir.resolve(KPIS).toString();
        if (lines.isEmpty() || !List.of(lines.get(0).strip().split(",", -1)).equals(KPI_HEADER)) {
            throw new ValidationException(new Problem(file + " header", lines.isEmpty() ? "" : lines.get(0),
                    "must be " + String.join(",", KPI_HEADER)));
        }
        JsonNode own = ownSummary(dir, field);
        List<CompareColumn> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != KPI_HEADER.size()) {
                problems.add(new Problem(file + " line " + (r + 1), lines.get(r), "needs " + KPI_HEADER.size() + " fields"));
                continue;
            }
            Path sub = dir.resolve(cells[0]);
            boolean hasRun = !cells[0].isBlank() && Files.isRegularFile(sub.resolve(ResultsWriter.SUMMARY));
            CompareColumn base = hasRun ? run(sub, field) : null;
            Map<String, Double> numbers = new HashMap<>(base == null ? Map.of() : base.numbers());
            Map<String, String> texts = new HashMap<>(base == null ? Map.of() : base.texts());
            scenarioExtras(own, cells[0], numbers, texts);
            for (int k = 1; k < cells.length; k++) {
                String key = KPI_HEADER.get(k);
                String cell = cells[k].strip();
                numbers.remove(key);
                texts.remove(key);
                if (cell.isEmpty()) {
                    continue;
                }
                try {
                    numbers.put(key, Double.parseDouble(cell));
                } catch (NumberFormatException e) {
                    if (key.equals("lfm_cost") && cell.equalsIgnoreCase("infeasible")) {
                        texts.put(key, "infeasible");
                    } else {
                        problems.add(new Problem(file + " line " + (r + 1) + " " + key, cell, "must be a number"
                                + (key.equals("lfm_cost") ? " or infeasible" : "")));
                    }
                }
            }
            JsonNode units = base == null ? own.path("units") : null;
            out.add(new CompareColumn(cells[0], file, base == null ? units.path("energy").asText("") : base.energy(),
                    base == null ? units.path("currency").asText("") : base.currency(),
                    base == null ? units.path("price").asText("") : base.price(), numbers, texts));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return out;
    }

    /**
     * The summary.json a study's run writes next to its kpis.csv (units, and per scenario the LFM's status and the
     * lines it left congested); a missing node when there is none. Its market totals belong to no scenario.
     */
    private static JsonNode ownSummary(Path dir, String field) {
        Path file = dir.resolve(ResultsWriter.SUMMARY);
        if (!Files.isRegularFile(file)) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ValidationException(new Problem(field, file.toString(), "not a readable summary.json: " + e.getMessage()));
        }
    }

    private static void scenarioExtras(JsonNode own, String scenario, Map<String, Double> numbers, Map<String, String> texts) {
        for (JsonNode sc : own.path("study").path("scenarios")) {
            if (sc.path("scenario").asText().equals(scenario)) {
                if (sc.path("lfm_status").isTextual()) {
                    texts.put("lfm_status", sc.path("lfm_status").asText());
                }
                put(numbers, "congested_after_lfm", sc.path("congested_after_lfm"));
                put(numbers, "least_overflow", sc.path("least_overflow_mw"));
            }
        }
    }

    private static void put(Map<String, Double> numbers, String key, JsonNode v) {
        if (v.isNumber()) {
            numbers.put(key, v.asDouble());
        }
    }

    private static java.util.Optional<Double> extreme(JsonNode s, String field, boolean max) {
        Double best = null;
        for (JsonNode p : s.path("by_period")) {
            if (p.path(field).isNumber()) {
                double v = p.path(field).asDouble();
                best = best == null || (max ? v > best : v < best) ? v : best;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** sum(quantity x price) / sum(quantity) over trades.csv; empty without the file or trades. */
    static java.util.Optional<Double> averagePrice(Path trades) {
        if (!Files.isRegularFile(trades)) {
            return java.util.Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(trades, StandardCharsets.UTF_8);
            double value = 0;
            double volume = 0;
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] c = line.split(",");
                // quantity and price are the last three fields but one (ids may be quoted and hold commas)
                double q = Double.parseDouble(c[c.length - 3]);
                value += q * Double.parseDouble(c[c.length - 2]);
                volume += q;
            }
            return volume > 0 ? java.util.Optional.of(Numbers.round(value / volume)) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
