package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.SequentialTest;

/**
 * The report sections of the settlement, storage, communities, VPP, study and flexibility results: each is there
 * when the run has its data and shows numbers that agree with a hand calculation or an identity recomputed here.
 */
class ReportSectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run written to {@code dir}: its report's marked numbers (already checked against the files) and sections. */
    private record Written(Map<String, List<String>> kpis, List<String> sections, JsonNode summary) {
        double number(String key) {
            assertThat(kpis).as(key).containsKey(key);
            return Double.parseDouble(kpis.get(key).get(0));
        }

        String text(String key) {
            assertThat(kpis).as(key).containsKey(key);
            return kpis.get(key).get(0);
        }
    }

    private static Written write(RunResult run, Path dir) throws Exception {
        ResultsWriter.write(run, dir);
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        Map<String, List<String>> kpis = ReportNumbers.read(html);
        JsonNode summary = JSON.readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        ReportNumbers.assertMatchSummary(kpis, summary);
        ReportNumbers.assertMatchFiles(kpis, dir);
        return new Written(kpis, RunReportTest.sections(RunReportTest.parseXml(html)), summary);
    }

    private static Written example(String name, Path dir) throws Exception {
        return write(Runner.run(Examples.load(name).orElseThrow()), dir);
    }

    /** Hand-solved two peers (RunReportTest): g sells 4 kWh to c at 6 EUR/kWh, so g's bill is +24.00 and c's -24.00. */
    @Test
    void billsOfTheHandSolvedMarket(@TempDir Path dir) throws Exception {
        Written w = write(Runner.run(ScenarioParser.parse("""
                name: two
                peers:
                  - {id: g, cost: {a: 1, b: 0}, pmin: 0, pmax: 10, prefs: {c: 2}}
                  - {id: c, cost: {a: 1, b: 10}, pmin: -10, pmax: 0}
                """, "two.yaml", false)), dir);
        assertThat(w.sections()).contains("bills").doesNotContain("sharing", "vpp", "storage", "communities", "study",
                "flexibility");
        assertThat(w.text("csv|bills.csv|net|actor=g|kind=peer|item=energy_trade")).isEqualTo("24.00");
        assertThat(w.text("csv|bills.csv|net|actor=c|kind=peer|item=energy_trade")).isEqualTo("-24.00");
        assertThat(w.text("csv|bills.csv|paid|actor=c|kind=peer|item=total")).isEqualTo("24.00");
        assertThat(w.text("csv|bills.csv|net|actor=(all)|kind=system|item=total")).isEqualTo("0.00");
    }

    /** solar-street: savings = stand-alone cost - market cost per peer, and every sharing rule pays out the whole gain. */
    @Test
    void savingsAndSharing(@TempDir Path dir) throws Exception {
        Written w = example("solar-street", dir);
        assertThat(w.sections()).contains("bills", "sharing");
        for (String peer : List.of("pv", "chp", "home-1", "home-2", "heat-pump")) {
            String k = "csv|savings.csv|%s|peer=" + peer;
            assertThat(w.number(k.formatted("savings")))
                    .isCloseTo(w.number(k.formatted("standalone_cost")) - w.number(k.formatted("market_cost")),
                            org.assertj.core.api.Assertions.within(1e-9));
            assertThat(w.text(k.formatted("individually_rational"))).isEqualTo("true");
        }
        double gain = w.number("sharing.gain");
        assertThat(gain).isPositive();
        for (String rule : List.of("equal", "contribution", "shapley", "needs", "renewable")) {
            double sum = 0;
            for (String peer : List.of("pv", "chp", "home-1", "home-2", "heat-pump")) {
                sum += w.number("csv|allocation.csv|share|rule=" + rule + "|peer=" + peer);
            }
            assertThat(sum).as(rule + ": shares add up to the gain").isCloseTo(gain, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(w.text("sharing.rules.equal.jain_index")).isEqualTo("1"); // equal shares: Jain index 1
    }

    /**
     * vpp-community (hand-solved in its comments): the battery (efficiencies 1, empty at start) follows
     * soc_t = soc_t-1 + charge - discharge within [0, 4]; the VPP sells 3 kWh for a gain of 3 x (0.40 - 0.25) = 0.45
     * EUR; the manager's books balance.
     */
    @Test
    void storageVppAndCommunities(@TempDir Path dir) throws Exception {
        Written w = example("vpp-community", dir);
        assertThat(w.sections()).contains("bills", "communities", "storage", "vpp").doesNotContain("sharing");
        double soc = 0;
        for (int t = 1; t <= 4; t++) {
            String k = "csv|storage.csv|%s|period=" + t + "|peer=pv";
            soc += w.number(k.formatted("charge")) - w.number(k.formatted("discharge"));
            assertThat(w.number(k.formatted("soc"))).as("soc at " + t).isCloseTo(soc, org.assertj.core.api.Assertions.within(1e-9))
                    .isBetween(0.0, 4.0);
        }
        assertThat(soc).isZero(); // soc_final: 0
        assertThat(w.number("vpp.sold")).isEqualTo(3);
        assertThat(w.number("vpp.gain")).isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-9));
        double gain = 0;
        for (int t = 1; t <= 4; t++) {
            gain += w.number("csv|vpp.csv|revenue|period=" + t) - w.number("csv|vpp.csv|supplier_change|period=" + t);
        }
        assertThat(gain).isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-9));
        assertBooks(w, "street", dir.resolve(ResultsWriter.COMMUNITIES));
    }

    /** hybrid-nested: both communities' books balance, their imports sum communities.csv, the per-level table is shown. */
    @Test
    void hybridCommunities(@TempDir Path dir) throws Exception {
        Written w = example("hybrid-nested", dir);
        assertThat(w.sections()).contains("communities").doesNotContain("storage", "vpp");
        assertBooks(w, "district", dir.resolve(ResultsWriter.COMMUNITIES));
        assertBooks(w, "block", dir.resolve(ResultsWriter.COMMUNITIES));
        assertThat(w.kpis()).containsKey("csv|levels.csv|parent_price|period=1|community=block");
    }

    /** Members' payments = fees + outside payments + rent; import and export are the sums over communities.csv. */
    private static void assertBooks(Written w, String community, Path communitiesCsv) {
        String k = "communities." + community + ".";
        assertThat(w.text(k + "balanced")).isEqualTo("true");
        assertThat(w.number(k + "member_payments")).isCloseTo(w.number(k + "fees") + w.number(k + "outside_payments")
                + w.number(k + "rent"), org.assertj.core.api.Assertions.within(0.01));
        double imports = 0;
        double exports = 0;
        for (List<String> row : ReportNumbers.readCsv(communitiesCsv).subList(1, ReportNumbers.readCsv(communitiesCsv).size())) {
            if (row.get(1).equals(community)) {
                imports += Double.parseDouble(row.get(3));
                exports += Double.parseDouble(row.get(4));
            }
        }
        assertThat(w.number(k + "import")).isCloseTo(imports, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(w.number(k + "export")).isCloseTo(exports, org.assertj.core.api.Assertions.within(1e-9));
    }

    /**
     * euniversal-case69: the ratings are drawn so that exactly branches 44 (44-45) and 67 (12-68) are over their
     * rating in the base case (docs/euniversal-study.md), so s0 (no P2P) lists those two above the rating before
     * the LFM, and the LFM brings both to at most the rating; an infeasible LFM is shown as such.
     */
    @Test
    void studyOfScenarios(@TempDir Path dir) throws Exception {
        Written w = example("euniversal-case69", dir);
        assertThat(w.sections()).containsExactly("summary", "study");
        assertThat(w.text("csv|kpis.csv|congested_lines|scenario=s0")).isEqualTo("2");
        assertThat(w.text("csv|kpis.csv|p2p_volume|scenario=s0")).isEqualTo("0");
        for (String branch : List.of("44", "67")) {
            assertThat(w.number("csv|occupancy.csv|before|scenario=s0|branch=" + branch)).isGreaterThan(1);
            assertThat(w.number("csv|occupancy.csv|after|scenario=s0|branch=" + branch)).isLessThanOrEqualTo(1 + 1e-9);
        }
        assertThat(w.kpis().keySet().stream().filter(k -> k.startsWith("csv|occupancy.csv|before|scenario=s0|")))
                .hasSize(2);
        for (JsonNode sc : w.summary().path("study").path("scenarios")) {
            String name = sc.path("scenario").asText();
            String cost = w.text("csv|kpis.csv|lfm_cost|scenario=" + name);
            assertThat(cost.equals("infeasible")).as(name).isEqualTo(sc.path("lfm_status").asText().equals("infeasible"));
        }
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        assertThat(html.split("class=\"small-multiple\"", -1).length - 1).isEqualTo(7);
    }

    /**
     * The 4-bus chain of SequentialTest (solved by hand there): after pv's 3 MWh sale, the LFM accepts 1 MW of
     * pv-down and 1 MW of slack-up for 8 + 45 = 53 EUR.
     */
    @Test
    void flexibilityAfterTheMarket(@TempDir Path dir) throws Exception {
        RunResult run = Runner.run(ScenarioParser.parse(SequentialTest.scenario(SequentialTest.chain(dir), ""), "chain.yaml", false));
        Written w = write(run, dir.resolve("out"));
        assertThat(w.sections()).contains("lines", "flexibility");
        assertThat(w.number("study.lfm.0.cost")).isEqualTo(53);
        assertThat(w.text("study.lfm.0.status")).isEqualTo("optimal");
        assertThat(w.number("csv|lfm.csv|accepted_mw|period=1|id=pv-down")).isEqualTo(1);
        assertThat(w.number("csv|lfm.csv|accepted_mw|period=1|id=slack-up")).isEqualTo(1);
        assertThat(w.kpis()).doesNotContainKey("csv|lfm.csv|accepted_mw|period=1|id=pv-up"); // nothing accepted: not listed
    }

    /**
     * The constrained policy on the chain (hand-solved in SequentialTest): pv's energy price mu is 50 EUR/MWh, its
     * congestion component 10 - 50 = -40, so its nodal price is its marginal cost 10; the flat at the slack has none.
     */
    @Test
    void congestionComponents(@TempDir Path dir) throws Exception {
        String text = SequentialTest.scenario(SequentialTest.chain(dir), "dso: {policy: constrained}\n")
                .replace("study: {steps: [p2p, lfm]}\n", "").replaceAll("(?s)flexibility:.*?(?=dso:)", "");
        Written w = write(Runner.run(ScenarioParser.parse(text, "c.yaml", false)), dir.resolve("out"));
        assertThat(w.sections()).contains("flexibility");
        assertThat(w.number("csv|congestion.csv|mu|period=1|peer=pv")).isCloseTo(50, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(w.number("csv|congestion.csv|congestion|period=1|peer=pv")).isCloseTo(-40, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(w.number("csv|congestion.csv|nodal_price|period=1|peer=pv")).isCloseTo(10, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(w.number("csv|congestion.csv|congestion|period=1|peer=flat")).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-9));
    }

    /** The file check can fail: a shown number that differs from its cell, or a key that picks no row. */
    @Test
    void theFileCheckCatchesAWrongNumber(@TempDir Path dir) throws Exception {
        example("vpp-community", dir);
        Map<String, List<String>> wrong = Map.of("csv|storage.csv|soc|period=2|peer=pv", List.of("3"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportNumbers.assertMatchFiles(wrong, dir))
                .isInstanceOf(AssertionError.class);
        Map<String, List<String>> noRow = Map.of("csv|storage.csv|soc|period=9|peer=pv", List.of("0"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportNumbers.assertMatchFiles(noRow, dir))
                .isInstanceOf(AssertionError.class);
        assertThat(ReportNumbers.assertMatchFiles(Map.of("csv|storage.csv|soc|period=2|peer=pv", List.of("4")), dir)).isEqualTo(1);
    }
}
