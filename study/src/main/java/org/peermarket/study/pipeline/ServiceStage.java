package org.peermarket.study.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.flex.ExplicitService;
import org.peermarket.market.Status;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.ServiceSpec;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Transaction;
import org.peermarket.settlement.TransactionType;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.UnitView;

/**
 * The explicit service after the market (seed 003 CM5; docs/dso-policies.md#explicit-service-conceptual-model-5):
 * per served period each area peer offers its headroom after the market (up: pmax - p, down: p - pmin) at its
 * capacity price, gets an obligation pro rata to that capacity, and the peers trade capacity so that the volume is
 * met at least cost ({@link ExplicitService}). The DSO pays each provider its provided capacity at its price
 * (flexibility_payment).
 */
public final class ServiceStage {
    public static final String FILE = "service.csv";
    private static final double TOL = 1e-6;

    private ServiceStage() {}

    /** The run with its service when the scenario has one; else the run unchanged. */
    public static RunResult after(RunResult run) {
        Scenario s = run.scenario();
        if (s.service().isEmpty()) {
            return run;
        }
        ServiceSpec spec = s.service().get();
        List<ServiceResults.Period> periods = new ArrayList<>();
        for (int t : spec.periods()) {
            ClearingResult r = t < run.periods().size() ? run.periods().get(t) : null;
            if (r != null && r.hasResult()) {
                periods.add(period(s, spec, t, r.p()));
            }
        }
        return run.withService(new ServiceResults(spec.volume(), spec.direction(), periods));
    }

