package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-period numbers read from CSV columns (docs/scenario-format.md, Time series from CSV). */
class CsvColumnsTest {
    private static final String PROFILES = """
            hour,pv_roof_3,load,price
            1,0,1.5,0.20
            2,2.5,1.25,0.25
            3,4,2,0.30
            """;

    private static String scenario(String pmax, String b) {
        return """
                name: csv
                periods: 3
                units: {energy: MWh}
                peers:
                  - id: pv
                    cost: {a: 0, b: %s}
                    pmin: 0
                    pmax: %s
                  - id: home
                    cost: {a: 0.1, b: 80}
                    pmin: -5
                    pmax: 0
                """.formatted(b, pmax);
    }

    private static Path write(Path dir, String scenario, String csv) throws Exception {
        Files.writeString(dir.resolve("profiles.csv"), csv);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario);
        return file;
    }

    private static List<String> problems(Path file) {
        try {
            ScenarioParser.parse(file);
        } catch (ValidationException e) {
            return e.problems().stream().map(p -> p.atLine(0).toString()).toList();
        }
        throw new AssertionError("expected a validation error");
    }

    @Test
    void readsAColumnScaledAndConvertedLikeAList(@TempDir Path dir) throws Exception {
        Path file = write(dir, scenario("{csv: profiles.csv, column: pv_roof_3, scale: 2}", "{csv: profiles.csv, column: price}"),
                PROFILES);
        Scenario s = ScenarioParser.parse(file);
        Peer pv = s.peers().get(0);
        // the file's MWh are 1000 kWh each; scale 2 first: 0, 5, 8 MWh
        assertThat(pv.pmax().at(0)).isEqualTo(0.0);
        assertThat(pv.pmax().at(1)).isEqualTo(5000.0);
        assertThat(pv.pmax().at(2)).isEqualTo(8000.0);
        // prices per MWh become per kWh
        assertThat(pv.cost().b().at(2)).isCloseTo(0.30 / 1000, org.assertj.core.data.Offset.offset(1e-15));
        Scenario typed = ScenarioParser.parse(scenario("[0, 5, 8]", "[0.20, 0.25, 0.30]"), "t.yaml", false);
        assertThat(s.peers()).isEqualTo(typed.peers());
    }

    @Test
    void aFileIsReadOnceForEveryColumnTakenFromIt() {
        AtomicInteger reads = new AtomicInteger();
        ScenarioFiles files = new ScenarioFiles() {
            @Override
            public Optional<String> read(String name) {
                reads.incrementAndGet();
                return Optional.of(PROFILES);
            }

            @Override
            public String where() {
                return "memory";
            }
        };
        String text = scenario("{csv: profiles.csv, column: pv_roof_3}", "{csv: profiles.csv, column: price}")
                .replace("pmin: -5", "pmin: {csv: profiles.csv, column: load, scale: -1}");
        Scenario s = ScenarioParser.parse(text, "s.yaml", false, files);
        assertThat(reads).hasValue(1);
        assertThat(s.peers().get(1).pmin().at(1)).isEqualTo(-1250.0);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = write(dir, scenario("{csv: other.csv, column: pv_roof_3}", "1"), PROFILES);
        assertThat(problems(file)).containsExactly("peers[0].pmax.csv = \"other.csv\": no such file (looked in " + dir.toAbsolutePath() + ")");
    }

    @Test
    void aMissingColumnListsTheColumnsThereAre(@TempDir Path dir) throws Exception {
        Path file = write(dir, scenario("{csv: profiles.csv, column: pv_roof_9}", "1"), PROFILES);
        assertThat(problems(file)).containsExactly(
                "peers[0].pmax.column = \"pv_roof_9\": profiles.csv has no such column; its columns are [hour, pv_roof_3, load, price]");
    }

    @Test
    void aColumnOfTheWrongLengthIsRefused(@TempDir Path dir) throws Exception {
        Path file = write(dir, scenario("{csv: profiles.csv, column: pv_roof_3}", "1"), PROFILES + "4,1,1,1\n\n");
        assertThat(problems(file)).containsExactly(
                "peers[0].pmax: profiles.csv column pv_roof_3 has 4 rows; the scenario has 3 periods");
    }

    @Test
    void aCellThatIsNoNumberNamesItsRowAndColumn(@TempDir Path dir) throws Exception {
        String bad = PROFILES.replace("2,2.5,1.25", "2,abc,1.25");
        Path file = write(dir, scenario("{csv: profiles.csv, column: pv_roof_3}", "1"), bad);
        assertThat(problems(file)).containsExactly("peers[0].pmax: profiles.csv row 2 column pv_roof_3 = \"abc\": not a number");
        for (String cell : List.of("NaN", "Infinity", "1d", "", "0x1p3")) {
            write(dir, scenario("{csv: profiles.csv, column: pv_roof_3}", "1"), PROFILES.replace("2,2.5,1.25", "2," + cell + ",1.25"));
            assertThat(problems(file)).as(cell).containsExactly(
                    "peers[0].pmax: profiles.csv row 2 column pv_roof_3 = \"" + cell + "\": not a number");
        }
    }

    @Test
    void valuesFromAFileMeetTheFieldsOwnRules(@TempDir Path dir) throws Exception {
        String text = scenario("4", "1").replace("cost: {a: 0, b: 1}", "cost: {a: {csv: profiles.csv, column: load, scale: -1}, b: 1}");
        Path file = write(dir, text, PROFILES);
        assertThat(problems(file)).containsExactly("peers[0].cost.a: profiles.csv row 1 column load = -1.5: must be >= 0");
    }

    @Test
    void communityPricesAndCapsTakeColumnsToo(@TempDir Path dir) throws Exception {
        String text = """
                name: c
                periods: 3
                market: {type: community}
                peers:
                  - {id: a, pmin: -2, pmax: 3}
                  - {id: b, pmin: -2, pmax: 0}
                communities:
                  - id: street
                    members: [a, b]
                    manager:
                      import_price: {csv: profiles.csv, column: price}
                      export_price: 0.05
                      import_cap: {csv: profiles.csv, column: load}
                """;
        Scenario s = ScenarioParser.parse(write(dir, text, PROFILES));
        Community.Manager m = s.communities().list().get(0).manager();
        assertThat(List.of(m.importPrice().at(0), m.importPrice().at(1), m.importPrice().at(2))).containsExactly(0.20, 0.25, 0.30);
        assertThat(m.importCap().at(2)).isEqualTo(2.0);
    }

    @Test
    void aScenarioGivenAsTextCannotNameAFile() {
        assertThatThrownBy(() -> ScenarioParser.parse(scenario("{csv: profiles.csv, column: pv_roof_3}", "1"), "t.yaml", false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("peers[0].pmax.csv = \"profiles.csv\": no such file (looked in no folder: the scenario was given as text");
    }

    private static String battery(String charge, String discharge) {
        return """
                name: b
                periods: 3
                units: {energy: MWh}
                peers:
                  - {id: g, cost: {a: 1, b: 0}, pmin: 0, pmax: 10}
                  - id: home
                    pmin: -1
                    pmax: -1
                    storage: {capacity: 5, charge_max: %s, discharge_max: %s, soc_initial: 0, soc_final: 0}
                """.formatted(charge, discharge);
    }

    @Test
    void storageLimitsTakeAListOrAColumn(@TempDir Path dir) throws Exception {
        Path file = write(dir, battery("{csv: profiles.csv, column: load, scale: 2}", "[0.5, 0, 2]"), PROFILES);
        Storage st = ScenarioParser.parse(file).storage().get("home");
        // MWh to kWh; charge is 2 x the load column 1.5, 1.25, 2
        assertThat(List.of(st.chargeMax().at(0), st.chargeMax().at(1), st.chargeMax().at(2))).containsExactly(3000.0, 2500.0, 4000.0);
        assertThat(List.of(st.dischargeMax().at(0), st.dischargeMax().at(1), st.dischargeMax().at(2))).containsExactly(500.0, 0.0, 2000.0);
        assertThat(st.capacity()).isEqualTo(5000.0);
        // a rolling window (periods 2-3) takes its own limits
        Storage cut = ScenarioParser.parse(file).window(1, 2, java.util.Map.of("home", new double[] {0, 0})).storage().get("home");
        assertThat(List.of(cut.dischargeMax().at(0), cut.dischargeMax().at(1))).containsExactly(0.0, 2000.0);
        assertThat(cut.chargeMax().at(1)).isEqualTo(4000.0);
    }

    @Test
    void badStorageLimitsNameTheFieldFileRowAndColumn(@TempDir Path dir) throws Exception {
        Path file = write(dir, battery("1", "{csv: profiles.csv, column: load}"), PROFILES + "4,1,1,1\n");
        assertThat(problems(file)).containsExactly(
                "peers[1].storage.discharge_max: profiles.csv column load has 4 rows; the scenario has 3 periods");
        write(dir, battery("{csv: profiles.csv, column: load}", "1"), PROFILES.replace("2,2.5,1.25", "2,2.5,x"));
        assertThat(problems(file)).containsExactly(
                "peers[1].storage.charge_max: profiles.csv row 2 column load = \"x\": not a number");
        write(dir, battery("{csv: profiles.csv, column: load, scale: -1}", "[1, 2]"), PROFILES);
        assertThat(problems(file)).containsExactly(
                "peers[1].storage.charge_max: profiles.csv row 1 column load = -1.5: must be >= 0",
                "peers[1].storage.discharge_max = [1,2]: has 2 values; the scenario has 3 periods (give one value per period, or a single number)");
    }
}
