package org.peermarket.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file of numeric columns as read once: a header naming the columns, then one row per
 * period. Cells are split on commas (profiles hold plain numbers; quotes around a header name
 * are dropped). Values are parsed when a column is asked for, so that a bad cell is reported
 * with the field that used it.
 */
final class CsvTable {
    final String name;
    final List<String> header;
    /** Data rows (header excluded, blank lines dropped), each split into cells. */
    final List<String[]> rows;

    private CsvTable(String name, List<String> header, List<String[]> rows) {
        this.name = name;
        this.header = header;
        this.rows = rows;
    }

    static CsvTable parse(String name, String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return new CsvTable(name, List.of(), List.of());
        }
        List<String> header = Arrays.stream(split(lines.get(0))).map(CsvTable::unquote).toList();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(split(line));
        }
        return new CsvTable(name, header, rows);
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    int column(String column) {
        return header.indexOf(column);
    }
}
