package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void runsTheDefaultExampleAndWritesTheThreeFiles(@TempDir Path dir) throws Exception {
        Outcome o = run("run", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("five-peers: optimal").contains("welfare").contains("results: " + dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("optimal");
        assertThat(summary.get("periods").asInt()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("peers.csv"))).hasSize(1 + 3 * 5).first().isEqualTo("period,peer,p,mu");
        assertThat(Files.readAllLines(dir.resolve("trades.csv")).get(0)).isEqualTo("period,seller,buyer,quantity,price,charge");
    }

    @Test
    void runsBaroche(@TempDir Path dir) throws Exception {
        Outcome o = run("run", "baroche-2019", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("57.2343");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("units").get("energy").asText()).isEqualTo("MWh");
        assertThat(summary.get("by_period").get(0).get("price_min").asDouble()).isBetween(57.1, 57.3);
    }

    @Test
    void negotiatesBarocheAndWritesTheTrace(@TempDir Path dir) throws Exception {
        Outcome o = run("run", "baroche-2019-admm", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("baroche-2019-admm: optimal").contains("p2p/admm").contains("57.234")
                .contains("negotiation: primal residual");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("market").get("solver").asText()).isEqualTo("admm");
        assertThat(summary.get("solver").get("primal_residual").asDouble()).isLessThanOrEqualTo(1e-4);
        assertThat(summary.get("solver").get("dual_residual").asDouble()).isLessThanOrEqualTo(1e-4);
        assertThat(Files.readAllLines(dir.resolve("convergence.csv")).get(0))
                .isEqualTo("period,iteration,primal_residual,dual_residual,rho");
    }

    @Test
    void notConvergedIsAResultWithExitZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "name: n\nmarket: {solver: admm, max_iterations: 1}\n"
                + "peers: [{id: a, cost: {a: 1}, pmin: 0, pmax: 10}, {id: b, cost: {a: 1, b: 10}, pmin: -10, pmax: 0}]\n");
        Outcome o = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("n: not_converged").contains("cause: no agreement within 1 iterations");
    }

    @Test
    void admmOptionsForTheCentralSolverExitTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "name: c\nmarket: {solver: central, rho: 1}\npeers: [{id: a, pmin: 0, pmax: 0}]\n");
        Outcome o = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("market.rho = 1: only used by solver admm");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void runsAScenarioFileInJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, """
                {"name": "j", "peers": [{"id": "g", "cost": {"a": 1}, "pmin": 0, "pmax": 10},
                                       {"id": "c", "cost": {"a": 1, "b": 10}, "pmin": -10, "pmax": 0}]}
                """);
        Outcome o = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/peers.csv"))).contains("1,g,5,5", "1,c,-5,5");
    }

    @Test
    void badInputExitsTwoNamesTheFieldAndWritesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                peers:
                  - {id: a, pmin: 0, pmax: 1}
                  - {id: b, pmin: 0, pmax: 1}
                  - {id: c, pmin: 0, pmax: 1}
                  - {id: d, pmin: -1, pmax: 0, cost: {a: -1}}
                """);
        Path out = dir.resolve("out");
        Outcome o = run("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("peers[3].cost.a = -1: must be >= 0").contains("nothing was written");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownScenarioOrMechanismExitsTwo(@TempDir Path dir) throws Exception {
        assertThat(run("run", "no-such-thing").code()).isEqualTo(2);
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "name: m\nmarket: {type: p2p, solver: magic}\npeers: [{id: a, pmin: 0, pmax: 0}]\n");
        Outcome o = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("no such market mechanism 'p2p/magic'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void infeasibleMarketIsAResultNotACrash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("i.yaml");
        Files.writeString(file, "name: i\npeers: [{id: a, pmin: 1, pmax: 2}, {id: b, pmin: 1, pmax: 2}]\n");
        Outcome o = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("i: infeasible").contains("cause: peers a, b");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("infeasible");
    }

    @Test
    void listsAndPrintsExamples() {
        Outcome list = run("examples");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("five-peers").contains("baroche-2019").contains("baroche-2019-admm");
        Outcome one = run("example", "baroche-2019");
        assertThat(one.code()).isZero();
        assertThat(one.out()).contains("name: baroche-2019").contains("units: {energy: MWh");
        assertThat(run("example", "nope").code()).isEqualTo(2);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("run", "--bogus").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }
}
