package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code metering} key (docs/metering.md): readings inline or from a CSV file named relative to the
 * scenario, baseline rules, imbalance prices and losses. Every problem names its field path (a CSV row as
 * {@code metering.readings[FILE:LINE].column}) and value.
 */
final class MeteringSection {
    static final List<String> CSV_REQUIRED = List.of("peer", "period", "injection", "withdrawal");
    static final List<String> CSV_OPTIONAL = List.of("date", "quality");
    private static final Set<String> KEYS = Set.of("date", "readings", "baselines", "imbalance", "losses");
    private static final Set<String> QUALITIES = Set.of("measured", "estimated");

    private final FieldReader r;
    private final ScenarioFiles files;

    MeteringSection(FieldReader r, ScenarioFiles files) {
        this.r = r;
        this.files = files;
    }

    /** A raw reading: its cells by column and the path that names it in errors. */
    private record Row(String path, Map<String, String> cells, JsonNode node) {}

    Optional<MeteringSpec> read(JsonNode node, List<String> ids, double kwhPerUnit, boolean hasGrid) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("metering", node, "must be a mapping such as {readings: meters.csv}");
            return Optional.empty();
        }
        r.unknownKeys(node, "metering", KEYS);
        Optional<LocalDate> date = date(node.get("date"), "metering.date");
        List<MeteringSpec.Reading> all = readings(node.get("readings"), ids, kwhPerUnit);
        List<MeteringSpec.Reading> today = new ArrayList<>();
        List<MeteringSpec.Reading> history = new ArrayList<>();
        split(all, date, today, history);
        checkComplete(today, ids);
        Map<String, MeteringSpec.BaselineRule> baselines = baselines(node.get("baselines"), ids, date, history);
        Optional<MeteringSpec.ImbalanceRule> imbalance = imbalance(node.get("imbalance"), kwhPerUnit);
        Optional<MeteringSpec.LossRule> losses = losses(node.get("losses"), kwhPerUnit, hasGrid);
        return Optional.of(new MeteringSpec(date, today, history, baselines, imbalance, losses));
    }

    private Optional<LocalDate> date(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(node.asText()));
        } catch (DateTimeParseException e) {
            r.fail(path, node, "must be a date such as 2026-03-10");
            return Optional.empty();
        }
    }

    private List<MeteringSpec.Reading> readings(JsonNode node, List<String> ids, double kwhPerUnit) {
        List<Row> rows = node != null && node.isTextual() ? csvRows(node.asText(), node) : inlineRows(node);
        List<MeteringSpec.Reading> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            MeteringSpec.Reading reading = reading(row, ids, kwhPerUnit);
            if (reading == null) {
                continue;
            }
            String key = reading.peer() + "|" + reading.date() + "|" + reading.period();
            if (!seen.add(key)) {
                r.fail(row.path(), row.node(), "a second reading of peer " + reading.peer() + " in period "
                        + (reading.period() + 1) + reading.date().map(d -> " on " + d).orElse(""));
            }
            out.add(reading);
        }
        return out;
    }

    private List<Row> inlineRows(JsonNode node) {
        List<Row> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            r.fail("metering.readings", node, "must be a CSV file name (relative to the scenario) or a non-empty list "
                    + "of readings such as {peer: pv, period: 1, injection: 3.2, withdrawal: 0}");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "metering.readings[" + i + "]";
            JsonNode e = node.get(i);
            if (!e.isObject()) {
                r.fail(path, e, "must be a mapping such as {peer: pv, period: 1, injection: 3.2, withdrawal: 0}");
                continue;
            }
            Set<String> allowed = new HashSet<>(CSV_REQUIRED);
            allowed.addAll(CSV_OPTIONAL);
            r.unknownKeys(e, path, allowed);
            Map<String, String> cells = new LinkedHashMap<>();
            e.fields().forEachRemaining(f -> cells.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
            out.add(new Row(path, cells, e));
        }
        return out;
    }

    private List<Row> csvRows(String name, JsonNode node) {
        List<Row> out = new ArrayList<>();
        java.util.Optional<String> text = files.read(name);
        if (text.isEmpty()) {
            r.fail("metering.readings", node, "cannot read " + name + ": no such file in " + files.where());
            return out;
        }
        List<String> lines = text.get().lines().toList();
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).strip().split(",", -1)).stream()
                .map(String::strip).toList();
        boolean ok = header.size() >= CSV_REQUIRED.size() && header.subList(0, CSV_REQUIRED.size()).equals(CSV_REQUIRED)
                && CSV_OPTIONAL.containsAll(header.subList(CSV_REQUIRED.size(), header.size()));
        if (!ok) {
            r.fail("metering.readings[" + name + ":1]", node, "the header must be " + String.join(",", CSV_REQUIRED)
                    + " (optional further columns: " + String.join(",", CSV_OPTIONAL) + ")");
            return out;
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String path = "metering.readings[" + name + ":" + (i + 1) + "]";
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                r.problems.add(new Problem(path, lines.get(i), "has " + cells.length + " cells; the header has "
                        + header.size()));
                continue;
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                map.put(header.get(c), cells[c].strip());
            }
            out.add(new Row(path, map, null));
        }
        if (out.isEmpty() && r.problems.isEmpty()) {
            r.fail("metering.readings", node, name + " has no readings");
        }
        return out;
    }

    private MeteringSpec.Reading reading(Row row, List<String> ids, double kwhPerUnit) {
        int before = r.problems.size();
        String peer = row.cells().getOrDefault("peer", "");
        if (!ids.contains(peer)) {
            cellProblem(row, "peer", "is not a peer id");
        }
        int period = -1;
        try {
            period = Integer.parseInt(row.cells().getOrDefault("period", "")) - 1;
        } catch (NumberFormatException e) {
            period = -1;
        }
        if (period < 0 || period >= r.periods) {
            cellProblem(row, "period", "must be a period number from 1 to " + r.periods);
        }
        double injection = energy(row, "injection") * kwhPerUnit;
        double withdrawal = energy(row, "withdrawal") * kwhPerUnit;
        Optional<LocalDate> date = Optional.empty();
        String dateText = row.cells().getOrDefault("date", "");
        if (!dateText.isEmpty()) {
            try {
                date = Optional.of(LocalDate.parse(dateText));
            } catch (DateTimeParseException e) {
                cellProblem(row, "date", "must be a date such as 2026-03-10");
            }
        }
        String quality = row.cells().getOrDefault("quality", "");
        quality = quality.isEmpty() ? "measured" : quality;
        if (!QUALITIES.contains(quality)) {
            cellProblem(row, "quality", "must be measured or estimated");
        }
        return r.problems.size() > before ? null
                : new MeteringSpec.Reading(peer, date, period, injection, withdrawal, quality);
    }

    /** A reading's energy in the file's unit: a finite number >= 0 (missing: an error). */
    private double energy(Row row, String column) {
        String text = row.cells().getOrDefault(column, "");
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            cellProblem(row, column, "must be a number");
            return 0;
        }
        if (!Double.isFinite(v) || v < 0 || v > Scale.QUANTITY.limit) {
            cellProblem(row, column, "must be a finite number from 0 to " + Scale.QUANTITY.limitText + " (" + r.energy + ")");
            return 0;
        }
        return v;
    }

    private void cellProblem(Row row, String column, String message) {
        String value = row.cells().get(column);
        r.problems.add(new Problem(row.path() + "." + column, value, message));
    }

    /** Readings dated before the delivery date are history; undated ones and the date's own are the delivery day. */
    private void split(List<MeteringSpec.Reading> all, Optional<LocalDate> date, List<MeteringSpec.Reading> today,
                       List<MeteringSpec.Reading> history) {
        boolean dated = all.stream().anyMatch(x -> x.date().isPresent());
        if (dated && date.isEmpty()) {
            r.problems.add(new Problem("metering.date", null,
                    "is required when readings carry dates (it names the delivery day; earlier days are history)"));
            return;
        }
        for (MeteringSpec.Reading x : all) {
            if (x.date().isEmpty() || x.date().equals(date)) {
                today.add(x);
            } else if (x.date().get().isBefore(date.get())) {
                history.add(x);
            } else {
                r.problems.add(new Problem("metering.readings", x.peer() + " " + x.date().get(),
                        "a reading dated after metering.date (" + date.get() + ")"));
            }
        }
    }

    /** Deviation settlement needs every peer's reading in every period of the delivery day. */
    private void checkComplete(List<MeteringSpec.Reading> today, List<String> ids) {
        if (!r.problems.isEmpty()) {
            return;
        }
        Set<String> have = new HashSet<>();
        today.forEach(x -> have.add(x.peer() + "|" + x.period()));
        for (String id : ids) {
            for (int t = 0; t < r.periods; t++) {
                if (!have.contains(id + "|" + t)) {
                    r.problems.add(new Problem("metering.readings", id + " period " + (t + 1),
                            "no reading of peer " + id + " in period " + (t + 1) + " of the delivery day"));
                }
            }
        }
    }

    private Map<String, MeteringSpec.BaselineRule> baselines(JsonNode node, List<String> ids, Optional<LocalDate> date,
                                                             List<MeteringSpec.Reading> history) {
        Map<String, MeteringSpec.BaselineRule> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            r.fail("metering.baselines", node, "must map peer ids to rules, e.g. {hp: {rule: average, days: 5}}");
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String path = "metering.baselines." + e.getKey();
            if (!ids.contains(e.getKey())) {
                r.fail(path, null, "is not a peer id");
                return;
            }
            MeteringSpec.BaselineRule rule = baseline(e.getValue(), path);
            if (rule != null && !rule.rule().equals("declared")) {
                checkHistory(e.getKey(), rule, path, e.getValue(), date, history);
            }
            if (rule != null) {
                out.put(e.getKey(), rule);
            }
        });
        return out;
    }

    private MeteringSpec.BaselineRule baseline(JsonNode node, String path) {
        if (!node.isObject()) {
            r.fail(path, node, "must be a mapping such as {rule: declared, values: [2, 2]} or {rule: average, days: 5}");
            return null;
        }
        r.unknownKeys(node, path, Set.of("rule", "values", "days", "high"));
        String rule = r.requiredText(node, "rule", path + ".rule");
        if (rule == null) {
            return null;
        }
        switch (rule) {
            case "declared" -> {
                PeriodValues v = r.series(node.get("values"), path + ".values", null, false);
                return v == null ? null : new MeteringSpec.BaselineRule(rule, v, 0, 0);
            }
            case "average" -> {
                int days = requiredInt(node, "days", path + ".days");
                return days < 1 ? null : new MeteringSpec.BaselineRule(rule, null, days, days);
            }
            case "high" -> {
                int high = requiredInt(node, "high", path + ".high");
                int days = requiredInt(node, "days", path + ".days");
                if (high >= 1 && days >= 1 && high > days) {
                    r.fail(path + ".high", node.get("high"), "must be <= days (" + days + "): high X of Y days");
                    return null;
                }
                return high < 1 || days < 1 ? null : new MeteringSpec.BaselineRule(rule, null, days, high);
            }
            default -> {
                r.fail(path + ".rule", node.get("rule"), "must be one of " + MeteringSpec.BaselineRule.RULES);
                return null;
            }
        }
    }

    private int requiredInt(JsonNode node, String key, String path) {
        if (!node.has(key)) {
            r.problems.add(new Problem(path, null, "is required"));
            return 0;
        }
        return r.optionalInt(node, key, path, 0, 1);
    }

    /** A history rule needs the delivery date and enough similar days with every period metered. */
    private void checkHistory(String peer, MeteringSpec.BaselineRule rule, String path, JsonNode node,
                              Optional<LocalDate> date, List<MeteringSpec.Reading> history) {
        if (date.isEmpty()) {
            r.problems.add(new Problem("metering.date", null, "is required by " + path + " (rule " + rule.rule()
                    + "): the similar days are counted back from it"));
            return;
        }
        int found = Baselines.similarDays(peer, date.get(), history, r.periods).size();
        if (found < rule.days()) {
            r.fail(path + ".days", node.get("days"), "needs " + rule.days() + " earlier "
                    + MeteringSpec.dayType(date.get())
                    + " days fully metered for " + peer + "; the readings have " + found);
        }
    }

    private Optional<MeteringSpec.ImbalanceRule> imbalance(JsonNode node, double kwhPerUnit) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("metering.imbalance", node, "must be a mapping such as {pricing: single, price: 0.15}");
            return Optional.empty();
        }
        r.unknownKeys(node, "metering.imbalance", Set.of("pricing", "price", "short_price", "long_price", "allocation"));
        String pricing = r.requiredText(node, "pricing", "metering.imbalance.pricing");
        String allocation = r.optionalText(node, "allocation", "metering.imbalance.allocation");
        allocation = allocation == null ? "pro_rata" : allocation;
        if (!MeteringSpec.ImbalanceRule.ALLOCATIONS.contains(allocation)) {
            r.fail("metering.imbalance.allocation", node.get("allocation"), "must be one of "
                    + MeteringSpec.ImbalanceRule.ALLOCATIONS);
        }
        if ("single".equals(pricing)) {
            onlyKeys(node, "single", "short_price", "long_price");
            PeriodValues price = r.series(node.get("price"), "metering.imbalance.price", null, false);
            return price == null ? Optional.empty() : Optional.of(new MeteringSpec.ImbalanceRule(pricing,
                    price.scaled(1 / kwhPerUnit), price.scaled(1 / kwhPerUnit), price.scaled(1 / kwhPerUnit), allocation));
        }
        if ("dual".equals(pricing)) {
            onlyKeys(node, "dual", "price");
            PeriodValues shortPrice = r.series(node.get("short_price"), "metering.imbalance.short_price", null, false);
            PeriodValues longPrice = r.series(node.get("long_price"), "metering.imbalance.long_price", null, false);
            if (shortPrice == null || longPrice == null) {
                return Optional.empty();
            }
            for (int t = 0; t < r.periods; t++) {
                if (shortPrice.at(t) < longPrice.at(t)) {
                    r.fail("metering.imbalance.short_price" + (shortPrice.isConstant() ? "" : "[" + t + "]"),
                            node.get("short_price"), "must be >= metering.imbalance.long_price (" + longPrice.at(t)
                                    + ") in period " + (t + 1) + ": otherwise deviating both ways would earn money");
                    return Optional.empty();
                }
            }
            return Optional.of(new MeteringSpec.ImbalanceRule(pricing, shortPrice.scaled(1 / kwhPerUnit),
                    shortPrice.scaled(1 / kwhPerUnit), longPrice.scaled(1 / kwhPerUnit), allocation));
        }
        if (pricing != null) {
            r.fail("metering.imbalance.pricing", node.get("pricing"), "must be one of "
                    + MeteringSpec.ImbalanceRule.PRICINGS);
        }
        return Optional.empty();
    }

    private void onlyKeys(JsonNode node, String pricing, String... others) {
        for (String k : others) {
            if (node.has(k)) {
                r.fail("metering.imbalance." + k, node.get(k), "does not apply to pricing " + pricing);
            }
        }
    }

    private Optional<MeteringSpec.LossRule> losses(JsonNode node, double kwhPerUnit, boolean hasGrid) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("metering.losses", node, "must be a mapping such as {factor: 0.03, price: 0.20}");
            return Optional.empty();
        }
        r.unknownKeys(node, "metering.losses", Set.of("factor", "allocation", "price"));
        Double f = r.checked(node.get("factor"), "metering.losses.factor", true);
        if (f != null && f >= 1) {
            r.fail("metering.losses.factor", node.get("factor"), "must be < 1 (a share of the traded energy)");
        }
        double factor = f == null ? 0 : f;
        String allocation = r.optionalText(node, "allocation", "metering.losses.allocation");
        allocation = allocation == null ? "pro_rata" : allocation;
        if (!MeteringSpec.LossRule.ALLOCATIONS.contains(allocation)) {
            r.fail("metering.losses.allocation", node.get("allocation"), "must be one of "
                    + MeteringSpec.LossRule.ALLOCATIONS);
        }
        if (allocation.equals("ptdf") && !hasGrid) {
            r.fail("metering.losses.allocation", node.get("allocation"),
                    "needs a grid key (the network whose PTDF measures the distance)");
        }
        PeriodValues price = r.series(node.get("price"), "metering.losses.price", null, false);
        return price == null ? Optional.empty()
                : Optional.of(new MeteringSpec.LossRule(factor, allocation, price.scaled(1 / kwhPerUnit)));
    }
}
