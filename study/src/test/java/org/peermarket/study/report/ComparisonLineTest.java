package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.Comparison;

/** The summary's central-against-auction line never shows NaN: no result or no trade says so. */
class ComparisonLineTest {
    private final UnitView kwh = new UnitView(ScenarioParser.parse(
            "name: x\npeers:\n  - {id: a, pmin: 0, pmax: 1}\n  - {id: b, pmin: -1, pmax: 0}\n", "x.yaml", false));

    @Test
    void bothSidesTradedShowTheGap() {
        assertThat(SummaryText.comparisonLine(new Comparison("optimal", 2.5, 2.0, 0.15, 0.2), "EUR", "EUR/kWh", kwh))
                .isEqualTo("  central clearing (optimal): welfare 2.5000 EUR (auction 0.5000 lower);"
                        + " average price 0.1500 EUR/kWh (auction +0.0500)\n");
    }

    @Test
    void aSideWithoutTradesHasNoPrice() {
        assertThat(SummaryText.comparisonLine(new Comparison("optimal", 0, 1.2, Double.NaN, 0.2), "EUR", "EUR/kWh", kwh))
                .isEqualTo("  central clearing (optimal): welfare 0.0000 EUR (auction -1.2000 lower);"
                        + " average price none (no trades) EUR/kWh (auction 0.2000)\n");
    }

    @Test
    void aCentralClearingWithoutResultHasNothingToCompare() {
        assertThat(SummaryText.comparisonLine(new Comparison("not_solved", Double.NaN, 1.2, Double.NaN, 0.2), "EUR",
                "EUR/kWh", kwh)).isEqualTo("  central clearing (not_solved): no welfare or price to compare\n");
    }
}
