package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void writesEachCsvFileAsParquetUnlessToldNot(@TempDir Path dir) throws Exception {
        Outcome o = run("run", "--out", dir.resolve("with").toString());
        assertThat(o.code()).as(o.err()).isZero();
        for (String name : List.of("peers", "trades", "settlement", "bills")) {
            assertThat(dir.resolve("with/parquet/" + name + ".parquet")).isNotEmptyFile();
        }
        try (var left = Files.list(dir.resolve("with"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging-"));
        }
        Outcome without = run("run", "--no-parquet", "--out", dir.resolve("without").toString());
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(dir.resolve("without/peers.csv")).exists();
        assertThat(dir.resolve("without/parquet")).doesNotExist();
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
    void badBalancingBidsExitTwoAndWriteNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.yaml");
        String yaml = org.peermarket.study.Examples.text("vpp-balancing").orElseThrow()
                .replace("{quantity: 2, price: 0.30}", "{quantity: -1, price: 0.30}")
                .replace("direction: down", "direction: across");
        Files.writeString(file, yaml);
        Path out = dir.resolve("out");
        Outcome o = run("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("vpp.aggregators[1].bids[0].steps[1].quantity = -1: must be >= 0")
                .contains("vpp.aggregators[1].bids[1].direction = \"across\": must be up or down")
                .contains("nothing was written");
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

    // s1 sells 3 @0.10; b1 buys 2 (trades 2 @0.10); s1's rest is repriced to 0.11 (new
    // priority); the FAK for 5 @0.20 takes that 1 @0.11 and drops the rest.
    @Test
    void replaysAnOrderStreamFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stream.csv");
        Files.writeString(file, """
                time,period,action,id,ref,peer,side,kind,quantity,price
                1,1,,s1,,pv,sell,,3,0.10
                2,1,,b1,,flat,buy,,2,0.12
                3,1,modify,m1,s1,,,,1,0.11
                4,1,,b2,,shop,buy,fak,5,0.2
                9,1,,b3,,shop,buy,,1,0.3
                """);
        Outcome o = run("cda", "replay", file.toString(), "--gate", "5", "--out", dir.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/trades.csv"))).containsExactly(
                "period,seller,buyer,quantity,price,charge", "1,pv,flat,2,0.1,0", "1,pv,shop,1,0.11,0");
        assertThat(Files.readAllLines(dir.resolve("out/rejected.csv"))).containsExactly(
                "period,seller,buyer,quantity,price,reason", "1,,shop,1,0.3,after gate closure at 5");
    }

    @Test
    void badOrdersExitTwoNamingLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "time,peer,side,quantity,price\n1,a,hold,1,0.1\n");
        Outcome o = run("cda", "replay", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("bad.csv line 2 side = \"hold\": must be buy or sell");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void gridPtdfWritesOneRowPerBranchAndOneColumnPerBus(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ptdf.csv");
        Outcome o = run("grid", "ptdf", "--case", "case14", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        var lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + 20);
        assertThat(lines.get(0)).isEqualTo("branch,1,2,3,4,5,6,7,8,9,10,11,12,13,14");
        assertThat(lines.get(1)).startsWith("1,0,-0.838018649617");
        assertThat(lines.get(20).split(",")).hasSize(15).startsWith("20");
    }

    @Test
    void gridDcpfOfAFeederCarriesTheWholeLoadOnTheFirstBranch(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dc.csv");
        Outcome o = run("grid", "dcpf", "--case", "case69", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        var lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("branch,from,to,flow_mw");
        String[] first = lines.get(1).split(",");
        assertThat(first[0] + "," + first[1] + "," + first[2]).isEqualTo("1,1,2");
        // case69's loads add up to 3802.1 kW
        assertThat(Double.parseDouble(first[3])).isCloseTo(3.8021, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void gridAcpfWritesVoltagesPerBus(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ac.csv");
        Outcome o = run("grid", "acpf", "--case", "case33bw", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        var lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + 33);
        assertThat(lines.get(0)).isEqualTo("bus,vm_pu,va_deg");
        assertThat(lines.get(1)).isEqualTo("1,1.0,0");
        assertThat(Double.parseDouble(lines.get(18).split(",")[1])).isCloseTo(0.9131, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void gridWithABadCaseExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("x.csv");
        Outcome o = run("grid", "ptdf", "--case", "case9999", "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("not a built-in case");
        Path bad = dir.resolve("bad.m");
        Files.writeString(bad, "function mpc = bad\nmpc.version = '2';\nmpc.baseMVA = 100;\nmpc.bus = [1 3 0 0 0 0 1 1 0 0 1 1 1; 2 1];\n");
        o = run("grid", "dcpf", "--case", bad.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("bad.m line 4, mpc.bus row 2");
        assertThat(out).doesNotExist();
    }

    @Test
    void runsTheFeederExampleWithItsGridCheck(@TempDir Path dir) throws Exception {
        Outcome o = run("run", "feeder-33bw", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        var lines = Files.readAllLines(dir.resolve("lines.csv"));
        assertThat(lines.get(0)).isEqualTo("period,branch,from,to,flow,rating,occupancy,overflow");
        assertThat(lines).hasSize(1 + 2 * 37);
        JsonNode grid = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("grid");
        assertThat(grid.get("case").asText()).isEqualTo("case33bw");
        assertThat(grid.get("by_period")).hasSize(2);
        assertThat(grid.get("congested_lines").asInt()).isPositive();
    }

    @Test
    void comparesTwoRunsAndRefusesAFolderThatIsNoOutput(@TempDir Path dir) throws Exception {
        assertThat(run("run", "--out", dir.resolve("a").toString()).code()).isZero();
        assertThat(run("run", "feeder-33bw", "--out", dir.resolve("b").toString()).code()).isZero();
        assertThat(dir.resolve("a").resolve("report.html")).isNotEmptyFile();
        Path report = dir.resolve("compare.html");
        Outcome ok = run("compare", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out", report.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("compared 2 columns: five-peers, feeder-33bw").contains("report: " + report);
        assertThat(Files.readString(report)).contains("data-kpi=\"congested_lines\" data-column=\"1\"");
        Path other = dir.resolve("other.html");
        Outcome bad = run("compare", dir.resolve("a").toString(), dir.toString(), "--out", other.toString());
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("DIR[1] = " + dir + ": not a run's output folder");
        assertThat(other).doesNotExist();
    }

    @Test
    void quietIsAcceptedBeforeAndAfterTheCommand(@TempDir Path dir) {
        try {
            Outcome before = run("--quiet", "run", "--out", dir.resolve("a").toString());
            assertThat(before.code()).as(before.err()).isZero();
            assertThat(before.err()).isEmpty();
            Outcome after = run("run", "--quiet", "--out", dir.resolve("b").toString());
            assertThat(after.code()).as(after.err()).isZero();
            assertThat(org.peermarket.study.pipeline.Progress.shown()).isFalse();
        } finally {
            org.peermarket.study.pipeline.Progress.setQuiet(false);
        }
    }

    /**
     * A combination refused for its reason (docs/combinations.md, R3 and R4) exits 2 naming the field and the value,
     * and writes nothing; a community under the same charge runs.
     */
    @Test
    void aRefusedCombinationExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        String peers = "peers:\n  - {id: s1, bus: 2, cost: {b: 0.02}, pmin: 0, pmax: 3}\n"
                + "  - {id: b1, bus: 18, cost: {b: 0.30}, pmin: -2, pmax: 0}\n";
        String head = "name: combo\nperiods: 1\nunits: {energy: kWh, currency: EUR}\n"
                + "grid: {case: case33bw}\ndso: {policy: charge, charge: {type: unique, fee: 0.01}}\n";
        Path auction = Files.writeString(dir.resolve("auction.yaml"), head + "market: {type: auction}\n" + peers);
        Outcome bad = run("run", auction.toString(), "--out", dir.resolve("a").toString());
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("dso.policy = charge").contains("matches orders at the prices they state");
        assertThat(dir.resolve("a")).doesNotExist();

        Path hybrid = Files.writeString(dir.resolve("hybrid.yaml"), head.replace("policy: charge, charge: {type: unique,"
                + " fee: 0.01}", "policy: constrained") + "market: {type: hybrid, solver: decomposed}\n"
                + "communities:\n  - {id: c, members: [s1, b1], manager: {fee: 0.01}}\n" + peers);
        Outcome refused = run("run", hybrid.toString(), "--out", dir.resolve("h").toString());
        assertThat(refused.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.err()).contains("dso.policy = constrained").contains("use hybrid/joint");
        assertThat(dir.resolve("h")).doesNotExist();

        Path community = Files.writeString(dir.resolve("community.yaml"), head + "market: {type: community}\n"
                + "communities:\n  - {id: c, members: [s1, b1], manager: {fee: 0.01, import_price: 0.25,"
                + " export_price: 0.05}}\n" + peers);
        Outcome ok = run("run", community.toString(), "--out", dir.resolve("c").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readString(dir.resolve("c").resolve("settlement.csv"))).contains("grid_charge");
    }
}
