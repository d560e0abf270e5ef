package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The community, hybrid and seed-004 examples from the command line. */
class CommunityCliTest {

    @Test
    void examplesListTheNewOnes() {
        CliTest.Outcome list = CliTest.run("examples");
        assertThat(list.out()).contains("community-basic").contains("hybrid-nested").contains("moreno-5peer")
                .contains("moreno-17peer");
        CliTest.Outcome cases = CliTest.run("example", "moreno-5peer");
        assertThat(cases.out()).contains("case-1").contains("name: moreno-5peer-case-1").contains("name: moreno-5peer-case-2");
    }

    @Test
    void moreno5PeerWritesOneFolderPerCase(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("run", "moreno-5peer", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(dir.resolve("case-1/summary.json")).exists();
        assertThat(dir.resolve("case-2/communities.csv")).exists();
        assertThat(Files.readAllLines(dir.resolve("case-2/peers.csv")).get(0)).isEqualTo("period,peer,p,mu,q,alpha,beta");
        assertThat(Files.readAllLines(dir.resolve("case-2/communities.csv")).get(0))
                .isEqualTo("period,community,price,import,export");
    }

    @Test
    void storageWithAnAuctionExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                market: {type: auction}
                peers:
                  - {id: a, pmin: 0, pmax: 1, storage: {capacity: 1, charge_max: 1, discharge_max: 1, soc_final: 0}}
                  - {id: b, pmin: -1, pmax: 0}
                """);
        CliTest.Outcome o = CliTest.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("peers[0].storage: needs a market that clears the horizon jointly");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBadStorageLimitColumnExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("limits.csv"), "hour,discharge\n1,1\n2,abc\n3,2\n");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                periods: 3
                peers:
                  - {id: g, cost: {a: 1}, pmin: 0, pmax: 10}
                  - {id: home, pmin: -1, pmax: -1, storage: {capacity: 5, charge_max: 1, discharge_max: {csv: limits.csv, column: discharge}, soc_final: 0}}
                """);
        CliTest.Outcome o = CliTest.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("peers[1].storage.discharge_max: limits.csv row 2 column discharge = \"abc\": not a number");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
