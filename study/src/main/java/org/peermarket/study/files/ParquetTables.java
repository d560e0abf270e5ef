package org.peermarket.study.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Each result CSV file also as Parquet, {@code parquet/<name>.parquet} (docs/output-files.md#parquet):
 * the same columns in the same order and the same rows, typed by the column's name (ids and
 * labels as UTF8 text, counters as INT64, flags as BOOLEAN, the rest DOUBLE). Made from the
 * CSV text itself, so both files hold the same numbers; an empty cell is null.
 */
public final class ParquetTables {
    public static final String FOLDER = "parquet";

    /** A column's Parquet type. */
    public enum Kind { INT64, DOUBLE, BOOLEAN, TEXT }

    private static final Set<String> TEXT = Set.of("peer", "seller", "buyer", "payer", "payee", "actor", "kind",
            "item", "type", "community", "parent", "reason", "rule", "id", "direction", "node", "asset", "owner",
            "pipe", "scenario", "source", "status", "days", "steps");
    private static final Set<String> INT64 = Set.of("period", "iteration", "branch", "level", "bus", "from", "to");
    private static final Set<String> BOOLEAN = Set.of("chosen", "individually_rational", "in_core");
    /** Where a file's column means something else than the name does elsewhere (lfm_cost may be {@code infeasible}). */
    private static final Map<String, Kind> IN_FILE = Map.of("pipes.csv/from", Kind.TEXT, "pipes.csv/to", Kind.TEXT,
            "bids.csv/peer", Kind.BOOLEAN, "kpis.csv/lfm_cost", Kind.TEXT);

    private ParquetTables() {}

    /** The Parquet file's name for a CSV file's, inside the run's folder. */
    public static String fileFor(String csv) {
        return FOLDER + "/" + csv.substring(0, csv.length() - ".csv".length()) + ".parquet";
    }

    /** The type a file's column is written as when every cell fits it. */
    public static Kind declared(String file, String column) {
        Kind kind = IN_FILE.get(file + "/" + column);
        if (kind != null) {
            return kind;
        }
        if (TEXT.contains(column)) {
            return Kind.TEXT;
        }
        if (INT64.contains(column)) {
            return Kind.INT64;
        }
        return BOOLEAN.contains(column) ? Kind.BOOLEAN : Kind.DOUBLE;
    }

    /** A Parquet file for every CSV file among {@code files}, by its name in the run's folder. */
    public static Map<String, Staging.BinaryFile> files(Map<String, String> files) {
        Map<String, Staging.BinaryFile> out = new java.util.LinkedHashMap<>();
        files.forEach((name, text) -> {
            if (name.endsWith(".csv")) {
                out.put(fileFor(name), target -> write(name, text, target));
            }
        });
        return out;
    }

