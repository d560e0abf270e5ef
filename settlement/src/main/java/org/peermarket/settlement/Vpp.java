package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;
import org.peermarket.market.HorizonResult;
import org.peermarket.model.Community;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;
import org.peermarket.model.VppSpec;

/**
 * The community manager as aggregator (markets.md §8, seed 001 §2.2; docs/vpp.md). After the
 * community market has cleared, the members' dispatch stays as cleared and the manager
 * re-schedules the members' storage over the horizon to co-optimise keeping energy inside
 * (it replaces imports at pi_imp or is exported at pi_exp) against selling it to the
 * external balancing market at pi_bal,t:
 *
 * <pre>
 *   max sum_t pi_bal,t b_t - [pi_imp,t imp'_t - pi_exp,t exp'_t]
 *   s.t. imp'_t - exp'_t = N_t - sum_k (dis'_kt - ch'_kt - dis_kt + ch_kt) + b_t   (the supplier balances the rest)
 *        soc'_kt = soc'_k,t-1 + eta_c ch'_kt - dis'_kt / eta_d, the storage's own bounds and end condition
 *        0 <= b_t <= sum_k dis'_kt    (what is sold is delivered by the storages' discharge in that period)
 *        0 <= b_t <= cap_t,  0 <= imp'_t <= import cap,  0 <= exp'_t <= export cap
 * </pre>
 *
 * where N_t is the community's net import as cleared. Storage may be charged from the supplier
 * for a sale when the balancing price beats the import price over the storage's losses: that is
 * the headroom the aggregator sells. The gain is this optimum minus its value
 * with the cleared schedule and no sale; the program's own schedule achieves that value, so the
 * gain is never negative. An LP: GLOP via {@link ConvexProgram}.
 */
public final class Vpp {
    private Vpp() {}

    /** One period: energy sold outside, storage output change, net import before and after, money. */
    public record Step(int period, double price, double sold, double storageChange, double netImportBefore,
                       double netImportAfter, double revenue, double supplierChange) {
        public double gain() {
            return revenue - supplierChange;
        }
    }

    public record Result(String community, List<Step> steps, List<HorizonResult.StorageStep> schedule) {
        public double gain() {
            return steps.stream().mapToDouble(Step::gain).sum();
        }
    }

