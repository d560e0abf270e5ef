package org.peermarket.study.files;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A result CSV file as written (docs/output-files.md), read back for the report: the header and
 * each row's cells as text. Report sections show these texts unchanged, so the page shows
 * exactly the numbers of the files.
 */
public record ResultTable(String file, List<String> header, List<List<String>> rows) {
    public ResultTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** Parses CSV text as {@code report.ResultsWriter} writes it: comma separated, quotes only around ids that need them. */
    public static ResultTable parse(String file, String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(split(line));
            }
        }
        return new ResultTable(file, lines.isEmpty() ? List.of() : lines.get(0),
                lines.isEmpty() ? List.of() : lines.subList(1, lines.size()));
    }

    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(file + " has no column " + name);
        }
        return i;
    }

    /** The cell of {@code row} in column {@code name}, as written. */
    public String text(List<String> row, String name) {
        return row.get(column(name));
    }

    /** The cell as a number; NaN when empty or not a number (e.g. {@code infeasible}). */
    public double number(List<String> row, String name) {
        return number(text(row, name));
    }

    /** A cell's text as a number; NaN when empty or not a number. */
    public static double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public List<List<String>> where(Predicate<List<String>> keep) {
        return rows.stream().filter(keep).toList();
    }

    /** The distinct values of a column in order of first appearance. */
    public List<String> distinct(String name) {
        int c = column(name);
        return rows.stream().map(r -> r.get(c)).distinct().toList();
    }

    /**
     * The {@code data-kpi} key of a cell of this file: {@code csv|FILE|COLUMN|k1=v1|k2=v2}, the
     * row picked by the values of its key columns (docs/reports.md#numbers-for-tools).
     */
    public String key(String column, List<String> row, String... keyColumns) {
        StringBuilder b = new StringBuilder("csv|").append(file).append('|').append(column);
        for (String k : keyColumns) {
            b.append('|').append(k).append('=').append(text(row, k));
        }
        return b.toString();
    }

    /** A table cell showing the file's text of {@code column}, keyed by {@code keyColumns}. */
    public void cell(Html out, List<String> row, String column, String... keyColumns) {
        String t = text(row, column);
        out.number(t.isEmpty() ? "—" : t, key(column, row, keyColumns));
    }

    /** A CSV field as the result files write it: quoted only when it holds a comma, a quote or a line break. */
    public static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
