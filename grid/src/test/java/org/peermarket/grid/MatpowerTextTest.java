package org.peermarket.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.model.ValidationException;

class MatpowerTextTest {
    @Test
    void readsEveryBuiltInCase() {
        int[][] sizes = {{14, 5, 20}, {30, 6, 41}, {33, 1, 37}, {39, 10, 46}, {69, 1, 68}, {85, 1, 84},
            {118, 54, 186}, {141, 1, 140}};
        for (int k = 0; k < sizes.length; k++) {
            GridCase grid = Cases.builtIn(Cases.BUILT_IN.get(k));
            assertThat(new int[] {grid.buses().size(), grid.generators().size(), grid.branches().size()})
                    .as(grid.name()).containsExactly(sizes[k]);
        }
    }

    @Test
    void convertsOhmsAndKilowattsLikeTheCaseFile() {
        GridCase grid = Cases.builtIn("case69");
        double zbase = 12.66e3 * 12.66e3 / 10e6;   // (Vbase^2 / Sbase) in Ohm
        assertThat(grid.branches().get(0).r()).isCloseTo(0.0005 / zbase, within(1e-18));
        assertThat(grid.branches().get(0).x()).isCloseTo(0.0012 / zbase, within(1e-18));
        Bus bus7 = grid.buses().get(6);
        assertThat(bus7.pd()).isEqualTo(40.4 / 1e3);
        assertThat(bus7.qd()).isEqualTo(30 / 1e3);
    }

    @Test
    void convertsCase141KvaAtPowerFactor085() {
        GridCase grid = Cases.builtIn("case141");
        Bus bus = grid.buses().stream().filter(b -> b.pd() > 0).findFirst().orElseThrow();
        double kva = bus.pd() / 0.85 * 1e3;
        assertThat(bus.qd()).isCloseTo(kva / 1e3 * Math.sqrt(1 - 0.85 * 0.85), within(1e-15));
        assertThat(grid.baseMva()).isEqualTo(10);
    }

    @Test
    void acceptsContinuationsCommasCommentsAndRowsWithoutSemicolons() {
        String text = """
                function mpc = tiny   % a comment
                mpc.version = '2';
                mpc.baseMVA = ...
                    100;
                mpc.bus = [
                    1, 3, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1.1, 0.9 % no semicolon: the line ends the row
                    2 1 5 1 0 0 1 1 0 0 1 1.1 0.9; 3 1 0 0 0 0 1 1 0 0 1 1.1 0.9;
                ];
                mpc.gen = [1 0 0 0 0 1 100 1 10 0];
                mpc.branch = [1 2 0 0.1 0 0 0 0 0 0 1; 2 3 0 0.1 0 0 0 0 0 0 1];
                mpc.bus_name = {
                    'A%B';
                    'C';
                };
                """;
        GridCase grid = MatpowerText.read("tiny.m", text);
        assertThat(grid.buses()).hasSize(3);
        assertThat(grid.baseMva()).isEqualTo(100);
        assertThat(grid.buses().get(1).pd()).isEqualTo(5);
        assertThat(grid.branches().get(1).angMax()).isEqualTo(360);
    }

    @Test
    void missingMatrixNamesTheField() {
        String text = SmallCases.FEEDER.replaceAll("(?s)mpc.gen = \\[.*?\\];", "");
        assertThatThrownBy(() -> MatpowerText.read("f.m", text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("f.m, mpc.gen").hasMessageContaining("missing matrix");
    }

    @Test
    void raggedRowNamesLineAndRow() {
        String text = SmallCases.FEEDER.replace("3 1 2 0 0 0 1 1 0 12.66 1 1.1 0.9;", "3 1 2 0 0 0 1 1 0 12.66 1 1.1;");
        assertThatThrownBy(() -> MatpowerText.read("f.m", text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("f.m line 7, mpc.bus row 3")
                .hasMessageContaining("as many columns as the first (13)");
    }

    @Test
    void notANumberNamesLineRowAndColumn() {
        String text = SmallCases.FEEDER.replace("2 4 0.02 0.01", "2 4 0.02 abc");
        assertThatThrownBy(() -> MatpowerText.read("f.m", text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("f.m line 16, mpc.branch row 3 column 4 = abc: not a number");
    }

    @Test
    void unknownTrailingCodeAsksForSavecase() {
        String text = SmallCases.FEEDER + "mpc.branch(:, BR_R) = 2 * mpc.branch(:, BR_R);\n";
        assertThatThrownBy(() -> MatpowerText.read("f.m", text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("f.m line 18, code")
                .hasMessageContaining("savecase");
    }

    @Test
    void conversionBeforeTheIndexNamesIsRefused() {
        String text = SmallCases.FEEDER + "mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;\n";
        assertThatThrownBy(() -> MatpowerText.read("f.m", text)).hasMessageContaining("savecase");
    }

    @Test
    void dcLinesAreRefused() {
        String text = SmallCases.FEEDER + "mpc.dcline = [\n    2 4 1 10 10 0 0 1 1 0 20 -10 10 -10 10 0 0;\n];\n";
        assertThatThrownBy(() -> MatpowerText.read("f.m", text))
                .hasMessageContaining("f.m line 19, mpc.dcline: DC lines are not supported");
    }

    @Test
    void otherProblemsAreNamed() {
        assertThatThrownBy(() -> MatpowerText.read("f.m", SmallCases.FEEDER.replace("'2'", "'1'")))
                .hasMessageContaining("f.m, mpc.version = 1");
        assertThatThrownBy(() -> MatpowerText.read("f.m", SmallCases.FEEDER.replace("mpc.baseMVA = 10;", "")))
                .hasMessageContaining("mpc.baseMVA: missing");
        assertThatThrownBy(() -> MatpowerText.read("f.m", SmallCases.FEEDER.replace("2 4 0.02 0.01 0 0 0 0 0 0 1 -360 360;\n];", "")))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> MatpowerText.read("f.m", SmallCases.FEEDER.replace("2 4 0.02", "2 9 0.02")))
                .hasMessageContaining("mpc.branch row 3 T_BUS = 9: no such bus");
        assertThatThrownBy(() -> MatpowerText.read("f.m", SmallCases.FEEDER.replace("1 3 0 0 0 0 1 1 0 12.66", "1 1 0 0 0 0 1 1 0 12.66")))
                .hasMessageContaining("exactly one reference");
    }
}
