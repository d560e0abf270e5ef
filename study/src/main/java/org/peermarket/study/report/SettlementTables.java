package org.peermarket.study.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.settlement.Actor;
import org.peermarket.settlement.Balancing;
import org.peermarket.settlement.Baseline;
import org.peermarket.settlement.Money;
import org.peermarket.settlement.Savings;
import org.peermarket.settlement.Settlement;
import org.peermarket.settlement.Sharing;
import org.peermarket.settlement.Transaction;
import org.peermarket.settlement.Vpp;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.Parallel;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.MeteringStage;
import org.peermarket.study.pipeline.Pipeline;
import org.peermarket.study.pipeline.RunResult;
import org.peermarket.study.pipeline.Settled;

/**
 * The settlement of a run and what is compared with it, as result files (docs/settlement.md,
 * docs/profit-sharing.md, docs/output-files.md): settlement.csv, bills.csv, and with a tariff
 * savings.csv; with a sharing rule allocation.csv. Amounts in the scenario's currency.
 */
public final class SettlementTables {
    private final RunResult run;
    private final UnitView u;
    private final Settlement settlement;
    private final Optional<Baseline> baseline;
    private final Optional<Sharing.Result> sharing;
    private final Optional<Vpp.Result> vpp;
    private final Optional<Balancing.Result> balancing;
    private final Optional<MeteringStage> metering;

    /** The tables of a run settled by the pipeline's money phases ({@link Pipeline#settle}). */
    public SettlementTables(Settled s) {
        this.run = s.run();
        this.u = new UnitView(run.scenario());
        this.baseline = s.baseline();
        this.sharing = s.sharing();
        this.vpp = s.vpp();
        this.balancing = s.balancing();
        this.metering = s.metering();
        this.settlement = s.settlement();
    }

    boolean hasVpp() {
        return vpp.isPresent();
    }

    /** One row per period of the aggregator's decision (docs/vpp.md). */
    String vppCsv() {
        Vpp.Result v = vpp.orElseThrow();
        StringBuilder out = new StringBuilder("period,balancing_price,sold,storage_change,net_import_before,"
                + "net_import_after,revenue,supplier_change,gain\n");
        for (Vpp.Step st : v.steps()) {
            out.append(st.period() + 1).append(',').append(u.price(st.price())).append(',').append(u.quantity(st.sold()))
                    .append(',').append(u.quantity(st.storageChange())).append(',').append(u.quantity(st.netImportBefore()))
                    .append(',').append(u.quantity(st.netImportAfter())).append(',').append(Numbers.format(st.revenue()))
                    .append(',').append(Numbers.format(st.supplierChange())).append(',').append(Numbers.format(st.gain()))
                    .append('\n');
        }
        return out.toString();
    }

    void vppJson(ObjectNode root) {
        Vpp.Result v = vpp.orElseThrow();
        ObjectNode node = root.putObject("vpp");
        node.put("community", v.community());
        node.put("sold", Numbers.round(u.toQuantity(v.steps().stream().mapToDouble(Vpp.Step::sold).sum())));
        node.put("revenue", Numbers.round(v.steps().stream().mapToDouble(Vpp.Step::revenue).sum()));
        node.put("supplier_change", Numbers.round(v.steps().stream().mapToDouble(Vpp.Step::supplierChange).sum()));
        node.put("gain", Numbers.round(v.gain()));
        node.put("paid_out_by", sharing.map(Sharing.Result::chosen).orElse("equal"));
    }

    boolean hasBalancing() {
        return balancing.isPresent();
    }

    /** One row per period, direction and aggregator: the bid, what was activated, delivered and paid (docs/vpp.md). */
    String balancingCsv() {
        StringBuilder out = new StringBuilder("period,community,direction,steps,offered,activated,delivered,settled,"
                + "shortfall,price,payment,penalty\n");
        for (Balancing.Row r : balancing.orElseThrow().rows()) {
            String steps = String.join(" ", r.offered().stream().map(st -> u.quantity(st.quantity()) + "@"
                    + u.price(st.price())).toList());
            double offered = r.offered().stream().mapToDouble(org.peermarket.model.BalancingSpec.Step::quantity).sum();
            out.append(r.period() + 1).append(',').append(ResultsWriter.csv(r.community())).append(',')
                    .append(r.direction()).append(',').append(steps).append(',').append(u.quantity(offered)).append(',')
                    .append(u.quantity(r.activated())).append(',')
                    .append(r.delivered() == null ? "" : u.quantity(r.delivered())).append(',')
                    .append(u.quantity(r.settled())).append(',').append(u.quantity(r.shortfall())).append(',')
                    .append(Double.isNaN(r.price()) ? "" : u.price(r.price())).append(',')
                    .append(Money.format(Money.cents(r.payment()))).append(',')
                    .append(Money.format(Money.cents(r.penalty()))).append('\n');
        }
        return out.toString();
    }

