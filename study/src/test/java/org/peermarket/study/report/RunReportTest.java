package org.peermarket.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peermarket.model.Scenario;
import org.peermarket.model.ScenarioParser;
import org.peermarket.study.Examples;
import org.peermarket.study.Runner;
import org.peermarket.study.files.Html;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.ServiceStage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class RunReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As ResultsWriterTest: MC_g = p, WTP = 10 - x, pref 2 on g's sales: g sells 4 kWh to c at 6 EUR/kWh. */
    private static Scenario twoPeers(boolean mwh) {
        double f = mwh ? 1000 : 1;
        String text = String.format(Locale.ROOT, """
                name: two
                units: {energy: %s}
                peers:
                  - {id: g, cost: {a: %s, b: 0}, pmin: 0, pmax: %s, prefs: {c: %s}}
                  - {id: c, cost: {a: %s, b: %s}, pmin: %s, pmax: 0}
                """, mwh ? "MWh" : "kWh", 1 * f * f, 10 / f, 2 * f, 1 * f * f, 10 * f, -10 / f);
        return ScenarioParser.parse(text, "two.yaml", false);
    }

    @Test
    void showsTheHandSolvedTwoPeerMarketInEitherUnit(@TempDir Path dir) throws Exception {
        for (boolean mwh : new boolean[] {false, true}) {
            double f = mwh ? 1000 : 1;
            Path out = dir.resolve(mwh ? "mwh" : "kwh");
            ResultsWriter.write(Runner.run(twoPeers(mwh)), out);
            String html = Files.readString(out.resolve(ResultsWriter.REPORT));
            Map<String, List<String>> kpis = ReportNumbers.read(html);
            // objective 0.5*16 + (0.5*16 - 40) + 2*4 = -16 EUR; 4 kWh at lambda = mu_g + 2 = 6 EUR/kWh: 24 EUR
            assertValue(kpis, "objective", -16);
            assertValue(kpis, "welfare", 16);
            assertValue(kpis, "traded_volume", 4 / f);
            assertValue(kpis, "min.by_period.price_min", 4 * f);
            assertValue(kpis, "max.by_period.price_max", 6 * f);
            assertValue(kpis, "peer.g.net_position", 4 / f);
            assertValue(kpis, "peer.c.net_position", -4 / f);
            assertValue(kpis, "peer.g.received", 24);
            assertValue(kpis, "peer.c.paid", 24);
            assertValue(kpis, "peer.c.net_payment", -24);
            assertThat(kpis.get("status")).containsExactly("optimal");
            assertThat(html).contains("Summary (money in EUR, energy in " + (mwh ? "MWh" : "kWh") + ", prices in EUR/"
                    + (mwh ? "MWh" : "kWh") + ")");
        }
    }

    static List<String> examples() {
        return Examples.names();
    }

    /** Every number the report marks equals summary.json, peers.csv, trades.csv or lines.csv, recomputed here from the files. */
    @ParameterizedTest
    @MethodSource("examples")
    void everyMarkedNumberEqualsTheResultFiles(String name, @TempDir Path dir) throws Exception {
        RunResult run = Runner.run(Examples.load(name).orElseThrow());
        ResultsWriter.write(run, dir);
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        Document doc = parseXml(html);
        JsonNode summary = JSON.readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        Map<String, List<String>> kpis = domKpis(doc);
        assertThat(kpis).isEqualTo(ReportNumbers.read(html));
        assertThat(ReportNumbers.assertMatchSummary(kpis, summary)).as("numbers compared").isGreaterThan(5);
        if (!run.periods().isEmpty()) { // a study of scenarios has no market of its own
            assertPeersMatchCsv(kpis, dir);
        }
        if (Files.exists(dir.resolve(ResultsWriter.LINES))) {
            assertLinesMatchCsv(kpis, dir);
        }
        int fromFiles = ReportNumbers.assertMatchFiles(kpis, dir);
        if (Files.exists(dir.resolve(ResultsWriter.BILLS))) {
            assertThat(fromFiles).as("numbers compared with the CSV files").isGreaterThan(5);
        }
        assertThat(sections(doc)).containsAll(expectedSections(run, dir));
    }

    /** Each section whose data the run has: from the run, and from the files written. */
    private static Set<String> expectedSections(RunResult run, Path dir) {
        Set<String> s = expectedSections(run);
        Map<String, String> byFile = Map.of(ResultsWriter.BILLS, "bills", ResultsWriter.ALLOCATION, "sharing",
                ResultsWriter.VPP, "vpp", ResultsWriter.STORAGE, "storage", ResultsWriter.COMMUNITIES, "communities",
                StudyFiles.KPIS, "study", StudyFiles.LFM, "flexibility", StudyFiles.CONGESTION, "flexibility",
                ServiceStage.FILE, "service");
        byFile.forEach((file, section) -> {
            if (Files.exists(dir.resolve(file))) {
                s.add(section);
            }
        });
        return s;
    }

    private static Set<String> expectedSections(RunResult run) {
        Set<String> s = new TreeSet<>(List.of("summary"));
        if (!run.periods().isEmpty()) {
            s.addAll(List.of("periods", "peers"));
        }
        if (run.tradedVolumeKwh() > 0) {
            s.add("network");
        }
        if (run.grid().isPresent()) {
            s.add("lines");
        }
        if (run.negotiated()) {
            s.add("convergence");
        }
        if (run.isAuction()) {
            s.add("auction");
        }
        return s;
    }

    @Test
    void sectionsWithoutDataAreLeftOut(@TempDir Path dir) throws Exception {
        RunResult five = Runner.run(Examples.load("five-peers").orElseThrow());
        assertThat(sections(parseXml(RunReport.html(five)))).containsExactly("summary", "periods", "network", "peers", "bills");
        Scenario nobodyBuys = ScenarioParser.parse("""
                name: nobody-buys
                peers:
                  - {id: g, cost: {a: 1, b: 0}, pmin: 1, pmax: 2}
                  - {id: h, cost: {a: 1, b: 0}, pmin: 0, pmax: 2}
                """, "x.yaml", false);
        RunResult infeasible = Runner.run(nobodyBuys);
        assertThat(infeasible.status().hasResult()).isFalse();
        ResultsWriter.write(infeasible, dir);
        String html = Files.readString(dir.resolve(ResultsWriter.REPORT));
        assertThat(sections(parseXml(html))).containsExactly("summary");
        assertThat(html).contains(Html.escape(infeasible.cause()));
        ReportNumbers.assertMatchSummary(ReportNumbers.read(html), JSON.readTree(dir.resolve(ResultsWriter.SUMMARY).toFile()));
        assertThat(ReportNumbers.read(html).get("objective")).containsExactly("—");
    }

    @Test
    void aNewSectionIsOneClassAndOneListEntry() throws Exception {
        RunResult run = Runner.run(Examples.load("five-peers").orElseThrow());
        List<ReportSection> sections = new ArrayList<>(RunReport.SECTIONS);
        sections.add(new TestSection("soc", true));
        sections.add(new TestSection("never", false));
        Document doc = parseXml(RunReport.html(run, sections));
        assertThat(sections(doc)).endsWith("bills", "soc").doesNotContain("never");
        assertThat(RunReport.html(run, sections)).contains("<a href=\"#soc\">State of charge</a>", "<h2 id=\"soc\">State of charge (kWh)</h2>");
    }

    @Test
    void isSelfContainedAndDeterministic() {
        for (String name : List.of("five-peers", "feeder-33bw", "baroche-2019-admm", "auction-five-peers")) {
            RunResult run = Runner.run(Examples.load(name).orElseThrow());
            String html = RunReport.html(run);
            assertThat(RunReport.html(run)).as(name + " rendered twice").isEqualTo(html);
            assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).as(name)
                    .doesNotContain("http:", "https:", "<script", "<link", " src=", "@import", "url(http");
            assertThat(html.split("<svg ", -1).length - 1).as(name + ": charts").isGreaterThanOrEqualTo(3);
        }
    }

    private static void assertValue(Map<String, List<String>> kpis, String key, double expected) {
        assertThat(kpis).containsKey(key);
        for (String shown : kpis.get(key)) {
            ReportNumbers.assertClose(key, Double.parseDouble(shown), expected);
        }
    }

    /** Net positions from peers.csv; money from trades.csv: price x quantity to the seller, (price + charge) x quantity from the buyer. */
    private static void assertPeersMatchCsv(Map<String, List<String>> kpis, Path dir) throws Exception {
        Map<String, double[]> byPeer = new HashMap<>(); // net, sold, bought, received, paid
        for (String[] row : csv(dir.resolve(ResultsWriter.PEERS))) {
            byPeer.computeIfAbsent(row[1], k -> new double[5])[0] += Double.parseDouble(row[2]);
        }
        for (String[] row : csv(dir.resolve(ResultsWriter.TRADES))) {
            double q = Double.parseDouble(row[3]);
            double price = Double.parseDouble(row[4]);
            double charge = Double.parseDouble(row[5]);
            // a hybrid market's trade may have a community or the outside grid on one side: only peers are reported
            double[] seller = byPeer.getOrDefault(row[1], new double[5]);
            double[] buyer = byPeer.getOrDefault(row[2], new double[5]);
            seller[1] += q;
            buyer[2] += q;
            seller[3] += q * price;
            buyer[4] += q * (price + charge);
        }
        String[] names = {"net_position", "sold", "bought", "received", "paid"};
        int checked = 0;
        for (var e : byPeer.entrySet()) {
            for (int i = 0; i < names.length; i++) {
                String key = "peer." + e.getKey() + "." + names[i];
                assertThat(kpis).as(key).containsKey(key);
                ReportNumbers.assertClose(key, Double.parseDouble(kpis.get(key).get(0)), e.getValue()[i]);
                checked++;
            }
            String net = "peer." + e.getKey() + ".net_payment";
            ReportNumbers.assertClose(net, Double.parseDouble(kpis.get(net).get(0)), e.getValue()[3] - e.getValue()[4]);
        }
        assertThat(checked).isPositive();
    }

    /** Each listed line's occupancy, flow and overflow are those lines.csv has for that period and branch. */
    private static void assertLinesMatchCsv(Map<String, List<String>> kpis, Path dir) throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        for (String[] row : csv(dir.resolve(ResultsWriter.LINES))) {
            rows.put(row[0] + "." + row[1], row);
        }
        int checked = 0;
        for (var e : kpis.entrySet()) {
            if (!e.getKey().startsWith("line.")) {
                continue;
            }
            String[] k = e.getKey().split("\\.");
            String[] row = rows.get(k[1] + "." + k[2]);
            assertThat(row).as(e.getKey()).isNotNull();
            int column = switch (k[3]) {
                case "flow" -> 4;
                case "occupancy" -> 6;
                default -> 7;
            };
            assertThat(e.getValue().get(0)).as(e.getKey()).isEqualTo(row[column]);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static List<String[]> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    /** The report is well-formed XML: the JDK's parser reads it. */
    static Document parseXml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    static List<String> sections(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("section");
        for (int i = 0; i < all.getLength(); i++) {
            out.add(((Element) all.item(i)).getAttribute("data-section"));
        }
        return out;
    }

    private static Map<String, List<String>> domKpis(Document doc) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("data-kpi")) {
                out.computeIfAbsent(e.getAttribute("data-kpi"), k -> new ArrayList<>()).add(e.getTextContent());
            }
        }
        return out;
    }

    private record TestSection(String id, boolean applies) implements ReportSection {
        @Override
        public String title(ReportContext c) {
            return id.equals("soc") ? "State of charge (" + c.energy() + ")" : "Bills";
        }

        @Override
        public boolean applies(ReportContext c) {
            return applies;
        }

        @Override
        public void render(ReportContext c, Html out) {
            out.paragraph("test");
        }
    }
}
