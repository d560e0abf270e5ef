package org.peermarket.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in profiles against closed forms (docs/scenario-format.md, Profiles). */
class ProfilesTest {

    @Test
    void declinationIsCoopersFormulaAtTheSolsticesAndEquinoxes() {
        // 360 (284 + n) / 365 = 90 deg at n = 172.25 and 270 deg at n = 355.25
        assertThat(Profiles.declination(172)).isCloseTo(23.45, offset(0.01));
        assertThat(Profiles.declination(355)).isCloseTo(-23.45, offset(0.01));
        assertThat(Profiles.declination(81)).isCloseTo(0.0, offset(0.01));
    }

    @Test
    void solarNoonElevationIs90MinusLatitudeMinusDeclination() {
        for (double lat : new double[] {55.7, 40, 0, -33.9}) {
            for (int day : new int[] {1, 81, 172, 266, 355}) {
                double want = 90 - Math.abs(lat - Profiles.declination(day));
                assertThat(Profiles.elevation(lat, day, 12)).as(lat + " " + day).isCloseTo(want, offset(1e-9));
            }
        }
    }

    @Test
    void pvIsZeroAtNightAndFollowsHaurwitzAtNoon() {
        // day 172 at 55.7 N: sunrise near 3.4 h, sunset near 20.6 h (solar time)
        double[] pv = Profiles.pv(5, 55.7, 172, 24, 1);
        for (int h : new int[] {0, 1, 2, 21, 22, 23}) {
            assertThat(pv[h]).as("hour " + h).isEqualTo(0.0);
        }
        // period 12 is 11:00-12:00, sampled at 11:30; hand: elevation from the formulas, then Haurwitz
        double d = Math.toRadians(23.45 * Math.sin(Math.toRadians(360.0 * (284 + 172) / 365)));
        double phi = Math.toRadians(55.7);
        double cosZ = Math.sin(phi) * Math.sin(d) + Math.cos(phi) * Math.cos(d) * Math.cos(Math.toRadians(-7.5));
        double ghi = 1098 * cosZ * Math.exp(-0.057 / cosZ);
        assertThat(pv[11]).isCloseTo(5 * ghi / 1000, offset(1e-12));
        // symmetric about solar noon
        assertThat(pv[11]).isCloseTo(pv[12], offset(1e-12));
        // the polar night: no sun at 80 N in December
        assertThat(Arrays.stream(Profiles.pv(5, 80, 355, 24, 1)).sum()).isEqualTo(0.0);
    }

    @Test
    void aResidentialYearUsesItsAnnualEnergyAndIsAboveZero() {
        double[] load = Profiles.residential(4000, 1, 8760, 1);
        assertThat(Arrays.stream(load).sum()).isCloseTo(4000, offset(1e-8));
        assertThat(Arrays.stream(load).min().getAsDouble()).isGreaterThan(0);
        // a year that starts elsewhere is the same year rotated: same total
        assertThat(Arrays.stream(Profiles.residential(4000, 200, 8760, 1)).sum()).isCloseTo(4000, offset(1e-8));
        // half-hour periods: the same total, each period half the energy of its hour
        double[] half = Profiles.residential(4000, 1, 17520, 0.5);
        assertThat(Arrays.stream(half).sum()).isCloseTo(4000, offset(1e-8));
        // the evening peak is above the night's load
        assertThat(load[19]).isGreaterThan(2 * load[3]);
    }

    @Test
    void aCommercialLoadIsHigherOnWeekdaysInWorkingHours() {
        double[] load = Profiles.commercial(50000, 1, 8760, 1);
        assertThat(Arrays.stream(load).sum()).isCloseTo(50000, offset(1e-6));
        // day 1 is a Monday: Monday noon against Saturday (day 6) noon, same season factor to 1e-3
        assertThat(load[12]).isGreaterThan(3 * load[5 * 24 + 12]);
    }

    @Test
    void theDayAheadPriceAveragesItsMeanOverAYear() {
        double[] price = Profiles.dayAheadPrice(0.1, 0.3, 0.1, 1, 8760, 1);
        assertThat(Arrays.stream(price).average().getAsDouble()).isCloseTo(0.1, offset(1e-12));
        // each day's shape has a zero mean, so a day averages mean * (1 + seasonal * cos(...))
        double day1 = Arrays.stream(price, 0, 24).average().getAsDouble();
        assertThat(day1).isCloseTo(0.1 * (1 + 0.1 * Math.cos(2 * Math.PI * (1 - 15) / 365)), offset(1e-12));
        // the evening peak is the day's largest swing: 0.1 * (1 + 0.3 + seasonal)
        double max = Arrays.stream(price, 0, 24).max().getAsDouble();
        assertThat(max).isCloseTo(0.1 * (1 + 0.3 + 0.1 * Math.cos(2 * Math.PI * (1 - 15) / 365)), offset(1e-12));
    }

    @Test
    void aScenarioNamesProfilesInItsOwnUnits() {
        String text = """
                name: p
                periods: 24
                units: {energy: MWh}
                peers:
                  - id: pv
                    pmin: 0
                    pmax: {profile: pv, peak: 5, latitude: 55.7, start_day: 172}
                  - id: home
                    cost: {a: 0, b: {profile: day_ahead_price, mean: 100}}
                    pmin: {profile: residential, annual_kwh: 4000, scale: -1}
                    pmax: 0
                """;
        Scenario s = ScenarioParser.parse(text, "p.yaml", false);
        double[] pv = Profiles.pv(5, 55.7, 172, 24, 1);
        double[] load = Profiles.residential(4000, 1, 24, 1);
        for (int t = 0; t < 24; t++) {
            // kW and kWh whatever the file's unit: the file's MWh hold the same kWh
            assertThat(s.peers().get(0).pmax().at(t)).isCloseTo(pv[t], offset(1e-9));
            assertThat(s.peers().get(1).pmin().at(t)).isCloseTo(-load[t], offset(1e-9));
        }
        assertThat(s.peers().get(1).cost().b().at(0)).isCloseTo(Profiles.dayAheadPrice(100, 0.3, 0.1, 1, 1, 1)[0] / 1000,
                offset(1e-12));
    }

    @Test
    void badProfileParametersAreNamed() {
        String text = """
                name: p
                periods: 2
                peers:
                  - id: pv
                    pmin: 0
                    pmax: {profile: pv, peak: -1, latitude: 95, start_day: 400}
                  - id: home
                    pmin: {profile: windy, annual_kwh: 1}
                    pmax: {profile: residential}
                """;
        List<String> problems = ScenarioParserTest.problems(text);
        assertThat(problems).containsExactly(
                "peers[0].pmax.start_day = 400: must be a day of the year, 1 to 365",
                "peers[0].pmax.peak = -1: must be >= 0",
                "peers[0].pmax.latitude = 95: must be between -90 and 90",
                "peers[1].pmin.profile = \"windy\": must be one of [commercial, day_ahead_price, pv, residential]",
                "peers[1].pmax.annual_kwh: is required");
    }
}
