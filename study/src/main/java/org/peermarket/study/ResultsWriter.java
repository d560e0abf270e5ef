package org.peermarket.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Convergence;
import org.peermarket.market.Trade;
import org.peermarket.model.Scenario;

/**
 * Writes a run's results in the scenario's own units: summary.json, peers.csv, trades.csv
 * (docs/output-files.md). Files are written to a staging folder first and moved into place
 * only when all are complete, so a failed run leaves no half-written results.
 */
public final class ResultsWriter {
    public static final String SUMMARY = "summary.json";
    public static final String PEERS = "peers.csv";
    public static final String TRADES = "trades.csv";
    /** Written for negotiated (ADMM) runs only. */
    public static final String CONVERGENCE = "convergence.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {}

    public static void write(RunResult run, Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PEERS, peersCsv(run));
        files.put(TRADES, tradesCsv(run));
        if (run.negotiated()) {
            files.put(CONVERGENCE, convergenceCsv(run));
        }
        files.put(SUMMARY, summaryJson(run));
        try {
            Files.createDirectories(dir);
            Path staging = Files.createTempDirectory(dir, ".staging-");
            try {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Files.writeString(staging.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
                for (String name : files.keySet()) {
                    Files.move(staging.resolve(name), dir.resolve(name),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                try (var left = Files.list(staging)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    static String summaryJson(RunResult run) {
        Scenario s = run.scenario();
        UnitView u = new UnitView(s);
        ObjectNode root = JSON.createObjectNode();
        root.put("name", s.name());
        root.put("status", run.status().label());
        if (!run.cause().isEmpty()) {
            root.put("cause", run.cause());
        }
        putNumber(root, "objective", run.objective());
        putNumber(root, "welfare", -run.objective());
        root.put("traded_volume", u.numberQuantity(run.tradedVolumeKwh()));
        root.put("periods", s.periods());
        root.put("period_hours", s.periodHours());
        ObjectNode units = root.putObject("units");
        units.put("energy", s.units().energy().symbol());
        units.put("currency", s.units().currency());
        units.put("price", s.units().price());
        ObjectNode market = root.putObject("market");
        market.put("type", s.market().type());
        market.put("solver", s.market().solver());
        market.put("peers", s.peers().size());
        market.put("trading_pairs", run.tradeEdges() / 2);
        ObjectNode solver = root.putObject("solver");
        solver.put("name", run.periods().isEmpty() ? "" : run.periods().get(0).solver().name());
        solver.put("iterations", run.iterations());
        solver.put("seconds", Numbers.round(run.solverSeconds()));
        solver.put("polished", run.polished());
        putNumber(solver, "primal_residual", u.toQuantity(run.primalResidual()));
        putNumber(solver, "dual_residual", u.toPrice(run.dualResidual()));
        solver.put("messages", run.messages());
        ArrayNode byPeriod = root.putArray("by_period");
        for (int t = 0; t < run.periods().size(); t++) {
            byPeriod.add(periodJson(run.periods().get(t), t, u));
        }
        return toJson(root);
    }

    private static ObjectNode periodJson(ClearingResult r, int t, UnitView u) {
        ObjectNode node = JSON.createObjectNode();
        node.put("period", t + 1);
        node.put("status", r.status().label());
        r.solver().negotiation().ifPresent(c -> {
            node.put("iterations", r.solver().iterations());
            putNumber(node, "primal_residual", u.toQuantity(c.primalResidual()));
            putNumber(node, "primal_residual_max", u.toQuantity(c.primalMax()));
            putNumber(node, "dual_residual", u.toPrice(c.dualResidual()));
            node.put("messages", c.messages());
        });
        if (!r.optimal()) {
            node.put("cause", r.cause());
            return node;
        }
        putNumber(node, "objective", r.objective());
        node.put("traded_volume", u.numberQuantity(r.tradedVolume()));
        node.put("trades", r.trades().size());
        node.put("iterations", r.solver().iterations());
        node.put("polished", r.solver().polished());
        node.put("price_min", u.numberPrice(r.minPrice()));
        node.put("price_max", u.numberPrice(r.maxPrice()));
        Checks c = r.checks();
        ObjectNode checks = node.putObject("checks");
        checks.put("balance", u.numberQuantity(c.balance()));
        checks.put("bounds", u.numberQuantity(c.bounds()));
        checks.put("dual_feasibility", u.numberPrice(c.dualFeasibility()));
        checks.put("stationarity", u.numberPrice(c.stationarity()));
        checks.put("complementarity", u.numberPrice(c.complementarity()));
        checks.put("duality_gap", Numbers.round(c.dualityGap()));
        return node;
    }

    /** One row per negotiation iteration: residuals reached and the rho that iteration used. */
    static String convergenceCsv(RunResult run) {
        UnitView u = new UnitView(run.scenario());
        StringBuilder out = new StringBuilder("period,iteration,primal_residual,dual_residual,rho\n");
        for (int t = 0; t < run.periods().size(); t++) {
            Convergence c = run.periods().get(t).solver().convergence();
            for (int k = 0; c != null && k < c.traceLength(); k++) {
                out.append(t + 1).append(',').append(k + 1).append(',')
                        .append(Numbers.format(u.toQuantity(c.primalAt(k))))
                        .append(',').append(Numbers.format(u.toPrice(c.dualAt(k)))).append(',')
                        .append(Numbers.format(u.toRho(c.rhoAt(k)))).append('\n');
            }
        }
        return out.toString();
    }

    static String peersCsv(RunResult run) {
        UnitView u = new UnitView(run.scenario());
        StringBuilder out = new StringBuilder("period,peer,p,mu\n");
        List<String> ids = run.scenario().peers().stream().map(p -> p.id()).toList();
        for (int t = 0; t < run.periods().size(); t++) {
            ClearingResult r = run.periods().get(t);
            if (!r.optimal()) {
                continue;
            }
            double[] p = r.p();
            double[] mu = r.mu();
            for (int n = 0; n < p.length; n++) {
                out.append(t + 1).append(',').append(csv(ids.get(n))).append(',')
                        .append(u.quantity(p[n])).append(',').append(u.price(mu[n])).append('\n');
            }
        }
        return out.toString();
    }

    static String tradesCsv(RunResult run) {
        UnitView u = new UnitView(run.scenario());
        StringBuilder out = new StringBuilder("period,seller,buyer,quantity,price,charge\n");
        List<String> ids = run.scenario().peers().stream().map(p -> p.id()).toList();
        for (int t = 0; t < run.periods().size(); t++) {
            for (Trade tr : run.periods().get(t).trades()) {
                out.append(t + 1).append(',').append(csv(ids.get(tr.seller()))).append(',')
                        .append(csv(ids.get(tr.buyer()))).append(',').append(u.quantity(tr.quantity())).append(',')
                        .append(u.price(tr.price())).append(',').append(u.price(tr.charge())).append('\n');
            }
        }
        return out.toString();
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, Numbers.round(v));
        } else {
            node.putNull(key);
        }
    }

    private static String csv(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String toJson(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
