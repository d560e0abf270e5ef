package org.peermarket.study.report;

import java.util.Map;
import java.util.Optional;

/**
 * One column of a comparison: a run (its summary.json) or one scenario row of a study's
 * kpis.csv. {@code numbers} holds the numeric KPIs by key ({@link CompareReport#ROWS}),
 * {@code texts} what is shown instead of a number (a status, {@code infeasible}).
 * Units are empty when the source does not say them.
 */
public record CompareColumn(String label, String source, String energy, String currency, String price,
                            Map<String, Double> numbers, Map<String, String> texts) {

    public CompareColumn {
        numbers = Map.copyOf(numbers);
        texts = Map.copyOf(texts);
    }

    public Optional<Double> number(String key) {
        return Optional.ofNullable(numbers.get(key));
    }

    /** The cell text: the number as in the CSV files, else the text, else a dash. */
    public String shown(String key) {
        Double v = numbers.get(key);
        return v != null ? ReportContext.formatSmall(v) : texts.getOrDefault(key, "—");
    }
}
