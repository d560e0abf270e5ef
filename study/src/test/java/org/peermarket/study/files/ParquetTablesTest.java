package org.peermarket.study.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;
import org.peermarket.study.report.ResultsWriter;

/**
 * Every run's CSV files read back from their Parquet copies with Parquet's own reader: the same
 * columns in order, each of its declared type, the same number of rows, and every cell equal
 * (numbers to the CSV's 12 printed digits, text exactly, an empty cell null).
 */
class ParquetTablesTest {

    /** Every built-in example but community-year (CommunityYearTest runs that one). */
    static List<String> examples() {
        return Examples.names().stream().filter(n -> !n.equals("community-year")).toList();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyCsvFileHasTheSameTableInParquet(String name, @TempDir Path dir) throws Exception {
        for (var c : Examples.loadCases(name).entrySet()) {
            Path out = dir.resolve(c.getKey().isEmpty() ? "out" : c.getKey());
            ResultsWriter.write(Runner.run(c.getValue()), out);
            List<String> csvs = csvFiles(out);
            assertThat(csvs).as(name).isNotEmpty();
            for (String csv : csvs) {
                Path parquet = out.resolve(ParquetTables.fileFor(csv));
                assertThat(parquet).as(name + ": " + csv + " in Parquet").exists();
                assertSameTable(ResultTable.parse(csv, Files.readString(out.resolve(csv))), parquet);
            }
        }
    }

    /** A header-only file (no period cleared) still has its typed columns and no rows. */
    @Test
    void aHeaderOnlyFileKeepsItsColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.parquet");
        ParquetTables.write("trades.csv", "period,seller,buyer,quantity,price,charge\n", file);
        Read r = read(file);
        assertThat(r.schema.getFields()).extracting(f -> f.getName())
                .containsExactly("period", "seller", "buyer", "quantity", "price", "charge");
        assertThat(r.schema.getType("period").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(r.schema.getType("seller").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(r.rows).isEmpty();
    }

    /** A cell that does not fit its column's declared type turns the column into text, never a wrong number. */
    @Test
    void aColumnWithTextWhereANumberWasExpectedIsText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.parquet");
        ParquetTables.write("x.csv", "period,quantity\n1,2.5\n2,infeasible\n", file);
        Read r = read(file);
        assertThat(r.schema.getType("quantity").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(r.rows.get(1).getString("quantity", 0)).isEqualTo("infeasible");
        assertThat(r.rows.get(1).getLong("period", 0)).isEqualTo(2L);
    }

    private static List<String> csvFiles(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted().toList();
        }
    }

    private static void assertSameTable(ResultTable csv, Path parquet) throws Exception {
        Read r = read(parquet);
        String what = csv.file();
        assertThat(r.schema.getFields()).as(what + " columns").extracting(f -> f.getName()).containsExactlyElementsOf(csv.header());
        for (String column : csv.header()) {
            assertThat(kind(r.schema.getType(column).asPrimitiveType())).as(what + " " + column + " type")
                    .isEqualTo(ParquetTables.declared(csv.file(), column));
        }
        assertThat(r.rows).as(what + " rows").hasSize(csv.rows().size());
        for (int i = 0; i < csv.rows().size(); i++) {
            List<String> row = csv.rows().get(i);
            Group g = r.rows.get(i);
            for (int c = 0; c < csv.header().size(); c++) {
                assertSameCell(row.get(c), g, c, r.schema.getType(c).asPrimitiveType(), what + " row " + (i + 1) + " " + csv.header().get(c));
            }
        }
    }

    private static void assertSameCell(String text, Group g, int c, PrimitiveType type, String what) {
        if (g.getFieldRepetitionCount(c) == 0) {
            assertThat(text).as(what + " is null").isEmpty();
            return;
        }
        switch (kind(type)) {
            case INT64 -> assertThat(g.getLong(c, 0)).as(what).isEqualTo(Long.parseLong(text));
            case BOOLEAN -> assertThat(Boolean.toString(g.getBoolean(c, 0))).as(what).isEqualTo(text);
            case TEXT -> assertThat(g.getString(c, 0)).as(what).isEqualTo(text);
            case DOUBLE -> {
                double want = Double.parseDouble(text);
                assertThat(Math.abs(g.getDouble(c, 0) - want)).as(what + ": " + g.getDouble(c, 0) + " vs " + text)
                        .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(want)));
            }
        }
    }

    private static ParquetTables.Kind kind(PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case INT64 -> ParquetTables.Kind.INT64;
            case DOUBLE -> ParquetTables.Kind.DOUBLE;
            case BOOLEAN -> ParquetTables.Kind.BOOLEAN;
            case BINARY -> {
                assertThat(type.getLogicalTypeAnnotation()).as(type.getName() + " is UTF8").isEqualTo(LogicalTypeAnnotation.stringType());
                yield ParquetTables.Kind.TEXT;
            }
            default -> throw new AssertionError(type + " is not a type the run writes");
        };
    }

    private record Read(MessageType schema, List<Group> rows) {}

    private static Read read(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Group> rows = new ArrayList<>();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(records.read());
                }
            }
            return new Read(schema, rows);
        }
    }

    @Test
    void aLineIsCutIntoTheCellsTheCsvReaderFinds() {
        String csv = "h\n1,a,,2.5,\n\"x,y\",\"say \"\"hi\"\"\",3\n,\nlast";
        List<String> lines = List.of("1,a,,2.5,", "\"x,y\",\"say \"\"hi\"\"\",3", ",", "last");
        int start = 2;
        for (String line : lines) {
            int end = start + line.length();
            assertThat(ParquetTables.cells(csv, start, end, new ArrayList<>())).isEqualTo(ResultTable.split(line));
            start = end + 1;
        }
        assertThat(ParquetTables.cells(csv, 2, 11, new ArrayList<>())).containsExactly("1", "a", "", "2.5", "");
        assertThat(ResultTable.split("\"x,y\",\"say \"\"hi\"\"\",3")).containsExactly("x,y", "say \"hi\"", "3");
    }

    @Test
    void numbersAreReadAsDoubleParseDoubleReadsThem() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(41);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 3) {
                case 0 -> r.nextDouble(-1e4, 1e4);
                case 1 -> Double.longBitsToDouble(r.nextLong(0x3C00000000000000L, 0x4340000000000000L));
                default -> Math.round(r.nextDouble(-1e9, 1e9)) / Math.pow(10, r.nextInt(0, 16));
            };
            for (String text : new String[] {Numbers.format(v), Double.toString(v), Long.toString(Math.round(v))}) {
                assertThat(ParquetTables.number(text)).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        for (String text : new String[] {"-0", "0", "0.0020", "1e5", "-1.5E-7", "123456789012345", "1234567890123456789",
            "0.1234567890123456", "9007199254740993", "-.5", "Infinity", "-0.000000000000000000001"}) {
            assertThat(ParquetTables.number(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
        assertThat(1 / ParquetTables.number("-0")).isNegative();
    }
}
