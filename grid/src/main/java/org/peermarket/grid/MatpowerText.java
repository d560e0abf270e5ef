package org.peermarket.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * Reads a MATPOWER version 2 case in its {@code .m} text form: {@code mpc.version}, {@code mpc.baseMVA} and the
 * {@code mpc.bus}, {@code mpc.gen}, {@code mpc.branch} matrices; other matrices and cell arrays (gencost,
 * bus_name, ...) are skipped. The only code understood after the matrices is MATPOWER's standard unit
 * conversion of its distribution cases (Ohm to p.u., kW to MW, kVA at a power factor), applied exactly as
 * Octave would; anything else is refused with the line, so the user can re-save the case with savecase.
 */
public final class MatpowerText {
    private static final String RESAVE = "this reader understands only MATPOWER case matrices and the standard"
            + " Ohm/kW/kVA conversion code; load the case in MATPOWER and re-save it with savecase('new.m', mpc)";
    private static final String BUS_NAMES = "[PQ,PV,REF,NONE,BUS_I,BUS_TYPE,PD,QD,GS,BS,BUS_AREA,VM,VA,BASE_KV,ZONE,"
            + "VMAX,VMIN,LAM_P,LAM_Q,MU_VMAX,MU_VMIN]=idx_bus;";
    private static final String BRANCH_NAMES = "[F_BUS,T_BUS,BR_R,BR_X,BR_B,RATE_A,RATE_B,RATE_C,TAP,SHIFT,BR_STATUS,"
            + "PF,QF,PT,QT,MU_SF,MU_ST,ANGMIN,ANGMAX,MU_ANGMIN,MU_ANGMAX]=idx_brch;";
    private static final Pattern FUNCTION = Pattern.compile("function\\s+mpc\\s*=\\s*[A-Za-z]\\w*\\s*;?");
    private static final Pattern MATRIX = Pattern.compile("mpc\\.(\\w+)\\s*=\\s*\\[(.*)");
    private static final Pattern CELL = Pattern.compile("mpc\\.(\\w+)\\s*=\\s*\\{(.*)");
    private static final Pattern VERSION = Pattern.compile("mpc\\.version\\s*=\\s*'([^']*)'\\s*;?");
    private static final Pattern BASE_MVA = Pattern.compile("mpc\\.baseMVA\\s*=\\s*([-+.\\w]+)\\s*;?");
    private static final Pattern POWER_FACTOR = Pattern.compile("pf=([0-9.eE+-]+);?");

    static final int BUS_COLUMNS = 13;
    static final int GEN_COLUMNS = 10;
    static final int BRANCH_COLUMNS = 11;

    private final String file;
    private final Map<String, Matrix> matrices = new LinkedHashMap<>();
    private String version;
    private Double baseMva;
    private Double vbase;
    private Double sbase;
    private Double powerFactor;
    private boolean busNames;
    private boolean branchNames;

    private MatpowerText(String file) {
        this.file = file;
    }

    /** A matrix as written, with the line each row starts on (for error messages). */
    private record Matrix(String name, List<double[]> rows, List<Integer> lines, List<String[]> tokens) {}

    private record Line(int number, String text) {}

    /** Parses {@code text}; {@code file} names the source in error messages and becomes the case name. */
    public static GridCase read(String file, String text) {
        MatpowerText reader = new MatpowerText(file);
        reader.parse(logicalLines(text));
        return reader.build(caseName(file));
    }

    private static String caseName(String file) {
        String base = file.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.endsWith(".m") ? base.substring(0, base.length() - 2) : base;
    }

