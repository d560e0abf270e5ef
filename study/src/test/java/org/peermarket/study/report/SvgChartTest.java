package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {
    @Test
    void linePointsSitLinearlyAndInOrder() throws Exception {
        String svg = SvgChart.lines("period", "price (EUR/kWh)", new double[] {1, 2, 3},
                List.of(new SvgChart.Series("p", new double[] {0, 5, 10})), false);
        RunReportTest.parseXml(svg);
        List<Double> cy = numbers(svg, "<circle cx=\"[^\"]+\" cy=\"([^\"]+)\"");
        List<Double> cx = numbers(svg, "<circle cx=\"([^\"]+)\"");
        assertThat(cy).hasSize(3);
        assertThat(cy.get(0)).isGreaterThan(cy.get(2)); // larger values higher up (SVG y grows downwards)
        assertThat(cy.get(1)).isCloseTo((cy.get(0) + cy.get(2)) / 2, offset(0.011));
        assertThat(cx.get(1)).isCloseTo((cx.get(0) + cx.get(2)) / 2, offset(0.011));
        assertThat(svg).contains(">price (EUR/kWh)<", ">period<", ">0<", ">10<");
    }

    @Test
    void aLogScaleSpacesDecadesEvenlyAndSkipsWhatItCannotShow() {
        String svg = SvgChart.lines("iteration", "residual", new double[] {1, 2, 3, 4},
                List.of(new SvgChart.Series("r", new double[] {1e-1, 1e-3, 0, 1e-5})), true);
        List<Double> cy = numbers(svg, "<circle cx=\"[^\"]+\" cy=\"([^\"]+)\"");
        assertThat(cy).hasSize(3); // 0 has no place on a log scale
        assertThat(cy.get(1) - cy.get(0)).isCloseTo(cy.get(2) - cy.get(1), offset(0.011));
    }

    @Test
    void barHeightsAreProportionalToTheValues() {
        String svg = SvgChart.bars("volume (kWh)", List.of("a", "b", "c"), List.of(new SvgChart.Series("v", new double[] {2, 4, 8})));
        List<Double> h = numbers(svg, "<rect x=\"[^\"]+\" y=\"[^\"]+\" width=\"[^\"]+\" height=\"([^\"]+)\"");
        assertThat(h).hasSize(3);
        assertThat(h.get(1) / h.get(0)).isCloseTo(2, offset(0.01));
        assertThat(h.get(2) / h.get(0)).isCloseTo(4, offset(0.01));
    }

    @Test
    void networkArrowWidthFollowsTheEnergy() throws Exception {
        String svg = SvgChart.network(List.of("pv", "flat", "ev"), new double[] {3, -2, -1},
                List.of(new SvgChart.Edge(0, 1, 2, "pv to flat"), new SvgChart.Edge(0, 2, 1, "pv to ev")));
        RunReportTest.parseXml(svg);
        List<Double> w = numbers(svg, "class=\"edge\"[^>]*stroke-width=\"([^\"]+)\"");
        assertThat(w).containsExactly(8.0, 4.38); // 0.75 + 7.25 * size / largest
        assertThat(svg).contains(">pv<", ">flat<", ">ev<", "<title>pv to flat</title>");
    }

    @Test
    void ticksAreRoundNumbers() {
        assertThat(SvgChart.niceStep(0.0173)).isEqualTo(0.02);
        assertThat(SvgChart.niceStep(240)).isEqualTo(200);
        assertThat(SvgChart.niceStep(0.7)).isEqualTo(0.5);
        assertThat(SvgChart.fit("scenario-1-extreme", 60)).isEqualTo("scenario…");
    }

    private static List<Double> numbers(String svg, String regex) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(svg);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }
}
