package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.BalancingSpec;
import org.peermarket.model.Baselines;
import org.peermarket.model.MeteringSpec;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;

/**
 * The aggregators' balancing bids, their activation and their settlement on delivery (docs/vpp.md#balancing-bids).
 * Each aggregator bids, per period, up (more net injection) and down (less) as price-quantity steps; the TSO's
 * activation price and volumes, or a merit-order market among the aggregators, activate them. The delivered energy
 * is metered minus baseline of the members that have a baseline; without one the activated volume counts.
 */
public final class Balancing {
    private static final double TOL = 1e-9;

    private Balancing() {}

    /** One step offered into a clearing: whose it is, how much (kWh) and at what price. */
    public record Offer(int aggregator, double quantity, double price) {}

    /** Each offer's accepted kWh, in the offers' order, and the price paid (NaN when nothing is accepted). */
    public record Clearing(double[] accepted, double price) {}

    /**
     * One aggregator in one period and direction. {@code delivered} is null without metering; {@code settled} is
     * what is paid (min of activated and delivered, not below 0); {@code payment} > 0 when the balancing market
     * pays, {@code penalty} the price times the shortfall (exact, currency).
     */
    public record Row(int period, String community, String direction, List<BalancingSpec.Step> offered,
                      double activated, Double delivered, double settled, double price, double payment,
                      double penaltyPrice, double penalty) {
        public double shortfall() {
            return activated - settled;
        }
    }

    /** Every row, period by period (up before down, aggregators in the scenario's order); how each was settled. */
    public record Result(String source, List<Row> rows, Map<String, String> settledOn) {}

    /**
     * Merit-order clearing of one period and direction: up steps cheapest first and only at or below {@code limit},
     * down steps dearest first and only at or above it ({@code limit} null: every step). Steps are taken whole
     * until {@code volume} is met; the steps at the price where it is met share what is left pro rata to their
     * quantities. The price is {@code limit} when given (the TSO's activation price), else the marginal step's
     * (pay-as-clear).
     */
    public static Clearing clear(List<Offer> offers, double volume, boolean up, Double limit) {
        double[] accepted = new double[offers.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            Offer o = offers.get(i);
            boolean within = limit == null || (up ? o.price() <= limit : o.price() >= limit);
            if (within && o.quantity() > 0) {
                order.add(i);
            }
        }
        Comparator<Integer> byPrice = Comparator.comparingDouble(i -> offers.get(i).price());
        order.sort(up ? byPrice : byPrice.reversed());
        double left = volume;
        double marginal = Double.NaN;
        for (int g = 0; g < order.size() && left > TOL; ) {
            double price = offers.get(order.get(g)).price();
            int end = g;
            double tied = 0;
            while (end < order.size() && offers.get(order.get(end)).price() == price) {
                tied += offers.get(order.get(end)).quantity();
                end++;
            }
            double share = Math.min(1, left / tied);
            for (int k = g; k < end; k++) {
                accepted[order.get(k)] = offers.get(order.get(k)).quantity() * share;
            }
            left -= tied * share;
            marginal = price;
            g = end;
        }
        boolean any = !Double.isNaN(marginal);
        return new Clearing(accepted, limit != null && any ? limit : marginal);
    }

