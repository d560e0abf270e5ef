package org.peermarket.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.model.Scenario;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.ResultTable;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.RunResult;

/**
 * What a report section reads: the run, and its numbers converted to the scenario's units and
 * formatted exactly as in the CSV files ({@link Numbers#format}).
 */
public final class ReportContext {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunResult run;
    private final UnitView units;
    private Map<String, String> files;
    private JsonNode summary;

    /** A context whose result files are made when a section first asks for them. */
    public ReportContext(RunResult run) {
        this(run, null);
    }

    /** A context over the result files already made for {@code run} (name to text, summary.json among them). */
    public ReportContext(RunResult run, Map<String, String> files) {
        this.run = run;
        this.units = new UnitView(run.scenario());
        this.files = files;
    }

    private Map<String, String> files() {
        if (files == null) {
            files = ResultsWriter.resultFiles(run);
        }
        return files;
    }

    /** A result CSV file of the run (e.g. bills.csv), when the run writes it. */
    public Optional<ResultTable> table(String name) {
        return Optional.ofNullable(files().get(name)).map(text -> ResultTable.parse(name, text));
    }

    public boolean has(String name) {
        return files().containsKey(name);
    }

    /** The run's summary.json. */
    public JsonNode summary() {
        if (summary == null) {
            try {
                summary = JSON.readTree(files().get(ResultsWriter.SUMMARY));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return summary;
    }

    public RunResult run() {
        return run;
    }

    public Scenario scenario() {
        return run.scenario();
    }

    public List<String> peerIds() {
        return run.scenario().peers().stream().map(p -> p.id()).toList();
    }

    /** Energy unit symbol, e.g. kWh. */
    public String energy() {
        return run.scenario().units().energy().symbol();
    }

    /** Price unit, e.g. EUR/kWh. */
    public String price() {
        return run.scenario().units().price();
    }

    public String currency() {
        return run.scenario().units().currency();
    }

    /** An engine quantity (kWh) in the scenario's energy unit, residue snapped to 0. */
    public double quantity(double kwh) {
        return units.toQuantity(kwh);
    }

    /** An engine price (per kWh) in the scenario's price unit. */
    public double priceValue(double perKwh) {
        return units.toPrice(perKwh);
    }

    /** Formatted as in the CSV files: 12 significant digits, plain decimals; NaN as a dash. */
    public static String format(double v) {
        return Double.isFinite(v) ? Numbers.format(v) : "—";
    }

    /**
     * A residual or other number that may be tiny: as {@link #format}, but below 1e-6 in the
     * exponent form summary.json uses (e.g. 2.77555756156E-17) rather than a long run of zeros.
     */
    public static String formatSmall(double v) {
        return Double.isFinite(v) && v != 0 && Math.abs(v) < 1e-6 ? Double.toString(Numbers.round(v)) : format(v);
    }

    /** Rounded as written to summary.json. */
    public static double round(double v) {
        return Numbers.round(v);
    }
}
