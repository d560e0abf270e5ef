package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.peermarket.model.Problem;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.DeviationSettlement;
import org.peermarket.settlement.Transaction;

/**
 * Meter readings posted to the platform and the deviations they settle (docs/platform.md#meter-readings):
 * reading a body of one reading or {@code {"readings": [...]}}, every problem named by its field path
 * ({@code readings[3].injection}), and each participant's imbalance in a closed delivery period.
 */
final class MeterReadings {
    static final Set<String> FIELDS = Set.of("meteringPoint", "market", "period", "from", "to", "injection", "withdrawal",
            "quality");
    /** The most readings one request may hold (a day of quarter hours for ten meters). */
    static final int MAX_LIST = 1000;
    /** The same ceiling as an order's quantity (docs/platform.md#order-limits). */
    private static final double MAX_KWH = 1e9;

    private MeterReadings() {}

    /** Reads a body of one reading or a list of them; one 422 lists every problem, so nothing is stored. */
    static List<MeterReading> parse(String text, Function<String, Optional<MarketDef>> markets, Predicate<String> participants,
                                    Instant now) {
        Body top = Body.parse(text, FIELDS_OR_LIST);
        JsonNode list = top.root().get("readings");
        if (list == null) {
            Body b = Body.of(top.root(), FIELDS);
            MeterReading r = one(b, "", markets, participants, now);
            b.done();
            return List.of(r);
        }
        Body b = Body.of(top.root(), Set.of("readings"));
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_LIST) {
            b.fail("readings", list.isArray() ? list.size() + " elements" : list, "required: a list of 1 to " + MAX_LIST + " readings");
        }
        b.done(); // also a field beside the list
        List<MeterReading> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "readings[" + i + "]";
            if (!list.get(i).isObject()) {
                problems.add(new Problem(at, String.valueOf(list.get(i)), "must be a meter reading object"));
                continue;
            }
            Body e = Body.of(list.get(i), FIELDS);
            MeterReading r = one(e, at + ".", markets, participants, now);
            try {
                e.done();
            } catch (ApiException x) {
                x.problems().forEach(q -> problems.add(q.path().startsWith(at) ? q : new Problem(at + "." + q.path(), q.value(), q.message())));
                continue;
            }
            duplicate(out, r, i).ifPresent(problems::add);
            out.add(r);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "invalid request", problems);
        }
        return out;
    }

    private static final Set<String> FIELDS_OR_LIST = union();

    private static Set<String> union() {
        Set<String> s = new java.util.HashSet<>(FIELDS);
        s.add("readings");
        return Set.copyOf(s);
    }

    private static Optional<Problem> duplicate(List<MeterReading> before, MeterReading r, int i) {
        for (int j = 0; j < before.size(); j++) {
            if (before.get(j).sameInterval(r)) {
                return Optional.of(new Problem("readings[" + i + "]", r.interval(), "the same interval as an earlier reading of"
                        + " this request: one reading per participant, market and period"));
            }
        }
        return Optional.empty();
    }

    /** One reading; problems go to {@code b} named {@code prefix + field}. */
    private static MeterReading one(Body b, String prefix, Function<String, Optional<MarketDef>> markets,
                                    Predicate<String> participants, Instant now) {
        JsonNode n = b.root();
        String who = idField(b, n.get("meteringPoint"), prefix + "meteringPoint");
        if (who != null && !participants.test(who)) {
            b.fail(prefix + "meteringPoint", who, "no such participant");
        }
        String marketId = idField(b, n.get("market"), prefix + "market");
        MarketDef m = marketId == null ? null : markets.apply(marketId).orElse(null);
        if (marketId != null && m == null) {
            b.fail(prefix + "market", marketId, "no such market");
        }
        int period = m == null ? -1 : period(b, n, prefix, m, now);
        double injection = energy(b, n.get("injection"), prefix + "injection");
        double withdrawal = energy(b, n.get("withdrawal"), prefix + "withdrawal");
        String quality = MeterReading.MEASURED;
        JsonNode q = n.get("quality");
        if (q != null && !q.isNull()) {
            quality = q.asText();
            if (!q.isTextual() || !Set.of(MeterReading.MEASURED, MeterReading.ESTIMATED).contains(quality)) {
                b.fail(prefix + "quality", q, "must be measured or estimated");
            }
        }
        if (period < 0 || !b.ok()) {
            return null;
        }
        return new MeterReading(who, marketId, period, m.periodStart(period).getEpochSecond(), m.periodEnd(period).getEpochSecond(),
                injection, withdrawal, quality);
    }

    private static String idField(Body b, JsonNode n, String field) {
        if (n == null || n.isNull()) {
            b.fail(field, null, "required");
            return null;
        }
        if (!n.isTextual() || !Body.ID.matcher(n.asText()).matches()) {
            b.fail(field, n, "must be an id: 1 to 64 letters, digits, '.', '_' or '-'");
            return null;
        }
        return n.asText();
    }

    /** The interval: a delivery period of the market by its index, or by {@code from} and {@code to}; it must have ended. */
    private static int period(Body b, JsonNode n, String prefix, MarketDef m, Instant now) {
        JsonNode p = n.get("period");
        JsonNode from = n.get("from");
        int k;
        if (p != null && (from != null || n.get("to") != null)) {
            b.fail(prefix + "period", p, "give the interval once: period, or from and to");
            return -1;
        }
        if (p != null) {
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 0 || p.asInt() >= m.periods()) {
                b.fail(prefix + "period", p, "must be a delivery period of market " + m.id() + ": 0 to " + (m.periods() - 1));
                return -1;
            }
            k = p.asInt();
        } else {
            k = byTimes(b, n, prefix, m);
            if (k < 0) {
                return -1;
            }
        }
        if (m.periodEnd(k).isAfter(now)) {
            b.fail(prefix + (p != null ? "period" : "to"), p != null ? p : n.get("to"), "the interval ends at " + m.periodEnd(k)
                    + ", after now (" + now + "): a meter is read after the interval");
            return -1;
        }
        return k;
    }

    private static int byTimes(Body b, JsonNode n, String prefix, MarketDef m) {
        Instant from = instant(b, n.get("from"), prefix + "from");
        Instant to = instant(b, n.get("to"), prefix + "to");
        if (from == null) {
            return -1;
        }
        int k = m.periodStartingAt(from);
        if (k < 0) {
            b.fail(prefix + "from", from, "not the start of a delivery period of market " + m.id() + " (from " + m.start() + ", every "
                    + m.periodMinutes() + " min, " + m.periods() + " periods)");
            return -1;
        }
        if (to != null && !to.equals(m.periodEnd(k))) {
            b.fail(prefix + "to", to, "must be " + m.periodEnd(k) + ": one delivery period after from");
            return -1;
        }
        return to == null ? -1 : k;
    }

    private static Instant instant(Body b, JsonNode n, String field) {
        if (n == null || n.isNull()) {
            b.fail(field, null, "required (or give period instead of from and to)");
            return null;
        }
        try {
            return Instants.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            b.fail(field, n.asText(), "must be an ISO-8601 instant such as 2026-01-01T10:00:00Z");
            return null;
        }
    }

    private static double energy(Body b, JsonNode n, String field) {
        if (n == null || n.isNull()) {
            b.fail(field, null, "required: kWh >= 0");
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            b.fail(field, n, "must be a finite number of kWh");
            return Double.NaN;
        }
        if (n.asDouble() < 0) {
            b.fail(field, n, "must be >= 0");
        } else if (n.asDouble() > MAX_KWH) {
            b.fail(field, n, "must be at most 1e9 kWh");
        }
        return n.asDouble();
    }

    // ---- deviations ------------------------------------------------------------------------------

    /**
     * Each participant's deviation in period k of a closed market: imbalance = metered net injection minus traded
     * net (sold minus bought on its own orders' trades; the order-less side of a trade, a community's manager or
     * the outside, is no metering point). With imbalance prices, the line with the balance-responsible party in
     * cents (> 0: the participant is paid), by the settlement module's rule. Participants by id.
     */
    static List<Map<String, Object>> deviations(MarketDef m, int k, List<TradeRow> trades, List<MeterReading> readings) {
        Map<String, Double> traded = new TreeMap<>();
        for (TradeRow t : trades) {
            if (t.sellerOrder() != 0) {
                traded.merge(t.seller(), t.quantity(), Double::sum);
            }
            if (t.buyerOrder() != 0) {
                traded.merge(t.buyer(), -t.quantity(), Double::sum);
            }
        }
        Map<String, MeterReading> metered = new TreeMap<>();
        readings.forEach(r -> metered.put(r.participant(), r));
        metered.keySet().forEach(p -> traded.putIfAbsent(p, 0.0));
        List<Map<String, Object>> rows = new ArrayList<>();
        traded.forEach((p, position) -> rows.add(row(m, k, p, position, metered.get(p))));
        return rows;
    }

    private static Map<String, Object> row(MarketDef m, int k, String participant, double traded, MeterReading r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("period", k);
        row.put("from", m.periodStart(k).toString());
        row.put("to", m.periodEnd(k).toString());
        row.put("participant", participant);
        row.put("traded", traded);
        row.put("metered", r == null ? null : r.net());
        row.put("quality", r == null ? "missing" : r.quality());
        Double e = r == null ? null : r.net() - traded;
        row.put("imbalance", e);
        if (m.imbalance() != null) {
            Transaction line = e == null ? null : DeviationSettlement.withBrp(k, Actor.peer(participant), e, m.imbalance().rule());
            row.put("price", e == null ? null : e >= 0 ? m.imbalance().longPrice() : m.imbalance().shortPrice());
            Long cents = e == null ? null : line == null ? 0L : line.payee().id().equals(participant) ? line.cents() : -line.cents();
            row.put("cents", cents);
            row.put("amount", cents == null ? null : cents / 100.0);
        }
        return row;
    }
}
