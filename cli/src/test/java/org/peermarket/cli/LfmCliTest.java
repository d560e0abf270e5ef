package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peermarket lfm} on a 4-bus radial chain 1 - 2 - 3 - 4 (slack 1) with 2 MW and 4 MW taken at buses 3 and
 * 4: branch 2 (2-3) carries 6 MW against a rating of 5. Solved by hand: the cheapest relief is 1 MW up at bus 3
 * (40/MWh), balanced by 1 MW down at the slack (5/MWh): cost 45 (see LocalFlexibilityMarketTest for the duals).
 */
class LfmCliTest {
    static final String CHAIN = """
            function mpc = chain
            mpc.version = '2';
            mpc.baseMVA = 10;
            mpc.bus = [
                1 3 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                2 1 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                3 1 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                4 1 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
            ];
            mpc.gen = [
                1 0 0 10 -10 1 100 1 10 0;
            ];
            mpc.branch = [
                1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;
                2 3 0.01 0.03 0 0 0 0 0 0 1 -360 360;
                3 4 0.02 0.01 0 0 0 0 0 0 1 -360 360;
            ];
            """;

    static Path[] files(Path dir, String bids) throws Exception {
        Path c = Files.writeString(dir.resolve("chain.m"), CHAIN);
        Path r = Files.writeString(dir.resolve("R.csv"), "branch,rating_mw\n1,10\n2,5\n3,10\n");
        Path i = Files.writeString(dir.resolve("I.csv"), "bus,p_mw\n3,-2\n4,-4\n");
        Path b = Files.writeString(dir.resolve("B.csv"), bids);
        return new Path[] {c, r, i, b};
    }

    static CliTest.Outcome lfm(Path[] f, Path out) {
        return CliTest.run("lfm", "--case", f[0].toString(), "--ratings", f[1].toString(), "--injections",
                f[2].toString(), "--bids", f[3].toString(), "--out", out.toString());
    }

    @Test
    void clearsTheHandSolvedChain(@TempDir Path dir) throws Exception {
        Path[] f = files(dir, "id,bus,direction,quantity_mw,price\nA,4,up,3,50\nB,3,up,3,40\nC,2,down,5,10\nD,1,down,5,5\n");
        Path out = dir.resolve("out");
        CliTest.Outcome o = lfm(f, out);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("status").asText()).isEqualTo("optimal");
        assertThat(s.get("cost").asDouble()).isCloseTo(45, within(1e-9));
        assertThat(s.get("congested_before").asInt()).isEqualTo(1);
        assertThat(s.get("congested_after").asInt()).isZero();
        assertThat(Files.readAllLines(out.resolve("accepted.csv"))).containsExactly("id,quantity_mw", "B,1.0", "D,1.0");
        assertThat(Files.readAllLines(out.resolve("lines.csv"))).hasSize(4);
        assertThat(Files.readAllLines(out.resolve("lines.csv")).get(2)).startsWith("2,2,3,5.0,6.0,5.0,");
    }

    @Test
    void infeasibleIsAResult(@TempDir Path dir) throws Exception {
        Path[] f = files(dir, "id,bus,direction,quantity_mw,price\nB,3,up,0.5,40\nD,1,down,5,5\n");
        Path out = dir.resolve("out");
        CliTest.Outcome o = lfm(f, out);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("status").asText()).isEqualTo("infeasible");
        assertThat(s.get("cost").isNull()).isTrue();
        assertThat(s.get("least_overflow_mw").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(s.get("congested_after").asInt()).isEqualTo(1);
    }

    @Test
    void badCsvNamesFileLineAndFieldAndWritesNothing(@TempDir Path dir) throws Exception {
        Path[] f = files(dir, "id,bus,direction,quantity_mw,price\nB,3,up,3,40\nD,1,sideways,-5,5\nE,99,up,1,x\n");
        Path out = dir.resolve("out");
        CliTest.Outcome o = lfm(f, out);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("B.csv:3 direction = sideways").contains("B.csv:3 quantity_mw = -5")
                .contains("B.csv:4 bus = 99").contains("B.csv:4 price = x");
        assertThat(out).doesNotExist();
    }
}
