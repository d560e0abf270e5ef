package org.peermarket.study.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.Checks;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.Rejection;
import org.peermarket.market.Convergence;
import org.peermarket.market.HorizonResult.MemberFlow;
import org.peermarket.market.Trade;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.Scenario;
import org.peermarket.study.files.ResultTable;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.Parallel;
import org.peermarket.study.files.ParquetTables;
import org.peermarket.study.files.Staging;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.Comparison;
import org.peermarket.ledger.JsonLines;
import org.peermarket.study.pipeline.LedgerPhase;
import org.peermarket.study.pipeline.Pipeline;
import org.peermarket.study.pipeline.Settled;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.ServiceStage;

/**
 * Writes a run's results in the scenario's own units: summary.json, peers.csv, trades.csv, the
 * settlement (settlement.csv, bills.csv; savings.csv with a tariff, allocation.csv with a sharing
 * rule), lines.csv when the scenario has a grid, a study's tables, and report.html
 * (docs/output-files.md). Files are written to a staging folder first and moved into place
 * only when all are complete, so a failed run leaves no half-written results.
 */
public final class ResultsWriter {
    public static final String SUMMARY = "summary.json";
    public static final String PEERS = "peers.csv";
    public static final String TRADES = "trades.csv";
    public static final String REJECTED = "rejected.csv";
    public static final String LINES = "lines.csv";
    public static final String SETTLEMENT = "settlement.csv";
    public static final String BILLS = "bills.csv";
    /** Written when the scenario has a tariff (and the peers' costs, i.e. no listed orders). */
    public static final String SAVINGS = "savings.csv";
    /** Written when the scenario has a sharing rule. */
    public static final String ALLOCATION = "allocation.csv";
    /** Written when the scenario has a VPP. */
    public static final String VPP = "vpp.csv";
    /** Written when the VPP bids in a balancing market (docs/vpp.md#balancing-bids). */
    public static final String BALANCING = "balancing.csv";
    /** Written for negotiated (ADMM) runs only. */
    public static final String CONVERGENCE = "convergence.csv";
    /** Community markets: each community's price, import and export per period. */
    public static final String COMMUNITIES = "communities.csv";
    /** Hybrid markets: each community's level, parent, price and net position per period. */
    public static final String LEVELS = "levels.csv";
    /** Runs with storage: each storage's schedule per period. */
    public static final String STORAGE = "storage.csv";
    /** The run's ledger, with run --ledger (docs/ledger.md#a-runs-ledger). */
    public static final String LEDGER = "ledger.jsonl";
    /** The readable report of every run (docs/reports.md). */
    public static final String REPORT = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {}

    /** Every result file of the run but report.html, by name; summary.json last. */
    public static Map<String, String> resultFiles(RunResult run) {
        return resultFiles(run, false);
    }

    /** As {@link #resultFiles(RunResult)}, with the run's ledger ({@code ledger.jsonl}) when {@code ledger}. */
    public static Map<String, String> resultFiles(RunResult run, boolean ledger) {
        // the settlement, the longest part of a long run, is made beside the market's own tables
        Parallel.Pair<Money, Map<String, String>> both = Parallel.both(() -> settlementFiles(run, ledger),
                () -> marketFiles(run));
        Map<String, String> files = new LinkedHashMap<>(both.second());
        files.putAll(both.first().files());
        files.put(SUMMARY, summaryJson(run, both.first().tables(), both.first().book()));
        return files;
    }