    /** The vpp block of summary.json with balancing bids: totals, then one entry per aggregator. */
    void balancingJson(ObjectNode root) {
        Balancing.Result b = balancing.orElseThrow();
        ObjectNode node = root.putObject("vpp");
        node.put("community", b.settledOn().keySet().iterator().next());
        node.put("mode", "balancing");
        node.put("source", b.source());
        totals(node, b.rows());
        node.put("paid_out_by", sharing.map(Sharing.Result::chosen).orElse("equal"));
        var list = node.putArray("aggregators");
        for (Map.Entry<String, String> e : b.settledOn().entrySet()) {
            ObjectNode a = list.addObject();
            a.put("community", e.getKey());
            a.put("settled_on", e.getValue());
            totals(a, b.rows().stream().filter(r -> r.community().equals(e.getKey())).toList());
        }
    }

    private void totals(ObjectNode node, List<Balancing.Row> rows) {
        for (String dir : List.of("up", "down")) {
            node.put("activated_" + dir, Numbers.round(u.toQuantity(rows.stream().filter(r -> r.direction().equals(dir))
                    .mapToDouble(Balancing.Row::activated).sum())));
        }
        node.put("settled", Numbers.round(u.toQuantity(rows.stream().mapToDouble(Balancing.Row::settled).sum())));
        node.put("shortfall", Numbers.round(u.toQuantity(rows.stream().mapToDouble(Balancing.Row::shortfall).sum())));
        long pay = rows.stream().mapToLong(r -> Money.cents(r.payment())).sum();
        long pen = rows.stream().mapToLong(r -> Money.cents(r.penalty())).sum();
        node.put("payment", Money.format(pay));
        node.put("penalty", Money.format(pen));
        node.put("gain", Money.format(pay - pen));
    }

    Optional<MeteringStage> metering() {
        return metering;
    }

    public Settlement settlement() {
        return settlement;
    }

    boolean hasSavings() {
        return baseline.isPresent();
    }

    boolean hasSharing() {
        return sharing.isPresent();
    }

    /** One row per transaction. */
    String transactionsCsv() {
        List<Transaction> all = settlement.transactions();
        return Parallel.text("period,type,payer,payee,quantity,price,amount\n", all.size(), 20_000, (from, to, out) -> {
            for (Transaction t : all.subList(from, to)) {
                out.append(t.period() + 1).append(',').append(t.type().label()).append(',').append(ResultsWriter.csv(t.payer().id()))
                        .append(',').append(ResultsWriter.csv(t.payee().id())).append(',').append(u.quantity(t.quantity()))
                        .append(',').append(u.price(t.price())).append(',').append(Money.format(t.cents())).append('\n');
            }
        });
    }

    /**
     * Each actor's bill: a line per transaction type, its total and its rounding residual (exact
     * minus billed, not billed); then the system's total (zero) and residual.
     */
    String billsCsv() {
        StringBuilder out = new StringBuilder("actor,kind,item,quantity,paid,received,net\n");
        double residual = 0;
        for (Map.Entry<Actor, List<Settlement.BillLine>> e : settlement.bills().entrySet()) {
            Actor a = e.getKey();
            String who = ResultsWriter.csv(a.id()) + ',' + a.kind().label() + ',';
            long paid = 0;
            long received = 0;
            for (Settlement.BillLine line : e.getValue()) {
                out.append(who).append(line.type().label()).append(',').append(u.quantity(line.quantity())).append(',')
                        .append(Money.format(line.paid())).append(',').append(Money.format(line.received())).append(',')
                        .append(Money.format(line.net())).append('\n');
                paid += line.paid();
                received += line.received();
            }
            out.append(who).append("total,,").append(Money.format(paid)).append(',').append(Money.format(received))
                    .append(',').append(Money.format(settlement.net(a))).append('\n');
            double r = settlement.roundingResidual(a);
            residual += r;
            out.append(who).append("rounding_residual,,,,").append(Numbers.format(cleanResidual(r))).append('\n');
        }
        out.append("(all),system,total,,,,").append(Money.format(settlement.systemTotal())).append('\n');
        out.append("(all),system,rounding_residual,,,,").append(Numbers.format(cleanResidual(residual))).append('\n');
        return out.toString();
    }

