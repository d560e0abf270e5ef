package org.peermarket.study.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peermarket.grid.Branch;
import org.peermarket.grid.Cases;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;
import org.peermarket.grid.RatingRule;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.flex.LfmInput;
import org.peermarket.market.flex.LfmResult;
import org.peermarket.market.flex.LocalFlexibilityMarket;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * The {@code peermarket lfm} files (docs/flexibility-market.md): R.csv {@code branch,rating_mw} (1-based branch
 * index in case order; branches not listed keep the case's RATE_A, 0 = unrated), I.csv {@code bus,p_mw} (net
 * injections before the LFM, buses not listed 0; the slack bus balances), B.csv
 * {@code id,bus,direction,quantity_mw,price} (up|down, price per MWh; an optional {@code indivisible} column,
 * true|false; a {@code peer} column, as in a study's bids.csv, is ignored). Writes summary.json, accepted.csv, lines.csv and prices.csv.
 */
public final class LfmFiles {
    public static final List<String> RATINGS = List.of("branch", "rating_mw");
    public static final List<String> INJECTIONS = List.of("bus", "p_mw");
    public static final List<String> BIDS = List.of("id", "bus", "direction", "quantity_mw", "price");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A read LFM case: the network, ratings, injections (case order, MW) and the market input built from them. */
    public record Case(GridCase grid, double[] ratingMw, double[] injectionMw, LfmInput input) {}

    private LfmFiles() {}

    public static Case read(String caseRef, Path ratings, Path injections, Path bids, boolean balanceNeutral) {
        GridCase grid = Cases.load(caseRef);
        List<Problem> problems = new ArrayList<>();
        double[] r = ratings(grid, ratings, problems);
        double[] p = injections(grid, injections, problems);
        List<FlexBid> b = bids(grid, bids, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Ptdf ptdf = Ptdf.of(grid);
        LfmInput in = new LfmInput(ptdf.matrix(), ptdf.flows(p), r, allLines(r.length), b, balanceNeutral);
        return new Case(grid, r, p, in);
    }

    public static boolean[] allLines(int n) {
        boolean[] m = new boolean[n];
        java.util.Arrays.fill(m, true);
        return m;
    }

    private static double[] ratings(GridCase grid, Path file, List<Problem> problems) {
        double[] r = new RatingRule.FromCase().ratings(grid, new double[grid.branches().size()]);
        CsvInput csv = CsvInput.read(file, RATINGS, List.of());
        Set<Integer> seen = new HashSet<>();
        for (CsvInput.Row row : csv.rows()) {
            int l = csv.integer(row, "branch");
            double v = csv.number(row, "rating_mw");
            if (l == Integer.MIN_VALUE || Double.isNaN(v)) {
                continue;
            }
            if (l < 1 || l > r.length) {
                csv.fail(row, "branch", String.valueOf(l), grid.name() + " has branches 1 to " + r.length);
            } else if (!seen.add(l)) {
                csv.fail(row, "branch", String.valueOf(l), "listed twice");
            } else if (!(v > 0)) {
                csv.fail(row, "rating_mw", csv.text(row, "rating_mw"), "must be > 0");
            } else {
                r[l - 1] = v;
            }
        }
        problems.addAll(csv.problems);
        return r;
    }

    private static double[] injections(GridCase grid, Path file, List<Problem> problems) {
        double[] p = new double[grid.buses().size()];
        CsvInput csv = CsvInput.read(file, INJECTIONS, List.of());
        Set<Integer> seen = new HashSet<>();
        for (CsvInput.Row row : csv.rows()) {
            int bus = csv.integer(row, "bus");
            double v = csv.number(row, "p_mw");
            if (bus == Integer.MIN_VALUE || Double.isNaN(v)) {
                continue;
            }
            if (!grid.hasBus(bus)) {
                csv.fail(row, "bus", String.valueOf(bus), "no such bus in " + grid.name());
            } else if (!seen.add(bus)) {
                csv.fail(row, "bus", String.valueOf(bus), "listed twice");
            } else {
                p[grid.index(bus)] = v;
            }
        }
        problems.addAll(csv.problems);
        return p;
    }

    private static List<FlexBid> bids(GridCase grid, Path file, List<Problem> problems) {
        CsvInput csv = CsvInput.read(file, BIDS, List.of("indivisible", "peer"));
        List<FlexBid> bids = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvInput.Row row : csv.rows()) {
            String id = csv.text(row, "id");
            int bus = csv.integer(row, "bus");
            String dir = csv.lower(row, "direction");
            double q = csv.number(row, "quantity_mw");
            double price = csv.number(row, "price");
            String ind = csv.lower(row, "indivisible");
            boolean good = true;
            if (id.isEmpty()) {
                csv.fail(row, "id", "", "must not be empty");
                good = false;
            } else if (!ids.add(id)) {
                csv.fail(row, "id", id, "listed twice");
                good = false;
            }
            if (bus != Integer.MIN_VALUE && !grid.hasBus(bus)) {
                csv.fail(row, "bus", String.valueOf(bus), "no such bus in " + grid.name());
                good = false;
            }
            if (!dir.equals("up") && !dir.equals("down")) {
                csv.fail(row, "direction", csv.text(row, "direction"), "must be up or down");
                good = false;
            }
            if (!Double.isNaN(q) && q < 0) {
                csv.fail(row, "quantity_mw", csv.text(row, "quantity_mw"), "must be >= 0");
                good = false;
            }
            if (!ind.isEmpty() && !ind.equals("true") && !ind.equals("false")) {
                csv.fail(row, "indivisible", csv.text(row, "indivisible"), "must be true or false");
                good = false;
            }
            if (good && bus != Integer.MIN_VALUE && !Double.isNaN(q) && !Double.isNaN(price)) {
                bids.add(new FlexBid(id, grid.index(bus), dir.equals("up") ? FlexBid.Direction.UP : FlexBid.Direction.DOWN,
                        q, price, ind.equals("true")));
            }
        }
        problems.addAll(csv.problems);
        return bids;
    }

    /** Writes the result files all or nothing. */
    public static void write(Case c, LfmResult r, Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("accepted.csv", acceptedCsv(c, r));
        files.put("lines.csv", linesCsv(c, r));
        if (r.optimal()) {
            files.put("prices.csv", pricesCsv(c, r));
        }
        files.put("summary.json", summaryJson(c, r));
        Staging.write(dir, files);
    }

    static String acceptedCsv(Case c, LfmResult r) {
        StringBuilder sb = new StringBuilder("id,quantity_mw\n");
        List<FlexBid> bids = c.input().bids();
        for (int b = 0; b < bids.size(); b++) {
            if (r.acceptedMw()[b] > 0) {
                sb.append(bids.get(b).id()).append(',').append(GridTables.number(r.acceptedMw()[b])).append('\n');
            }
        }
        return sb.toString();
    }

    static String linesCsv(Case c, LfmResult r) {
        StringBuilder sb = new StringBuilder("branch,from,to,rating,flow_before,flow_after,occupancy_before,"
                + "occupancy_after,overflow_after\n");
        for (int l = 0; l < c.ratingMw().length; l++) {
            Branch br = c.grid().branches().get(l);
            double rating = c.ratingMw()[l];
            boolean rated = Double.isFinite(rating) && rating > 0;
            double before = c.input().baseFlowMw()[l];
            double after = r.flowsAfterMw()[l];
            sb.append(l + 1).append(',').append(br.from()).append(',').append(br.to()).append(',')
                    .append(rated ? GridTables.number(rating) : "").append(',')
                    .append(GridTables.number(before)).append(',').append(GridTables.number(after)).append(',')
                    .append(rated ? GridTables.number(Math.abs(before) / rating) : "").append(',')
                    .append(rated ? GridTables.number(Math.abs(after) / rating) : "").append(',')
                    .append(rated ? GridTables.number(Math.max(0, Math.abs(after) - rating)) : "0").append('\n');
        }
        return sb.toString();
    }

    static String pricesCsv(Case c, LfmResult r) {
        StringBuilder sb = new StringBuilder("bus,price\n");
        for (int i = 0; i < r.locationalPrices().length; i++) {
            sb.append(c.grid().buses().get(i).number()).append(',').append(GridTables.number(r.locationalPrices()[i]))
                    .append('\n');
        }
        return sb.toString();
    }

    static String summaryJson(Case c, LfmResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", r.status().label());
        if (r.optimal()) {
            root.put("cost", r.cost());
        } else {
            root.putNull("cost");
        }
        root.put("congested_before", r.congestedBefore().size());
        root.put("congested_after", r.congestedAfter().size());
        var before = root.putArray("congested_branches_before");
        r.congestedBefore().forEach(l -> before.add(l + 1));
        var after = root.putArray("congested_branches_after");
        r.congestedAfter().forEach(l -> after.add(l + 1));
        if (!r.cause().isEmpty()) {
            root.put("cause", r.cause());
        }
        if (r.status() == org.peermarket.market.Status.INFEASIBLE) {
            root.put("least_overflow_mw", r.leastOverflowMw());
            root.put("cost_at_least_overflow", r.cost());
        }
        double up = 0;
        double down = 0;
        List<FlexBid> bids = c.input().bids();
        for (int b = 0; b < bids.size(); b++) {
            if (bids.get(b).direction() == FlexBid.Direction.UP) {
                up += r.acceptedMw()[b];
            } else {
                down += r.acceptedMw()[b];
            }
        }
        root.put("accepted_up_mw", up);
        root.put("accepted_down_mw", down);
        root.put("bids", bids.size());
        root.put("balance_neutral", c.input().balanceNeutral());
        root.put("solver", r.solver());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LfmResult clear(Case c) {
        return LocalFlexibilityMarket.clear(c.input());
    }
}