    /** The market's tables: peers, trades, rejections, lines, convergence, horizon, heat, study and service. */
    private static Map<String, String> marketFiles(RunResult run) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PEERS, peersCsv(run));
        files.put(TRADES, tradesCsv(run));
        if (run.isAuction()) {
            files.put(REJECTED, rejectedCsv(run));
        }
        run.grid().ifPresent(g -> files.put(LINES, GridResults.linesCsv(g)));
        if (run.negotiated()) {
            files.put(CONVERGENCE, convergenceCsv(run));
        }
        files.putAll(HorizonTables.files(run));
        files.putAll(HeatTables.files(run));
        files.putAll(StudyFiles.files(run));
        run.service().ifPresent(sr -> files.put(ServiceStage.FILE, ServiceStage.csv(sr, new UnitView(run.scenario()))));
        return files;
    }

    /** The settlement's tables, and the settlement itself for the summary (null when nothing cleared). */
    private record Money(SettlementTables tables, Map<String, String> files, Optional<LedgerPhase.Book> book) {}

    private static Money settlementFiles(RunResult run, boolean ledger) {
        Map<String, String> files = new LinkedHashMap<>();
        Settled settled = run.periods().isEmpty() ? null : Pipeline.of(run.scenario()).settle(run);
        SettlementTables money = settled == null ? null : new SettlementTables(settled);
        Optional<LedgerPhase.Book> book = ledger && settled != null ? Optional.of(new LedgerPhase().apply(settled))
                : Optional.empty();
        if (money != null) {
            files.put(SETTLEMENT, money.transactionsCsv());
            files.put(BILLS, money.billsCsv());
            if (money.hasSavings()) {
                files.put(SAVINGS, money.savingsCsv());
            }
            if (money.hasSharing()) {
                files.put(ALLOCATION, money.allocationCsv());
            }
            money.metering().ifPresent(m -> files.putAll(m.files(new UnitView(run.scenario()))));
            if (money.hasVpp()) {
                files.put(VPP, money.vppCsv());
            }
            if (money.hasBalancing()) {
                files.put(BALANCING, money.balancingCsv());
            }
        }
        book.ifPresent(b -> files.put(LEDGER, JsonLines.text(b.entries())));
        return new Money(money, files, book);
    }

    /** Every result file, each CSV also as Parquet (docs/output-files.md#parquet). */
    public static void write(RunResult run, Path dir) {
        write(run, dir, true);
    }

    /** As {@link #write(RunResult, Path)}; without the Parquet copies when {@code parquet} is false. */
    public static void write(RunResult run, Path dir, boolean parquet) {
        write(run, dir, parquet, false);
    }

    /** As {@link #write(RunResult, Path, boolean)}, with the run's ledger when {@code ledger} (run --ledger). */
    public static void write(RunResult run, Path dir, boolean parquet, boolean ledger) {
        Map<String, String> results = resultFiles(run, ledger);
        Map<String, Staging.TextFile> files = new LinkedHashMap<>();
        results.forEach((name, text) -> files.put(name, () -> text));
        files.remove(SUMMARY);
        files.put(REPORT, () -> RunReport.html(run, results)); // the report shows these very files' numbers
        files.put(SUMMARY, () -> results.get(SUMMARY)); // moved last, so a complete summary means complete results
        Staging.writeAll(dir, files, parquet ? ParquetTables.files(results) : Map.of());
    }

    static String summaryJson(RunResult run) {
        return summaryJson(run, null, Optional.empty());
    }

    static String summaryJson(RunResult run, SettlementTables money, Optional<LedgerPhase.Book> book) {
        Scenario s = run.scenario();
        UnitView u = new UnitView(s);
        ObjectNode root = JSON.createObjectNode();
        root.put("name", s.name());
        root.put("status", run.status().label());
        if (!run.cause().isEmpty()) {
            root.put("cause", run.cause());
        }
        putNumber(root, "objective", run.objective());
        putNumber(root, "welfare", 0.0 - run.objective());
        putNumber(root, "traded_volume", run.status().hasResult() ? u.numberQuantity(run.tradedVolumeKwh()) : Double.NaN);
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
        if (run.isAuction()) {
            auctionJson(run, market, root, u);
        }
        ObjectNode solver = root.putObject("solver");
        solver.put("name", run.solverName());
        solver.put("iterations", run.iterations());
        solver.put("seconds", Numbers.round(run.solverSeconds()));
        solver.put("polished", run.polished());
        putNumber(solver, "primal_residual", u.toQuantity(run.primalResidual()));
        putNumber(solver, "dual_residual", u.toPrice(run.dualResidual()));
        solver.put("messages", run.messages());
        run.grid().ifPresent(g -> root.set("grid", GridResults.summary(g, u)));
        run.horizon().ifPresent(h -> HorizonTables.summary(run, h, root, u));
        HeatTables.summary(run, root);
        run.study().ifPresent(st -> root.set("study", StudyFiles.summary(st, JSON)));
        run.service().ifPresent(sr -> ServiceStage.summary(sr, root, u));
        if (money != null && money.hasSharing()) {
            money.sharingJson(root);
        }
        if (money != null) {
            money.metering().ifPresent(m -> m.summary(root, u));
        }
        if (money != null && money.hasVpp()) {
            money.vppJson(root);
        }
        if (money != null && money.hasBalancing()) {
            money.balancingJson(root);
        }
        book.ifPresent(b -> {
            ObjectNode l = root.putObject("ledger");
            l.put("file", LEDGER);
            l.put("entries", b.entries().size());
            l.put("server_key", b.publicKey());
        });
        ArrayNode byPeriod = root.putArray("by_period");
        for (int t = 0; t < run.periods().size(); t++) {
            ObjectNode node = periodJson(run.periods().get(t), t, u);
            if (run.isAuction()) {
                AuctionResult a = run.auctions().get(t);
                node.put("rejected", a.rejected().size());
                putNumber(node, "clearing_price", u.toPrice(a.clearingPrice()));
                putNumber(node, "auctioneer_surplus", a.auctioneerSurplus());
            }
            byPeriod.add(node);
        }
        return toJson(root);
    }

    /** The auction's rules, its total auctioneer surplus and the comparison with central clearing. */
    private static void auctionJson(RunResult run, ObjectNode market, ObjectNode root, UnitView u) {
        Scenario s = run.scenario();
        AuctionSpec a = s.market().auction();
        if (s.market().type().equals("auction")) {
            market.put("pricing", a.pricing().label());
            market.put("k", a.k());
            market.put("ties", a.ties().label());
            if (a.ties() == AuctionSpec.Ties.RANDOM) {
                market.put("seed", a.seed());
            }
        }
        market.put("orders", s.orders().isEmpty() ? "generated" : "listed");
        if (s.orders().isEmpty()) {
            market.put("steps", a.steps());
        }
        putNumber(root, "auctioneer_surplus", run.auctions().stream().mapToDouble(AuctionResult::auctioneerSurplus).sum());
        Comparison c = run.comparison();
        if (c != null) {
            ObjectNode node = root.putObject("comparison");
            node.put("central_status", c.centralStatus());
            putNumber(node, "central_welfare", c.centralWelfare());
            putNumber(node, "auction_welfare", c.auctionWelfare());
            putNumber(node, "welfare_gap", c.welfareGap());
            putNumber(node, "central_price", u.toPrice(c.centralPrice()));
            putNumber(node, "auction_price", u.toPrice(c.auctionPrice()));
            putNumber(node, "price_gap", u.toPrice(c.priceGap()));
        }
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
        if (!r.hasResult()) {
            node.put("cause", r.cause());
            return node;
        }
        putNumber(node, "objective", r.objective());
        node.put("traded_volume", u.numberQuantity(r.tradedVolume()));
        node.put("trades", r.trades().size());
        node.put("iterations", r.solver().iterations());
        node.put("polished", r.solver().polished());
        putNumber(node, "price_min", u.numberPrice(r.minPrice()));
        putNumber(node, "price_max", u.numberPrice(r.maxPrice()));
        Checks c = r.checks();
        ObjectNode checks = node.putObject("checks");
        putNumber(checks, "balance", u.toQuantity(c.balance()));
        putNumber(checks, "bounds", u.toQuantity(c.bounds()));
        putNumber(checks, "dual_feasibility", u.toPrice(c.dualFeasibility()));
        putNumber(checks, "stationarity", u.toPrice(c.stationarity()));
        putNumber(checks, "complementarity", u.toPrice(c.complementarity()));
        putNumber(checks, "duality_gap", c.dualityGap());
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
        boolean members = !run.scenario().communities().isEmpty();
        List<String> ids = run.scenario().peers().stream().map(p -> csv(p.id())).toList();
        Map<String, Integer> index = run.scenario().indexById();
        MemberFlow[][] flows =
                new MemberFlow[run.periods().size()][ids.size()];
        run.horizon().ifPresent(h -> h.members().stream().filter(m -> index.containsKey(m.member())) // peers only, not sub-communities
                .forEach(m -> flows[m.period()][index.get(m.member())] = m));
        return Parallel.text(members ? "period,peer,p,mu,q,alpha,beta\n" : "period,peer,p,mu\n", run.periods().size(), 64,
                (from, to, out) -> {
                    for (int t = from; t < to; t++) {
                        ClearingResult r = run.periods().get(t);
                        if (r.hasResult()) {
                            peerRows(t, r, ids, members ? flows[t] : null, u, out);
                        }
                    }
                });
    }

    /** Period t's row of every peer; with {@code flows}, its pool flows too (empty cells where it has none). */
    private static void peerRows(int t, ClearingResult r, List<String> ids, MemberFlow[] flows,
                                 UnitView u, StringBuilder out) {
        double[] p = r.p();
        double[] mu = r.mu();
        for (int n = 0; n < p.length; n++) {
            out.append(t + 1).append(',').append(ids.get(n)).append(',').append(u.quantity(p[n])).append(',').append(u.price(mu[n]));
            if (flows != null) {
                var f = flows[n];
                out.append(f == null ? ",,," : "," + u.quantity(f.q()) + "," + u.quantity(f.alpha()) + "," + u.quantity(f.beta()));
            }
            out.append('\n');
        }
    }

    static String tradesCsv(RunResult run) {
        UnitView u = new UnitView(run.scenario());
        StringBuilder out = new StringBuilder("period,seller,buyer,quantity,price,charge\n");
        for (int t = 0; t < run.periods().size(); t++) {
            for (Trade tr : run.periods().get(t).trades()) {
                out.append(t + 1).append(',').append(csv(run.agent(tr.seller()))).append(',')
                        .append(csv(run.agent(tr.buyer()))).append(',').append(u.quantity(tr.quantity())).append(',')
                        .append(u.price(tr.price())).append(',').append(u.price(tr.charge())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * What the auction refused: orders (after gate closure, unfillable fill-or-kill, nothing to
     * cancel) and matches the acceptance rule refused, each with the reason.
     */
    static String rejectedCsv(RunResult run) {
        UnitView u = new UnitView(run.scenario());
        StringBuilder out = new StringBuilder("period,seller,buyer,quantity,price,reason\n");
        List<String> ids = run.scenario().peers().stream().map(p -> p.id()).toList();
        for (int t = 0; t < run.auctions().size(); t++) {
            for (Rejection r : run.auctions().get(t).rejected()) {
                out.append(t + 1).append(',').append(r.seller() < 0 ? "" : csv(ids.get(r.seller()))).append(',')
                        .append(r.buyer() < 0 ? "" : csv(ids.get(r.buyer()))).append(',').append(u.quantity(r.quantity()))
                        .append(',').append(u.price(r.price())).append(',').append(csv(r.reason())).append('\n');
            }
        }
        return out.toString();
    }

    static void putNumber(ObjectNode node, String key, double v) {
        Numbers.putNumber(node, key, v);
    }

    static String csv(String text) {
        return ResultTable.quote(text);
    }

    private static String toJson(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
