package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peermarket.study.files.ResultTable;

/**
 * Test helper: the numbers a report marks with {@code data-kpi}, and their check against
 * summary.json. Keys are paths into summary.json ({@code objective}, {@code solver.iterations},
 * {@code by_period.2.price_min}: the entry of period 2, {@code grid.by_period.1.congested_lines}),
 * or {@code max.}/{@code min.} + such a path over {@code by_period} entries. Keys starting
 * {@code peer.} or {@code line.} are not in summary.json; the tests check them against the CSVs.
 */
final class ReportNumbers {
    private static final Pattern KPI = Pattern.compile("data-kpi=\"([^\"]+)\"[^>]*>([^<]*)<");

    private ReportNumbers() {}

    /** Every data-kpi in the markup (XML as written, or a browser's DOM), key to the texts shown. */
    static Map<String, List<String>> read(String html) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = KPI.matcher(html);
        while (m.find()) {
            out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Checks each summary.json key; returns how many values were compared. */
    static int assertMatchSummary(Map<String, List<String>> kpis, JsonNode summary) {
        int compared = 0;
        for (var e : kpis.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("peer.") || key.startsWith("line.") || key.startsWith("csv|")) {
                continue;
            }
            JsonNode expected = resolve(summary, key);
            for (String shown : e.getValue()) {
                assertSame(key, shown, expected);
                compared++;
            }
        }
        return compared;
    }

    /**
     * Checks each {@code csv|FILE|COLUMN|k1=v1|...} key against the file in {@code dir}: exactly one row has those key
     * values, and the text shown is that row's cell as written (a dash for an empty cell). Returns how many were compared.
     */
    static int assertMatchFiles(Map<String, List<String>> kpis, java.nio.file.Path dir) throws java.io.IOException {
        Map<String, List<List<String>>> files = new java.util.HashMap<>();
        int compared = 0;
        for (var e : kpis.entrySet()) {
            if (!e.getKey().startsWith("csv|")) {
                continue;
            }
            String[] parts = e.getKey().split("\\|");
            List<List<String>> rows = files.computeIfAbsent(parts[1], f -> readCsv(dir.resolve(f)));
            List<String> header = rows.get(0);
            int column = header.indexOf(parts[2]);
            assertThat(column).as(e.getKey() + ": column").isNotNegative();
            List<List<String>> found = rows.subList(1, rows.size()).stream().filter(r -> {
                for (int i = 3; i < parts.length; i++) {
                    String[] kv = parts[i].split("=", 2);
                    if (!r.get(header.indexOf(kv[0])).equals(kv[1])) {
                        return false;
                    }
                }
                return true;
            }).toList();
            assertThat(found).as(e.getKey() + ": rows with those keys").hasSize(1);
            String cell = found.get(0).get(column);
            for (String shown : e.getValue()) {
                assertThat(shown).as(e.getKey()).isEqualTo(cell.isEmpty() ? "—" : cell);
                compared++;
            }
        }
        return compared;
    }

    /** A CSV file's rows (header first); quoted fields as the writer quotes ids. */
    static List<List<String>> readCsv(java.nio.file.Path file) {
        try {
            List<List<String>> out = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(file)) {
                if (!line.isEmpty()) {
                    out.add(ResultTable.split(line));
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSame(String key, String shown, JsonNode expected) {
        if (expected == null || expected.isNull() || expected.isMissingNode()) {
            assertThat(shown).as(key + " (null in summary.json)").isEqualTo("—");
        } else if (expected.isNumber()) {
            assertThat(shown).as(key).isNotEqualTo("—");
            assertClose(key, Double.parseDouble(shown), expected.asDouble());
        } else {
            assertThat(shown).as(key).isEqualTo(expected.asText());
        }
    }

    static void assertClose(String what, double shown, double expected) {
        double tolerance = 1e-9 * Math.max(1, Math.abs(expected));
        assertThat(Math.abs(shown - expected)).as(what + ": shown " + shown + ", expected " + expected).isLessThanOrEqualTo(tolerance);
    }

    static JsonNode resolve(JsonNode root, String key) {
        if (key.startsWith("max.") || key.startsWith("min.")) {
            boolean max = key.startsWith("max.");
            String[] rest = key.substring(4).split("\\.", 2); // by_period, path inside an entry
            JsonNode best = null;
            for (JsonNode entry : root.path(rest[0])) {
                JsonNode v = path(entry, rest[1]);
                if (v.isNumber() && (best == null || (max ? v.asDouble() > best.asDouble() : v.asDouble() < best.asDouble()))) {
                    best = v;
                }
            }
            return best;
        }
        return path(root, key);
    }

    /** A dotted path; a number after {@code by_period} picks the entry of that period. */
    private static JsonNode path(JsonNode node, String key) {
        String[] parts = key.split("\\.");
        JsonNode at = node;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("by_period") && i + 1 < parts.length && parts[i + 1].matches("\\d+")) {
                int period = Integer.parseInt(parts[++i]);
                JsonNode found = null;
                for (JsonNode entry : at.path("by_period")) {
                    if (entry.path("period").asInt() == period) {
                        found = entry;
                    }
                }
                if (found == null) {
                    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                }
                at = found;
            } else if (at.isArray() && parts[i].matches("\\d+")) {
                at = at.path(Integer.parseInt(parts[i])); // an array entry by its 0-based index (study.scenarios.3)
            } else {
                at = at.path(parts[i]);
            }
        }
        return at;
    }
}
