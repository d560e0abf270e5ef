package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad meter readings in a scenario (docs/metering.md#readings): exit 2, each named by file, line and column, nothing written. */
class MeteringCliTest {

    @Test
    void badReadingsExitTwoNamingFileLineAndColumnAndWriteNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("meters.csv"), """
                peer,period,injection,withdrawal
                pv,1,60,0
                house,1,0,-5
                ghost,1,0,3
                pv,,0,1
                """);
        Path file = dir.resolve("street.yaml");
        Files.writeString(file, """
                name: street
                periods: 1
                peers:
                  - {id: pv, cost: {a: 0.002, b: 0.02}, pmin: 0, pmax: 80}
                  - {id: house, cost: {a: 0.01, b: 0.30}, pmin: -60, pmax: -60}
                metering:
                  readings: meters.csv
                  imbalance: {pricing: single, price: 0.2}
                """);
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.run("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("metering.readings[meters.csv:3].withdrawal = -5: must be a finite number from 0 to")
                .contains("metering.readings[meters.csv:4].peer = ghost: is not a peer id")
                .contains("metering.readings[meters.csv:5].period = : must be a period number from 1 to 1")
                .contains("nothing was written");
        assertThat(out).doesNotExist();
    }
}