    public static Result optimise(Scenario s, HorizonResult h, VppSpec spec) {
        Community com = s.communities().byId(spec.community()).orElseThrow();
        int periods = s.periods();
        List<String> owners = com.members().stream().filter(m -> s.storage().containsKey(m)).toList();
        Map<String, double[]> cleared = new HashMap<>();
        for (HorizonResult.StorageStep st : h.storage()) {
            if (owners.contains(st.peer())) {
                cleared.computeIfAbsent(st.peer(), k -> new double[periods])[st.period()] = st.discharge() - st.charge();
            }
        }
        double[] net = new double[periods];
        double[] pImp = new double[periods];
        double[] pExp = new double[periods];
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            if (c.community().equals(spec.community())) {
                net[c.period()] = c.imports() - c.exports();
                pImp[c.period()] = c.importPrice();
                pExp[c.period()] = c.exportPrice();
            }
        }
        ConvexProgram lp = new ConvexProgram();
        int[] balance = new int[periods];
        int[] upward = new int[periods];
        int[] sold = new int[periods];
        int[] imp = new int[periods];
        int[] exp = new int[periods];
        for (int t = 0; t < periods; t++) {
            double clearedOut = 0;
            for (String k : owners) {
                clearedOut += cleared.getOrDefault(k, new double[periods])[t];
            }
            // imp - exp + sum_k (dis - ch) - b = N_t + cleared storage output
            balance[t] = lp.addRow(net[t] + clearedOut, net[t] + clearedOut);
            sold[t] = lp.addVariable(0, spec.cap().at(t), -spec.balancingPrice().at(t));
            imp[t] = lp.addVariable(0, com.manager().importCap().at(t), pImp[t]);
            exp[t] = lp.addVariable(0, com.manager().exportCap().at(t), -pExp[t]);
            lp.set(balance[t], imp[t], 1);
            lp.set(balance[t], exp[t], -1);
            lp.set(balance[t], sold[t], -1);
            // what is sold is delivered by the storages' discharge in that period: sum_k dis - b >= 0
            upward[t] = lp.addRow(0, Double.POSITIVE_INFINITY);
            lp.set(upward[t], sold[t], -1);
        }
        Map<String, int[][]> vars = new HashMap<>();
        for (String k : owners) {
            vars.put(k, storage(lp, s.storage().get(k), balance, upward, periods));
        }
        ConvexSolve.Solution sol = ConvexSolve.solve(lp);
        if (!sol.ok()) {
            throw new IllegalStateException("VPP of community '" + spec.community() + "' not solved: " + sol.status()
                    + " " + sol.message());
        }
        double[] x = sol.x();
        List<Step> steps = new ArrayList<>();
        List<HorizonResult.StorageStep> schedule = new ArrayList<>();
        for (int t = 0; t < periods; t++) {
            double change = 0;
            for (String k : owners) {
                int[][] v = vars.get(k);
                double out = x[v[1][t]] - x[v[0][t]];
                change += out - cleared.getOrDefault(k, new double[periods])[t];
                schedule.add(new HorizonResult.StorageStep(t, k, x[v[0][t]], x[v[1][t]], x[v[2][t + 1]]));
            }
            double after = x[imp[t]] - x[exp[t]];
            double before = supplierCost(net[t], pImp[t], pExp[t]);
            double now = pImp[t] * x[imp[t]] - pExp[t] * x[exp[t]];
            double price = spec.balancingPrice().at(t);
            steps.add(new Step(t, price, x[sold[t]], change, net[t], after, price * x[sold[t]], now - before));
        }
        return new Result(spec.community(), steps, schedule);
    }

    /** What the supplier charges for a net import N (negative: export): pi_imp N+ - pi_exp N-. */
    static double supplierCost(double netImport, double pImp, double pExp) {
        return pImp * Math.max(netImport, 0) - pExp * Math.max(-netImport, 0);
    }

    /** ch, dis and soc variables of one storage (soc[0] the initial state), its output added to the balance rows. */
    private static int[][] storage(ConvexProgram lp, Storage st, int[] balance, int[] upward, int periods) {
        int[] ch = new int[periods];
        int[] dis = new int[periods];
        int[] soc = new int[periods + 1];
        soc[0] = st.freeInitial() ? lp.addVariable(0, st.capacity(), 0)
                : lp.addVariable(st.socInitial(), st.socInitial(), 0);
        for (int t = 0; t < periods; t++) {
            ch[t] = lp.addVariable(0, st.chargeMax().at(t), 0);
            dis[t] = lp.addVariable(0, st.dischargeMax().at(t), 0);
            soc[t + 1] = lp.addVariable(0, st.capacity(), 0);
            lp.set(balance[t], dis[t], 1);
            lp.set(balance[t], ch[t], -1);
            lp.set(upward[t], dis[t], 1);
            int r = lp.addRow(0, 0); // soc_t - soc_t-1 - eta_c ch + dis / eta_d = 0
            lp.set(r, soc[t + 1], 1);
            lp.set(r, soc[t], -1);
            lp.set(r, ch[t], -st.etaCharge());
            lp.set(r, dis[t], 1 / st.etaDischarge());
        }
        int end = lp.addRow(st.cyclic() ? 0 : st.socFinal(), st.cyclic() ? 0 : st.socFinal());
        lp.set(end, soc[periods], 1);
        if (st.cyclic()) {
            lp.set(end, soc[0], -1);
        }
        return new int[][] {ch, dis, soc};
    }
}
