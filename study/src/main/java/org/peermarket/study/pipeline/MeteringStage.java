package org.peermarket.study.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.dso.DsoPolicies;
import org.peermarket.market.flex.FlexBid;
import org.peermarket.market.Trade;
import org.peermarket.model.Baselines;
import org.peermarket.model.MeteringSpec;
import org.peermarket.model.Problem;
import org.peermarket.model.Scenario;
import org.peermarket.model.StudySpec;
import org.peermarket.model.ValidationException;
import org.peermarket.settlement.DeviationSettlement;
import org.peermarket.settlement.LossAllocation;
import org.peermarket.settlement.Money;
import org.peermarket.settlement.Settlement;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.ResultTable;
import org.peermarket.study.files.UnitView;

/**
 * After delivery (docs/metering.md): the data hub's readings against the market's trades. Imbalance lines with the
 * BRP, each trade's share of the losses, each baseline, and each activation of flexibility (the explicit service's
 * provided capacity, the LFM's accepted bids of a peer) checked against the peer's baseline. Files:
 * imbalance.csv, losses.csv, baselines.csv, delivery.csv.
 */
public final class MeteringStage {
    public static final String IMBALANCE = "imbalance.csv";
    public static final String LOSSES = "losses.csv";
    public static final String BASELINES = "baselines.csv";
    public static final String DELIVERY = "delivery.csv";
    private static final double TOL = 1e-9;

    /** One activation checked: delivered = metered - baseline (up), baseline - metered (down), in net injection. */
    record Delivery(int period, String peer, String source, String direction, double activated, Double baseline,
                    double metered, Double delivered, Double shortfall) {}

    private final RunResult run;
    private final MeteringSpec spec;
    private final double[][] metered;
    private final List<DeviationSettlement.Row> imbalance = new ArrayList<>();
    private final List<LossAllocation.Share> losses;
    private final Map<String, Baselines.Result> baselines = new LinkedHashMap<>();
    private final List<Delivery> deliveries;

    private MeteringStage(RunResult run, MeteringSpec spec) {
        this.run = run;
        this.spec = spec;
        Scenario s = run.scenario();
        this.metered = DeviationSettlement.metered(s, spec);
        spec.baselines().forEach((peer, rule) -> baselines.put(peer,
                Baselines.of(peer, rule, spec.date().orElse(null), spec.history(), s.periods())));
        this.losses = spec.losses().map(this::lossShares).orElse(List.of());
        this.deliveries = deliveries();
    }

    /** The stage when the scenario has a metering key and the market has a result; else empty. */
    static Optional<MeteringStage> of(RunResult run) {
        if (run.scenario().metering().isEmpty() || !run.status().hasResult()) {
            return Optional.empty();
        }
        return Optional.of(new MeteringStage(run, run.scenario().metering().get()));
    }

    /**
     * The settlement with imbalance and loss lines; positions are the market's own ({@code market}: the trades,
     * pool, imports and exports, before any flexibility lines).
     */
    Settlement settle(Settlement base, Settlement market) {
        Settlement out = base;
        if (spec.imbalance().isPresent()) {
            double[][] traded = DeviationSettlement.positions(run.scenario(), market);
            DeviationSettlement.Result r = DeviationSettlement.add(run.scenario(), out, traded, metered,
                    spec.imbalance().get());
            imbalance.addAll(r.rows());
            out = r.settlement();
        }
        return losses.isEmpty() ? out : LossAllocation.add(out, losses);
    }

    private List<LossAllocation.Share> lossShares(MeteringSpec.LossRule rule) {
        boolean ptdf = rule.allocation().equals("ptdf");
        List<LossAllocation.TradeRef> trades = new ArrayList<>();
        for (int t = 0; t < run.periods().size(); t++) {
            ClearingResult r = run.periods().get(t);
            for (Trade tr : r.trades()) {
                double d = ptdf ? distance(tr) : 1;
                trades.add(new LossAllocation.TradeRef(t, run.agent(tr.seller()), run.agent(tr.buyer()), tr.quantity(), d));
            }
        }
        double[] price = new double[run.scenario().periods()];
        for (int t = 0; t < price.length; t++) {
            price[t] = rule.price().at(t);
        }
        return LossAllocation.shares(trades, rule.factor(), price);
    }

    /** PTDF distance between the trade's peers' buses; a trade with a community or the outside has no bus. */
    private double distance(Trade tr) {
        GridStudy.Setup g = run.grid().orElseThrow().setup();
        Map<String, Integer> index = run.scenario().indexById();
        Integer seller = index.get(run.agent(tr.seller()));
        Integer buyer = index.get(run.agent(tr.buyer()));
        if (seller == null || buyer == null) {
            throw new ValidationException(new Problem("metering.losses.allocation", "ptdf", "a trade between "
                    + run.agent(tr.seller()) + " and " + run.agent(tr.buyer())
                    + " has no bus at one end; use pro_rata in a community or hybrid market"));
        }
        return DsoPolicies.ptdfDistance(g.ptdf().matrix(), g.peerBus()[seller], g.peerBus()[buyer]);
    }

    private List<Delivery> deliveries() {
        List<Delivery> out = new ArrayList<>();
        run.service().ifPresent(sr -> sr.periods().forEach(p -> {
            for (int i = 0; p.optimal() && i < p.peers().size(); i++) {
                if (p.provided()[i] > TOL) {
                    out.add(check(p.period() - 1, p.peers().get(i), "service", sr.direction(), p.provided()[i]));
                }
            }
        }));
        run.study().ifPresent(st -> st.lfm().forEach(lp -> {
            for (int k = 0; lp.lfm().acceptedMw() != null && k < lp.bids().size(); k++) {
                FlexBid b = lp.bids().get(k);
                String peer = bidPeer(b.id());
                double kwh = lp.lfm().acceptedMw()[k] * 1000 * run.scenario().periodHours();
                if (peer != null && kwh > TOL) {
                    out.add(check(lp.period() - 1, peer, "lfm:" + b.id(), b.direction().label(), kwh));
                }
            }
        }));
        return out;
    }

