package org.peermarket.study.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * A small CSV input file with a fixed header: rows keep their 1-based line numbers, and every problem names
 * {@code file:line} and the field. Collects problems so that all of a file's errors are reported at once.
 */
final class CsvInput {
    record Row(int line, String[] cells) {}

    private final String name;
    private final List<String> header;
    private final List<Row> rows;
    final List<Problem> problems = new ArrayList<>();

    private CsvInput(String name, List<String> header, List<Row> rows) {
        this.name = name;
        this.header = header;
        this.rows = rows;
    }

    /** Reads the file; {@code required} columns must come first in this order, {@code optional} ones may follow. */
    static CsvInput read(Path file, List<String> required, List<String> optional) {
        String name = file.toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ValidationException(new Problem(name, null, "cannot read file: " + e.getMessage()));
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new ValidationException(new Problem(name + ":1", null, "needs the header " + String.join(",", required)));
        }
        List<String> header = List.of(strip(lines.get(0)).split(",", -1)).stream().map(String::strip).toList();
        boolean ok = header.size() >= required.size() && header.subList(0, required.size()).equals(required)
                && optional.containsAll(header.subList(required.size(), header.size()));
        if (!ok) {
            throw new ValidationException(new Problem(name + ":1", lines.get(0), "the header must be "
                    + String.join(",", required) + (optional.isEmpty() ? "" : " (optional further columns: "
                    + String.join(",", optional) + ")")));
        }
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                problems.add(new Problem(name + ":" + (i + 1), lines.get(i), "has " + cells.length
                        + " cells; the header has " + header.size()));
                continue;
            }
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip();
            }
            rows.add(new Row(i + 1, cells));
        }
        CsvInput in = new CsvInput(name, header, rows);
        in.problems.addAll(problems);
        return in;
    }

    private static String strip(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    List<Row> rows() {
        return rows;
    }

    boolean has(String column) {
        return header.contains(column);
    }

    String text(Row r, String column) {
        int c = header.indexOf(column);
        return c < 0 ? "" : r.cells()[c];
    }

    void fail(Row r, String column, String value, String message) {
        problems.add(new Problem(name + ":" + r.line() + " " + column, value, message));
    }

    /** A finite number, or NaN after recording the problem. */
    double number(Row r, String column) {
        String v = text(r, column);
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail(r, column, v, "must be a number");
        return Double.NaN;
    }

    /** A whole number, or Integer.MIN_VALUE after recording the problem. */
    int integer(Row r, String column) {
        String v = text(r, column);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            fail(r, column, v, "must be a whole number");
            return Integer.MIN_VALUE;
        }
    }

    String lower(Row r, String column) {
        return text(r, column).toLowerCase(Locale.ROOT);
    }
}