    /** Every aggregator's bids activated by the scenario's source and settled on delivery. */
    public static Result run(Scenario s, HorizonResult h, BalancingSpec spec) {
        List<BalancingSpec.Aggregator> aggs = spec.aggregators();
        List<Map<String, List<BalancingSpec.Step>>> bids = new ArrayList<>();
        List<double[]> delivery = new ArrayList<>();
        Map<String, String> settledOn = new LinkedHashMap<>();
        for (BalancingSpec.Aggregator a : aggs) {
            Map<String, List<BalancingSpec.Step>> byKey = new LinkedHashMap<>();
            for (BalancingSpec.Bid b : a.bids().orElseGet(() -> derivedBids(s, h, a.community()))) {
                byKey.put(b.period() + " " + b.direction(), b.steps());
            }
            bids.add(byKey);
            double[] d = delivered(s, a.community());
            delivery.add(d);
            settledOn.put(a.community(), d == null ? "activated" : "metering");
        }
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            for (String dir : List.of("up", "down")) {
                rows.addAll(period(t, dir, spec, aggs, bids, delivery));
            }
        }
        return new Result(spec.source(), rows, settledOn);
    }

    private static List<Row> period(int t, String dir, BalancingSpec spec, List<BalancingSpec.Aggregator> aggs,
                                    List<Map<String, List<BalancingSpec.Step>>> bids, List<double[]> delivery) {
        boolean up = dir.equals("up");
        List<Offer> offers = new ArrayList<>();
        for (int a = 0; a < aggs.size(); a++) {
            for (BalancingSpec.Step st : bids.get(a).getOrDefault(t + " " + dir, List.of())) {
                offers.add(new Offer(a, st.quantity(), st.price()));
            }
        }
        double volume = up ? spec.up().at(t) : spec.down().at(t);
        Clearing c = clear(offers, volume, up, spec.market() ? null : spec.price().at(t));
        List<Row> out = new ArrayList<>();
        for (int a = 0; a < aggs.size(); a++) {
            double activated = 0;
            for (int i = 0; i < offers.size(); i++) {
                activated += offers.get(i).aggregator() == a ? c.accepted()[i] : 0;
            }
            Double delivered = delivery.get(a) == null || activated <= TOL ? null
                    : (up ? 1 : -1) * delivery.get(a)[t];
            double settled = delivered == null ? activated : Math.max(0, Math.min(activated, delivered));
            double price = c.price();
            double payment = activated <= TOL ? 0 : (up ? 1 : -1) * price * settled;
            double penaltyPrice = spec.penalty() != null ? spec.penalty().at(t) : Double.isNaN(price) ? 0 : Math.max(0, price);
            double penalty = penaltyPrice * (activated - settled);
            out.add(new Row(t, aggs.get(a).community(), dir, bids.get(a).getOrDefault(t + " " + dir, List.of()),
                    activated, delivered, settled, price, payment, penaltyPrice, penalty));
        }
        return out;
    }

    /**
     * Bids derived from the community's storage around its cleared schedule, one step per storage and direction.
     * From the period's starting state s0: up = the charge it stops plus the discharge it can add (at most
     * discharge_max and eta_d s0), priced at the import price over the round trip (pi_imp / (eta_c eta_d): what
     * buying the energy back costs); down = the discharge it stops plus the charge it can add (at most charge_max
     * and (E - s0) / eta_c), priced at what the stored energy saves later (pi_imp eta_c eta_d). Each period's
     * headroom is as if only that period were activated.
     */
    public static List<BalancingSpec.Bid> derivedBids(Scenario s, HorizonResult h, String community) {
        double[] pImp = new double[s.periods()];
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            if (c.community().equals(community)) {
                pImp[c.period()] = c.importPrice();
            }
        }
        List<String> members = s.communities().byId(community).orElseThrow().members();
        List<List<BalancingSpec.Step>> ups = new ArrayList<>();
        List<List<BalancingSpec.Step>> downs = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            ups.add(new ArrayList<>());
            downs.add(new ArrayList<>());
        }
        for (HorizonResult.StorageStep st : h.storage()) {
            Storage k = s.storage().get(st.peer());
            if (k == null || !members.contains(st.peer())) {
                continue;
            }
            int t = st.period();
            double s0 = st.soc() - k.etaCharge() * st.charge() + st.discharge() / k.etaDischarge();
            double upQ = st.charge() + Math.max(0, Math.min(k.dischargeMax().at(t), k.etaDischarge() * s0) - st.discharge());
            double downQ = st.discharge() + Math.max(0, Math.min(k.chargeMax().at(t), (k.capacity() - s0) / k.etaCharge())
                    - st.charge());
            double loss = k.etaCharge() * k.etaDischarge();
            if (upQ > TOL) {
                ups.get(t).add(new BalancingSpec.Step(upQ, pImp[t] / loss));
            }
            if (downQ > TOL) {
                downs.get(t).add(new BalancingSpec.Step(downQ, pImp[t] * loss));
            }
        }
        List<BalancingSpec.Bid> out = new ArrayList<>();
        for (int t = 0; t < s.periods(); t++) {
            if (!ups.get(t).isEmpty()) {
                ups.get(t).sort(Comparator.comparingDouble(BalancingSpec.Step::price));
                out.add(new BalancingSpec.Bid(t, "up", ups.get(t)));
            }
            if (!downs.get(t).isEmpty()) {
                downs.get(t).sort(Comparator.comparingDouble(BalancingSpec.Step::price).reversed());
                out.add(new BalancingSpec.Bid(t, "down", downs.get(t)));
            }
        }
        return out;
    }

    /**
     * Per period, the community's metered net injection minus its baseline, summed over the members that have a
     * baseline rule in {@code metering.baselines}; null when there are no readings or no member has one.
     */
    static double[] delivered(Scenario s, String community) {
        if (s.metering().isEmpty()) {
            return null;
        }
        MeteringSpec m = s.metering().get();
        List<String> members = s.communities().byId(community).orElseThrow().members().stream()
                .filter(id -> m.baselines().containsKey(id)).toList();
        if (members.isEmpty() || m.readings().isEmpty()) {
            return null;
        }
        double[][] metered = DeviationSettlement.metered(s, m);
        double[] out = new double[s.periods()];
        for (String id : members) {
            double[] base = Baselines.of(id, m.baselines().get(id), m.date().orElse(null), m.history(), s.periods())
                    .values();
            int n = s.peerIndex(id);
            for (int t = 0; t < out.length; t++) {
                out[t] += metered[t][n] - base[t];
            }
        }
        return out;
    }
}