    /** Residuals are below half a cent; floating-point noise far below that is shown as 0. */
    private static double cleanResidual(double r) {
        return Math.abs(r) < 1e-9 ? 0 : r;
    }

    String savingsCsv() {
        Baseline b = baseline.orElseThrow();
        StringBuilder out = new StringBuilder(
                "peer,standalone_bill,market_bill,standalone_cost,market_cost,savings,individually_rational\n");
        for (Savings.Row r : Savings.of(b, settlement, run.periods())) {
            out.append(ResultsWriter.csv(r.peer())).append(',').append(Numbers.format(r.standAloneBill())).append(',')
                    .append(Numbers.format(r.marketBill())).append(',').append(Numbers.format(r.standAloneCost()))
                    .append(',').append(Numbers.format(r.marketCost())).append(',').append(Numbers.format(r.savings()))
                    .append(',').append(r.individuallyRational()).append('\n');
        }
        return out.toString();
    }

    /** One row per rule and member. */
    String allocationCsv() {
        Sharing.Result s = sharing.orElseThrow();
        StringBuilder out = new StringBuilder("rule,chosen,peer,weight,share,standard_error,standalone_cost,"
                + "allocated_cost,individually_rational,in_core\n");
        for (Sharing.Allocation a : s.allocations()) {
            for (int i = 0; i < s.ids().size(); i++) {
                double share = a.shares()[i];
                out.append(a.rule()).append(',').append(a.rule().equals(s.chosen())).append(',')
                        .append(ResultsWriter.csv(s.ids().get(i))).append(',')
                        .append(a.weights() == null ? "" : Numbers.format(weightInFileUnits(a.rule(), a.weights()[i])))
                        .append(',').append(Numbers.format(share)).append(',').append(Numbers.format(a.standardErrors()[i]))
                        .append(',').append(Numbers.format(s.alone()[i])).append(',')
                        .append(Numbers.format(s.alone()[i] - share)).append(',')
                        .append(share >= -Savings.TOLERANCE).append(',')
                        .append(a.inCore() == null ? "" : a.inCore().toString()).append('\n');
            }
        }
        return out.toString();
    }

    /** Consumption and production weights are energies: written in the scenario's unit. */
    private double weightInFileUnits(String rule, double w) {
        boolean energy = rule.equals("renewable") || (rule.equals("needs") && run.scenario().sharing()
                .map(sp -> sp.needs().isEmpty()).orElse(false));
        return energy ? u.toQuantity(w) : w;
    }

    /** The sharing block of summary.json: the gain, how it was computed, each rule's fairness and core test. */
    void sharingJson(ObjectNode root) {
        Sharing.Result s = sharing.orElseThrow();
        ObjectNode node = root.putObject("sharing");
        node.put("rule", s.chosen());
        node.put("gain", Numbers.round(s.gain()));
        node.put("shapley", s.method());
        if (s.samples() > 0) {
            node.put("samples", s.samples());
        }
        node.put("coalition_costs", s.game().equals("community") ? "community-market" : s.closedForm() ? "closed-form" : "solver");
        if (s.coreEmpty() != null) {
            node.put("core_empty", s.coreEmpty());
        }
        ObjectNode rules = node.putObject("rules");
        for (Sharing.Allocation a : s.allocations()) {
            ObjectNode r = rules.putObject(a.rule());
            if (Double.isFinite(a.jain())) {
                r.put("jain_index", Numbers.round(a.jain()));
            } else {
                r.putNull("jain_index");
            }
            if (a.inCore() != null) {
                r.put("in_core", a.inCore());
                r.put("core_violation", Numbers.round(Math.max(0, a.coreViolation())));
            }
            r.put("individually_rational", java.util.Arrays.stream(a.shares()).allMatch(x -> x >= -Savings.TOLERANCE));
        }
    }
}
