package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct reading of instants against the JDK's {@link Instant#parse}, which decides. */
class InstantsTest {
    @Test
    void randomInstantsReadAsTheJdkReadsThem() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L)); // years 1 to 9999
            String text = at.toString();
            assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void handPickedDatesAroundLeapYearsAndTheEpoch() {
        assertThat(Instants.parse("1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(Instants.parse("2024-02-29T23:59:59Z").getEpochSecond()).isEqualTo(1_709_251_199L);
        assertThat(Instants.parse("2000-03-01T00:00:00Z").getEpochSecond()).isEqualTo(951_868_800L);
        assertThat(Instants.parse("2026-01-01T10:00:00Z").getEpochSecond()).isEqualTo(1_767_261_600L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T10:00:00.5Z", "2026-01-01T10:00:00+00:00", "+12026-01-01T10:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T10:00:00z"})
    void otherValidShapesAreLeftToTheJdk(String text) {
        assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T10:00:00Z", "2026-04-31T10:00:00Z",
        "2026-01-01T10:60:00Z", "2026-01-01T10:00:60Z", "2026-01-01 10:00:00Z", "2026-0a-01T10:00:00Z",
        "2026-01-01T10:00:00", ""})
    void whatTheJdkRefusesIsRefused(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