    /** One period: capacities from the dispatch p (kWh), then the least-cost provision, checked. */
    static ServiceResults.Period period(Scenario s, ServiceSpec spec, int t, double[] p) {
        Map<String, Integer> index = s.indexById();
        int n = spec.offers().size();
        List<String> ids = new ArrayList<>();
        double[] cap = new double[n];
        double[] price = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            ServiceSpec.Offer o = spec.offers().get(i);
            int k = index.get(o.peer());
            Peer peer = s.peers().get(k);
            double room = spec.up() ? peer.pmax().at(t) - p[k] : p[k] - peer.pmin().at(t);
            ids.add(o.peer());
            cap[i] = Math.max(0, room);
            price[i] = o.price();
            total += cap[i];
        }
        double[] obligation = ExplicitService.proRata(spec.volume(), cap);
        double[] none = new double[n];
        if (total < spec.volume() - TOL * Math.max(1, spec.volume())) {
            return new ServiceResults.Period(t + 1, Status.INFEASIBLE, ids, cap, obligation, none, nan(n), Double.NaN,
                    0, spec.volume() - total);
        }
        ExplicitService.Result r = ExplicitService.clear(obligation, cap, price, area(n, spec.tradeCost()));
        if (r.status() != Status.OPTIMAL) {
            return new ServiceResults.Period(t + 1, r.status(), ids, cap, obligation, none, nan(n), Double.NaN, 0, 0);
        }
        double payment = 0;
        for (int i = 0; i < n; i++) {
            payment += r.providedMw()[i] * r.price()[i];
        }
        check(spec.volume(), cap, r.providedMw());
        return new ServiceResults.Period(t + 1, Status.OPTIMAL, ids, cap, obligation, r.providedMw(), r.price(),
                r.cost(), payment, 0);
    }

    /** Every pair of area peers may move capacity both ways at the trade cost. */
    static TradeGraph area(int n, double tradeCost) {
        TradeGraph.Builder b = TradeGraph.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    b.add(i, j, 0, 0, tradeCost);
                }
            }
        }
        return b.build();
    }

    /** The provision meets the volume and stays within each capacity, or the run stops. */
    private static void check(double volume, double[] cap, double[] provided) {
        double sum = 0;
        double scale = Math.max(1, volume);
        for (int i = 0; i < cap.length; i++) {
            if (provided[i] < -TOL * scale || provided[i] > cap[i] + TOL * scale) {
                throw new IllegalStateException("service: peer " + i + " provides " + provided[i] + " outside [0, "
                        + cap[i] + "]");
            }
            sum += provided[i];
        }
        if (Math.abs(sum - volume) > TOL * scale) {
            throw new IllegalStateException("service: provided " + sum + " != volume " + volume);
        }
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The settlement with the DSO paying each provider its provided capacity at its price. */
    public static Settlement settle(Settlement base, RunResult run) {
        if (run.service().isEmpty()) {
            return base;
        }
        List<Actor> actors = new ArrayList<>(base.actors());
        List<Transaction> out = new ArrayList<>(base.transactions());
        for (ServiceResults.Period p : run.service().get().periods()) {
            for (int i = 0; p.optimal() && i < p.peers().size(); i++) {
                if (p.provided()[i] > 1e-9) {
                    Actor peer = Actor.peer(p.peers().get(i));
                    add(actors, peer);
                    add(actors, Actor.DSO);
                    out.add(Transaction.of(p.period() - 1, TransactionType.FLEXIBILITY_PAYMENT, Actor.DSO, peer,
                            p.provided()[i], p.price()[i]));
                }
            }
        }
        return new Settlement(actors, out).check();
    }

    private static void add(List<Actor> actors, Actor a) {
        if (!actors.contains(a)) {
            actors.add(a);
        }
    }

    /** service.csv: per served period and area peer, in the scenario's units. */
    public static String csv(ServiceResults sr, UnitView u) {
        StringBuilder sb = new StringBuilder("period,peer,status,capacity,obligation,provided,price\n");
        for (ServiceResults.Period p : sr.periods()) {
            for (int i = 0; i < p.peers().size(); i++) {
                sb.append(p.period()).append(',').append(p.peers().get(i)).append(',').append(p.status().label())
                        .append(',').append(u.quantity(p.capacity()[i])).append(',')
                        .append(u.quantity(p.obligation()[i])).append(',').append(u.quantity(p.provided()[i]))
                        .append(',').append(u.price(p.price()[i])).append('\n');
            }
        }
        return sb.toString();
    }

    /** The printed line: status, volume, cost and payment, or what is missing. */
    public static String line(ServiceResults sr, Scenario s) {
        UnitView u = new UnitView(s);
        String head = String.format(java.util.Locale.ROOT, "  service %s %s %s: %s",
                Numbers.format(u.toQuantity(sr.volume())), s.units().energy().symbol(), sr.direction(),
                sr.status().label());
        if (sr.status() == Status.OPTIMAL) {
            return head + String.format(java.util.Locale.ROOT, ", cost %.4f %s, the DSO pays %.4f %s%n", sr.cost(),
                    s.units().currency(), sr.payment(), s.units().currency());
        }
        return head + String.format(java.util.Locale.ROOT, ", %s %s missing%n",
                Numbers.format(u.toQuantity(sr.missing())), s.units().energy().symbol());
    }

    /** The service block of summary.json. */
    public static void summary(ServiceResults sr, ObjectNode root, UnitView u) {
        ObjectNode node = root.putObject("service");
        node.put("status", sr.status().label());
        node.put("direction", sr.direction());
        node.put("volume", u.numberQuantity(sr.volume()));
        Numbers.putNumber(node, "cost", sr.cost());
        Numbers.putNumber(node, "payment", sr.payment());
        node.put("missing", u.numberQuantity(sr.missing()));
        ArrayNode arr = node.putArray("by_period");
        for (ServiceResults.Period p : sr.periods()) {
            ObjectNode n = arr.addObject();
            n.put("period", p.period());
            n.put("status", p.status().label());
            Numbers.putNumber(n, "cost", p.cost());
            Numbers.putNumber(n, "payment", p.payment());
            n.put("missing", u.numberQuantity(p.missing()));
        }
    }
}