    /** Strips % comments (outside quotes) and joins "..." continuations; keeps each statement's first line. */
    static List<Line> logicalLines(String text) {
        List<Line> out = new ArrayList<>();
        String[] physical = text.split("\r?\n|\r", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String code = stripComment(physical[i]).strip();
            boolean continues = code.endsWith("...");
            if (continues) {
                code = code.substring(0, code.length() - 3);
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            pending.append(code).append(' ');
            if (!continues) {
                out.add(new Line(start, pending.toString().strip()));
                pending = null;
            }
        }
        if (pending != null) {
            out.add(new Line(start, pending.toString().strip()));
        }
        return out;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '%' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private void parse(List<Line> lines) {
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String s = line.text();
            if (s.isEmpty()) {
                continue;
            }
            if (first && FUNCTION.matcher(s).matches()) {
                first = false;
                continue;
            }
            first = false;
            Matcher m;
            if ((m = MATRIX.matcher(s)).matches()) {
                i = readMatrix(m.group(1), m.group(2), line.number(), lines, i);
            } else if ((m = CELL.matcher(s)).matches()) {
                i = skipCell(m.group(2), line.number(), lines, i);
            } else if ((m = VERSION.matcher(s)).matches()) {
                version = m.group(1);
            } else if ((m = BASE_MVA.matcher(s)).matches()) {
                baseMva = number(m.group(1), line.number(), "mpc.baseMVA");
            } else {
                convert(line);
            }
        }
    }

    private int readMatrix(String name, String rest, int startLine, List<Line> lines, int i) {
        Matrix matrix = new Matrix(name, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        String content = rest;
        int lineNo = startLine;
        while (true) {
            int close = content.indexOf(']');
            String data = close >= 0 ? content.substring(0, close) : content;
            for (String row : data.split(";", -1)) {
                if (!row.isBlank()) {
                    matrix.tokens().add(row.strip().split("[\\s,]+"));
                    matrix.lines().add(lineNo);
                }
            }
            if (close >= 0) {
                String after = content.substring(close + 1).strip();
                if (!after.isEmpty() && !after.equals(";")) {
                    throw problem(lineNo, "mpc." + name, after, "unexpected text after the closing ']'");
                }
                break;
            }
            i++;
            if (i >= lines.size()) {
                throw problem(startLine, "mpc." + name, null, "the matrix is never closed with ']'");
            }
            content = lines.get(i).text();
            lineNo = lines.get(i).number();
        }
        if (matrices.containsKey(name)) {
            throw problem(startLine, "mpc." + name, null, "defined twice");
        }
        matrices.put(name, matrix);
        return i;
    }

    private int skipCell(String rest, int startLine, List<Line> lines, int i) {
        String content = rest;
        while (content.indexOf('}') < 0) {
            i++;
            if (i >= lines.size()) {
                throw problem(startLine, "cell array", null, "never closed with '}'");
            }
            content = lines.get(i).text();
        }
        return i;
    }

    /** The standard conversion statements, compared with whitespace removed; applied in file order. */
    private void convert(Line line) {
        String s = line.text().replaceAll("\\s+", "");
        String compact = s.replace(",", "");
        Matcher pf;
        if (s.equals(BUS_NAMES)) {
            busNames = true;
        } else if (s.equals(BRANCH_NAMES)) {
            branchNames = true;
        } else if (compact.equals("Vbase=mpc.bus(1BASE_KV)*1e3;") && busNames && has("bus")) {
            vbase = rows("bus").get(0)[9] * 1e3;
        } else if (compact.equals("Sbase=mpc.baseMVA*1e6;") && baseMva != null) {
            sbase = baseMva * 1e6;
        } else if (compact.equals("mpc.branch(:[BR_RBR_X])=mpc.branch(:[BR_RBR_X])/(Vbase^2/Sbase);")
                && branchNames && has("branch") && vbase != null && sbase != null) {
            double zbase = vbase * vbase / sbase;
            for (double[] row : rows("branch")) {
                row[2] = row[2] / zbase;
                row[3] = row[3] / zbase;
            }
        } else if (compact.equals("mpc.bus(:[PDQD])=mpc.bus(:[PDQD])/1e3;") && busNames && has("bus")) {
            for (double[] row : rows("bus")) {
                row[2] = row[2] / 1e3;
                row[3] = row[3] / 1e3;
            }
        } else if ((pf = POWER_FACTOR.matcher(s)).matches()) {
            powerFactor = number(pf.group(1), line.number(), "pf");
        } else if (compact.equals("mpc.bus(:QD)=mpc.bus(:PD)*sin(acos(pf));") && busNames && has("bus")
                && powerFactor != null) {
            double k = Math.sin(Math.acos(powerFactor));
            for (double[] row : rows("bus")) {
                row[3] = row[2] * k;
            }
        } else if (compact.equals("mpc.bus(:PD)=mpc.bus(:PD)*pf;") && busNames && has("bus") && powerFactor != null) {
            for (double[] row : rows("bus")) {
                row[2] = row[2] * powerFactor;
            }
        } else {
            throw problem(line.number(), "code", abbreviate(line.text()), RESAVE);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private boolean has(String name) {
        return matrices.containsKey(name);
    }

    /** The numeric rows of a matrix, parsed (and checked for raggedness) on first use. */
    private List<double[]> rows(String name) {
        Matrix m = matrices.get(name);
        if (m.rows().isEmpty() && !m.tokens().isEmpty()) {
            int width = m.tokens().get(0).length;
            for (int r = 0; r < m.tokens().size(); r++) {
                String[] tokens = m.tokens().get(r);
                int line = m.lines().get(r);
                if (tokens.length != width) {
                    throw problem(line, "mpc." + name + " row " + (r + 1), tokens.length + " columns",
                            "every row must have as many columns as the first (" + width + ")");
                }
                double[] row = new double[width];
                for (int c = 0; c < width; c++) {
                    row[c] = number(tokens[c], line, "mpc." + name + " row " + (r + 1) + " column " + (c + 1));
                }
                m.rows().add(row);
            }
        }
        return m.rows();
    }

    private double number(String token, int line, String field) {
        switch (token) {
            case "Inf", "inf", "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf", "-inf": return Double.NEGATIVE_INFINITY;
            case "NaN", "nan": return Double.NaN;
            default:
                try {
                    if (!token.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                        throw new NumberFormatException();
                    }
                    return Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw problem(line, field, token, "not a number");
                }
        }
    }

    private ValidationException problem(int line, String field, String value, String message) {
        return new ValidationException(new Problem(file + " line " + line + ", " + field, value, message));
    }

    private GridCase build(String name) {
        if (version == null) {
            throw new ValidationException(new Problem(file + ", mpc.version", null,
                    "missing; only MATPOWER case format version 2 is read"));
        }
        if (!version.equals("2")) {
            throw new ValidationException(new Problem(file + ", mpc.version", version,
                    "only MATPOWER case format version 2 is read; convert with MATPOWER's loadcase and savecase"));
        }
        if (baseMva == null) {
            throw new ValidationException(new Problem(file + ", mpc.baseMVA", null, "missing"));
        }
        if (has("dcline") && !matrices.get("dcline").tokens().isEmpty()) {
            throw problem(matrices.get("dcline").lines().get(0), "mpc.dcline", null,
                    "DC lines are not supported: the network model has AC branches only");
        }
        List<Bus> buses = new ArrayList<>();
        for (double[] r : required("bus", BUS_COLUMNS)) {
            buses.add(new Bus(integer(r[0], "bus", r), integer(r[1], "bus", r), r[2], r[3], r[4], r[5],
                    (int) r[6], r[7], r[8], r[9], (int) r[10], r[11], r[12]));
        }
        List<Generator> gens = new ArrayList<>();
        for (double[] r : required("gen", GEN_COLUMNS)) {
            gens.add(new Generator(integer(r[0], "gen", r), r[1], r[2], r[3], r[4], r[5], r[6],
                    integer(r[7], "gen", r), r[8], r[9]));
        }
        List<Branch> branches = new ArrayList<>();
        for (double[] r : required("branch", BRANCH_COLUMNS)) {
            double angMin = r.length > 11 ? r[11] : -360;
            double angMax = r.length > 12 ? r[12] : 360;
            branches.add(new Branch(integer(r[0], "branch", r), integer(r[1], "branch", r), r[2], r[3], r[4],
                    r[5], r[6], r[7], r[8], r[9], integer(r[10], "branch", r), angMin, angMax));
        }
        return new GridCase(name, baseMva, buses, gens, branches);
    }

    private List<double[]> required(String name, int columns) {
        if (!has(name)) {
            throw new ValidationException(new Problem(file + ", mpc." + name, null, "missing matrix"));
        }
        List<double[]> rows = rows(name);
        Matrix m = matrices.get(name);
        if (!rows.isEmpty() && rows.get(0).length < columns) {
            throw problem(m.lines().get(0), "mpc." + name, rows.get(0).length + " columns",
                    "needs at least " + columns + " columns");
        }
        return rows;
    }

    private int integer(double value, String matrix, double[] row) {
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            int r = matrices.get(matrix).rows().indexOf(row);
            throw problem(matrices.get(matrix).lines().get(r), "mpc." + matrix + " row " + (r + 1),
                    String.valueOf(value), "bus numbers, types and statuses must be whole numbers");
        }
        return (int) value;
    }
}