    private String bidPeer(String id) {
        return run.scenario().study().map(StudySpec::bids).orElse(List.of()).stream()
                .filter(b -> b.id().equals(id)).map(StudySpec.Bid::peer).findFirst().orElse(null);
    }

    private Delivery check(int t, String peer, String source, String direction, double activated) {
        double m = metered[t][run.scenario().peerIndex(peer)];
        Baselines.Result b = baselines.get(peer);
        if (b == null) {
            return new Delivery(t, peer, source, direction, activated, null, m, null, null);
        }
        double base = b.values()[t];
        double delivered = direction.equals("up") ? m - base : base - m;
        return new Delivery(t, peer, source, direction, activated, base, m, delivered, Math.max(0, activated - delivered));
    }

    public Map<String, String> files(UnitView u) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!imbalance.isEmpty()) {
            out.put(IMBALANCE, imbalanceCsv(u));
        }
        if (spec.losses().isPresent()) {
            out.put(LOSSES, lossesCsv(u));
        }
        if (!baselines.isEmpty()) {
            out.put(BASELINES, baselinesCsv(u));
        }
        if (!deliveries.isEmpty()) {
            out.put(DELIVERY, deliveryCsv(u));
        }
        return out;
    }

    private String imbalanceCsv(UnitView u) {
        StringBuilder out = new StringBuilder("period,peer,community,traded,metered,imbalance,price,amount\n");
        for (DeviationSettlement.Row r : imbalance) {
            out.append(r.period() + 1).append(',').append(ResultTable.quote(r.peer())).append(',')
                    .append(ResultTable.quote(r.community())).append(',').append(u.quantity(r.traded())).append(',')
                    .append(u.quantity(r.metered())).append(',').append(u.quantity(r.imbalance())).append(',')
                    .append(u.price(r.price())).append(',').append(Money.format(r.cents())).append('\n');
        }
        return out.toString();
    }

    private String lossesCsv(UnitView u) {
        StringBuilder out = new StringBuilder("period,seller,buyer,quantity,distance,losses,price,amount\n");
        for (LossAllocation.Share s : losses) {
            out.append(s.trade().period() + 1).append(',').append(ResultTable.quote(s.trade().seller())).append(',')
                    .append(ResultTable.quote(s.trade().buyer())).append(',').append(u.quantity(s.trade().quantity()))
                    .append(',').append(Numbers.format(s.trade().distance())).append(',').append(u.quantity(s.losses()))
                    .append(',').append(u.price(s.price())).append(',').append(Money.format(s.cents())).append('\n');
        }
        return out.toString();
    }

    private String baselinesCsv(UnitView u) {
        StringBuilder out = new StringBuilder("peer,period,rule,baseline,metered,days\n");
        baselines.forEach((peer, b) -> {
            for (int t = 0; t < b.values().length; t++) {
                out.append(ResultTable.quote(peer)).append(',').append(t + 1).append(',').append(b.rule()).append(',')
                        .append(u.quantity(b.values()[t])).append(',')
                        .append(u.quantity(metered[t][run.scenario().peerIndex(peer)])).append(',')
                        .append(String.join(" ", b.days().stream().map(Object::toString).toList())).append('\n');
            }
        });
        return out.toString();
    }

    private String deliveryCsv(UnitView u) {
        StringBuilder out = new StringBuilder(
                "period,peer,source,direction,activated,baseline,metered,delivered,shortfall,status\n");
        for (Delivery d : deliveries) {
            String status = d.baseline() == null ? "no_baseline" : d.shortfall() > TOL ? "short" : "delivered";
            out.append(d.period() + 1).append(',').append(ResultTable.quote(d.peer())).append(',')
                    .append(ResultTable.quote(d.source())).append(',').append(d.direction()).append(',')
                    .append(u.quantity(d.activated())).append(',').append(opt(u, d.baseline())).append(',')
                    .append(u.quantity(d.metered())).append(',').append(opt(u, d.delivered())).append(',')
                    .append(opt(u, d.shortfall())).append(',').append(status).append('\n');
        }
        return out.toString();
    }

    private static String opt(UnitView u, Double kwh) {
        return kwh == null ? "" : u.quantity(kwh);
    }

    /** The metering block of summary.json: imbalance volumes and money, losses, and the shortfall of activations. */
    public void summary(ObjectNode root, UnitView u) {
        ObjectNode node = root.putObject("metering");
        spec.imbalance().ifPresent(rule -> {
            node.put("pricing", rule.pricing());
            node.put("allocation", rule.allocation());
            node.put("imbalance_long", Numbers.round(u.toQuantity(imbalance.stream()
                    .mapToDouble(r -> Math.max(0, r.imbalance())).sum())));
            node.put("imbalance_short", Numbers.round(u.toQuantity(imbalance.stream()
                    .mapToDouble(r -> Math.max(0, -r.imbalance())).sum())));
        });
        spec.losses().ifPresent(rule -> {
            node.put("loss_allocation", rule.allocation());
            node.put("losses", Numbers.round(u.toQuantity(losses.stream().mapToDouble(LossAllocation.Share::losses).sum())));
            node.put("loss_cost", Money.format(losses.stream().mapToLong(LossAllocation.Share::cents).sum()));
        });
        node.put("activations", deliveries.size());
        node.put("shortfall", Numbers.round(u.toQuantity(deliveries.stream()
                .mapToDouble(d -> d.shortfall() == null ? 0 : d.shortfall()).sum())));
    }
}