    /** Writes CSV text as written by the run (a header, then rows) as one Parquet file. */
    static void write(String file, String csv, Path target) throws IOException {
        List<String> header = ResultTable.split(firstLine(csv));
        Kind[] kinds = new Kind[header.size()];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = declared(file, header.get(c));
        }
        while (true) {
            try {
                writeAs(header, kinds, csv, target);
                return;
            } catch (NotFitting e) {
                kinds[e.column] = Kind.TEXT; // a safety net, not a rule: write again with that column as text
            }
        }
    }

    private static void writeAs(List<String> header, Kind[] kinds, String csv, Path target) throws IOException {
        MessageType schema = schema(header, kinds);
        Builder builder = new Builder(new LocalOutputFile(target), new CellsWriteSupport(schema, kinds))
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                // dictionaries for ids and labels only: hashing every double was a quarter of the writing (community-year)
                .withDictionaryEncoding(false);
        for (int c = 0; c < kinds.length; c++) {
            if (kinds[c] == Kind.TEXT) {
                builder = builder.withDictionaryEncoding(header.get(c), true);
            }
        }
        try (ParquetWriter<List<String>> writer = builder.build()) {
            forEachRow(csv, writer::write);
        }
    }

    /** A cell that is not of its column's type, found before any of its row is written. */
    private static final class NotFitting extends RuntimeException {
        final int column;

        NotFitting(int column) {
            super(null, null, false, false);
            this.column = column;
        }
    }

    static MessageType schema(List<String> header, Kind[] kinds) {
        List<Type> fields = new ArrayList<>();
        for (int c = 0; c < kinds.length; c++) {
            fields.add(switch (kinds[c]) {
                case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(header.get(c));
                case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(header.get(c));
                case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(header.get(c));
                case TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(header.get(c));
            });
        }
        return new MessageType("row", fields);
    }

    private interface RowAction {
        void accept(List<String> row) throws IOException;
    }

    /** Every row under the header, without copying the text into a table first (a year's file has millions). */
    private static void forEachRow(String csv, RowAction action) throws IOException {
        List<String> cells = new ArrayList<>(); // reused: a row is written before the next is read
        int start = csv.indexOf('\n') + 1;
        while (start > 0 && start < csv.length()) {
            int end = csv.indexOf('\n', start);
            if (end < 0) {
                end = csv.length();
            }
            if (end > start) {
                action.accept(cells(csv, start, end, cells));
            }
            start = end + 1;
        }
    }

    /** The cells of the line from {@code start} to {@code end}; a line with quotes goes through the full reader. */
    static List<String> cells(String csv, int start, int end, List<String> cells) {
        cells.clear();
        int from = start;
        for (int i = start; i < end; i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                return ResultTable.split(csv.substring(start, end));
            }
            if (c == ',') {
                cells.add(csv.substring(from, i));
                from = i + 1;
            }
        }
        cells.add(csv.substring(from, end));
        return cells;
    }

    /**
     * A cell as Double.parseDouble reads it. Plain decimals of at most 15 digits (all the result
     * files write) are their digits as an exact long divided by an exact power of ten: one
     * correctly rounded division, so the same double (Clinger's fast path). Anything else goes to
     * Double.parseDouble.
     */
    static double number(String cell) {
        int i = 0;
        int n = cell.length();
        boolean negative = n > 0 && cell.charAt(0) == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < n; i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0 && count > 0) {
                fraction = 0;
            } else {
                return Double.parseDouble(cell);
            }
        }
        if (count == 0 || count > 15 || fraction == 0) {
            return Double.parseDouble(cell);
        }
        double v = fraction > 0 ? digits / Numbers.TEN[fraction] : digits;
        return negative ? -v : v;
    }

    private static String firstLine(String csv) {
        int end = csv.indexOf('\n');
        return end < 0 ? csv : csv.substring(0, end);
    }

    /** Writes a row of CSV cells as one record of the schema; empty cells are left null. */
    private static final class CellsWriteSupport extends WriteSupport<List<String>> {
        private final MessageType schema;
        private final Kind[] kinds;
        private final long[] longs;
        private final double[] doubles;
        /** Ids repeat on every row: each one's UTF-8 bytes are made once. */
        private final Map<String, Binary> texts = new HashMap<>();
        private RecordConsumer out;

        CellsWriteSupport(MessageType schema, Kind[] kinds) {
            this.schema = schema;
            this.kinds = kinds;
            this.longs = new long[kinds.length];
            this.doubles = new double[kinds.length];
        }

        @Override
        public WriteContext init(Configuration conf) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer consumer) {
            out = consumer;
        }

        @Override
        public void write(List<String> row) {
            parse(row);
            out.startMessage();
            for (int c = 0; c < kinds.length && c < row.size(); c++) {
                String cell = row.get(c);
                if (cell.isEmpty()) {
                    continue;
                }
                String name = schema.getFieldName(c);
                out.startField(name, c);
                switch (kinds[c]) {
                    case INT64 -> out.addLong(longs[c]);
                    case DOUBLE -> out.addDouble(doubles[c]);
                    case BOOLEAN -> out.addBoolean(cell.equals("true"));
                    case TEXT -> out.addBinary(texts.computeIfAbsent(cell, Binary::fromString));
                }
                out.endField(name, c);
            }
            out.endMessage();
        }

        /** Every number of the row first, so a cell that does not fit stops the file before the row starts. */
        private void parse(List<String> row) {
            for (int c = 0; c < kinds.length && c < row.size(); c++) {
                String cell = row.get(c);
                if (cell.isEmpty()) {
                    continue;
                }
                try {
                    switch (kinds[c]) {
                        case INT64 -> longs[c] = Long.parseLong(cell);
                        case DOUBLE -> doubles[c] = number(cell);
                        case BOOLEAN -> {
                            if (!cell.equals("true") && !cell.equals("false")) {
                                throw new NotFitting(c);
                            }
                        }
                        case TEXT -> { }
                    }
                } catch (NumberFormatException e) {
                    throw new NotFitting(c);
                }
            }
            if (texts.size() > 100_000) {
                texts.clear(); // free text (reasons, dates) does not repeat: keep the cache small
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<List<String>, Builder> {
        private final CellsWriteSupport support;

        Builder(OutputFile file, CellsWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<List<String>> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<List<String>> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
