package org.peermarket.study.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.peermarket.study.files.Staging;
import org.peermarket.study.pipeline.StudyResults;
import org.peermarket.study.report.StudyFiles;

/**
 * A sweep's files: {@code draws.csv} (every draw's KPIs per scenario, lfm_cost {@code infeasible} when so),
 * {@code distribution.csv} (mean and quantiles per scenario and KPI), {@code wins.csv} (how often each scenario
 * beats s0 and s1), {@code histograms.csv} (equal bins per scenario and KPI) and {@code sweep.json} (distribution,
 * wins and histograms with the sweep's settings).
 */
public final class SweepFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepFiles() {}

    public static void write(Sweep.Result r, Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("draws.csv", drawsCsv(r));
        files.put("distribution.csv", distributionCsv(r));
        files.put("wins.csv", winsCsv(r));
        files.put("histograms.csv", histogramsCsv(r));
        files.put("sweep.json", json(r));
        Staging.write(dir, files);
    }

    static String drawsCsv(Sweep.Result r) {
        StringBuilder sb = new StringBuilder("draw,").append(StudyFiles.KPI_HEADER).append('\n');
        for (Sweep.Point p : r.points()) {
            sb.append(p.draw()).append(',').append(p.scenario()).append(',').append(p.congestedLines()).append(',')
                    .append(StudyFiles.num(p.overflowSum())).append(',').append(StudyFiles.num(p.overflowWeightedAvg()))
                    .append(',').append(p.feasible() ? StudyFiles.num(p.lfmCost()) : "infeasible").append(',')
                    .append(StudyFiles.num(p.p2pVolume())).append('\n');
        }
        return sb.toString();
    }

    static String distributionCsv(Sweep.Result r) {
        StringBuilder sb = new StringBuilder("scenario,kpi,n,mean,p05,p25,p50,p75,p95\n");
        for (Sweep.Stats s : r.stats()) {
            sb.append(s.scenario()).append(',').append(s.kpi()).append(',').append(s.n());
            for (double v : new double[] {s.mean(), s.p05(), s.p25(), s.p50(), s.p75(), s.p95()}) {
                sb.append(',').append(Double.isNaN(v) ? "" : StudyFiles.num(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String histogramsCsv(Sweep.Result r) {
        StringBuilder sb = new StringBuilder("scenario,kpi,bin,lo,hi,count\n");
        for (Sweep.Bin b : r.histograms()) {
            sb.append(b.scenario()).append(',').append(b.kpi()).append(',').append(b.bin()).append(',')
                    .append(StudyFiles.num(b.lo())).append(',').append(StudyFiles.num(b.hi())).append(',')
                    .append(b.count()).append('\n');
        }
        return sb.toString();
    }

    static String winsCsv(Sweep.Result r) {
        StringBuilder sb = new StringBuilder(
                "scenario,infeasible_share,beats_s0_cost,beats_s1_cost,beats_s0_overflow,beats_s1_overflow\n");
        for (Sweep.Wins w : r.wins()) {
            sb.append(w.scenario()).append(',').append(StudyFiles.num(w.infeasibleShare())).append(',')
                    .append(StudyFiles.num(w.beatsS0Cost())).append(',').append(StudyFiles.num(w.beatsS1Cost()))
                    .append(',').append(StudyFiles.num(w.beatsS0Overflow())).append(',')
                    .append(StudyFiles.num(w.beatsS1Overflow())).append('\n');
        }
        return sb.toString();
    }

    static String json(Sweep.Result r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", r.name());
        root.put("draws", r.draws());
        root.put("seed", r.seed());
        var dist = root.putArray("distribution");
        for (Sweep.Stats s : r.stats()) {
            ObjectNode n = dist.addObject();
            n.put("scenario", s.scenario());
            n.put("kpi", s.kpi());
            n.put("n", s.n());
            put(n, "mean", s.mean());
            put(n, "p05", s.p05());
            put(n, "p25", s.p25());
            put(n, "p50", s.p50());
            put(n, "p75", s.p75());
            put(n, "p95", s.p95());
        }
        var wins = root.putArray("wins");
        for (Sweep.Wins w : r.wins()) {
            ObjectNode n = wins.addObject();
            n.put("scenario", w.scenario());
            n.put("infeasible_share", w.infeasibleShare());
            n.put("beats_s0_cost", w.beatsS0Cost());
            n.put("beats_s1_cost", w.beatsS1Cost());
            n.put("beats_s0_overflow", w.beatsS0Overflow());
            n.put("beats_s1_overflow", w.beatsS1Overflow());
        }
        var bins = root.putArray("histograms");
        for (Sweep.Bin b : r.histograms()) {
            ObjectNode n = bins.addObject();
            n.put("scenario", b.scenario());
            n.put("kpi", b.kpi());
            n.put("bin", b.bin());
            put(n, "lo", b.lo());
            put(n, "hi", b.hi());
            n.put("count", b.count());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, StudyResults.round(v));
        }
    }

    /** The printed table: mean LFM cost and congestion per scenario, infeasible share and wins. */
    public static String table(Sweep.Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: %d draws, seed %d%n", r.name(), r.draws(),
                r.seed()));
        // grid points have long names (case69/incentive/theta=0.8/w=0.2): the first column fits the longest
        int width = Math.max(9, r.scenarios().stream().mapToInt(String::length).max().orElse(0));
        b.append(String.format(Locale.ROOT, "  %-" + width + "s %10s %12s %12s %11s %9s %9s%n", "scenario", "congested",
                "LFM cost", "P2P MW", "infeasible", "beats s0", "beats s1"));
        for (Sweep.Wins w : r.wins()) {
            double congested = mean(r, w.scenario(), "congested_lines");
            double cost = mean(r, w.scenario(), "lfm_cost");
            double volume = mean(r, w.scenario(), "p2p_volume");
            b.append(String.format(Locale.ROOT, "  %-" + width + "s %10.2f %12.4f %12.4f %10.1f%% %8.1f%% %8.1f%%%n",
                    w.scenario(),
                    congested, cost, volume, 100 * w.infeasibleShare(), 100 * w.beatsS0Cost(), 100 * w.beatsS1Cost()));
        }
        b.append("  (means; LFM cost over feasible draws; beats = lower LFM cost, infeasible counting as worst)\n");
        return b.toString();
    }

    private static double mean(Sweep.Result r, String scenario, String kpi) {
        return r.stats().stream().filter(s -> s.scenario().equals(scenario) && s.kpi().equals(kpi))
                .mapToDouble(Sweep.Stats::mean).findFirst().orElse(Double.NaN);
    }
}
