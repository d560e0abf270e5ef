package org.peermarket.market.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peermarket.market.MarketInputs;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.HorizonGrid;
import org.peermarket.model.Communities;
import org.peermarket.model.Community;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;

/**
 * One {@link ConvexProgram} over every period of a scenario and every level of its community
 * tree (markets.md §1-§4). Agents are the peers (scenario order), then the communities, then
 * the outside grid of a hybrid market. Per period:
 * <ul>
 * <li>a peer injects p + dis - ch (its own dispatch plus its storage, §4); a hybrid market's
 * community injects its net position e_c = export - import (§3); the outside grid is no balanced agent but sells at pi_imp and buys at pi_exp
 * on its trades, within its caps;</li>
 * <li>in a community market (§2) member m balances inj_m + alpha_m - beta_m = q_m with
 * q_m = q+ - q-, dual mu_m; the pool sum q_m = 0 gives the price lambda_c; caps bound sum alpha
 * and sum beta. In a hybrid market member m balances inj_m = q_m and the pool is
 * sum q_m + import - export = 0 (the manager trades the pool's balance in the parent market);</li>
 * <li>a root agent (hybrid, or every peer of a P2P market) balances inj = sum_j x_aj - sum_j
 * x_ja over directed trades x with cost c_ij = pref_i(j) + pref_j(i) (+ g), dual mu_a (§1).</li>
 * </ul>
 * In a community market (§2) alpha and beta are priced at the manager's pi_imp and pi_exp (the
 * term G); in a hybrid market the community's import and export are priced by its parent market.
 *
 * <p>Under a DSO policy ({@link HorizonGrid}; docs/combinations.md) a P2P market's trades are those of the shaped
 * graph, a hybrid root market's trades are shaped with communities and the outside at the reference bus, and each
 * peer's pool and outside legs are closed, re-weighted or charged; with line limits every rated line gets two
 * rows per period on the peers' net injections.
 */
final class HorizonProgram {
    enum Mode { P2P, COMMUNITY, HYBRID }

    final Scenario s;
    final Mode mode;
    final int periods;
    final int peers;
    final List<String> agents = new ArrayList<>();
    final List<Community> communities;
    /** Each agent's community (agent index), -1 for the root or a community market's top. */
    final int[] parent;
    final int[] level;
    final int outside;
    /** Root trades: seller, buyer, seller's pref, buyer's pref, charge. */
    final List<int[]> edges = new ArrayList<>();
    final List<double[]> edgeCosts = new ArrayList<>();

    final ConvexProgram program = new ConvexProgram();
    final int[][] p;
    final int[][] ch;
    final int[][] dis;
    final int[][] soc;
    final int[][] qp;
    final int[][] qm;
    final int[][] al;
    final int[][] be;
    final int[][] x;
    final int[][] row;
    final int[][] pool;
    /** Hybrid market: each community's import from and export to its parent market. */
    final int[][] cImp;
    final int[][] cExp;
    final List<Integer> varPeriod = new ArrayList<>();
    /** Each agent's root trades (edge indices), as seller or buyer. */
    private final List<List<Integer>> touching = new ArrayList<>();
    final double[] constantByPeriod;
    /** What the DSO sets, when a policy applies. */
    final Optional<HorizonGrid> grid;
    /** A P2P market's trading graph as the DSO phase shaped it (null: the scenario's own). */
    private final TradeGraph given;
    /** Each agent's network charge per kWh on its pool sale and purchase and on its import and export. */
    final double[] chargeQp;
    final double[] chargeQm;
    final double[] chargeAl;
    final double[] chargeBe;
    /** With line limits: each rated line's row per period (-1 for an unrated line), else null. */
    int[][] lineRow;

    HorizonProgram(Scenario s, Mode mode) {
        this(s, mode, null, Optional.empty());
    }

    /** {@code graph}: a P2P market's trading graph (null: the scenario's); {@code grid}: the DSO's part. */
    HorizonProgram(Scenario s, Mode mode, TradeGraph graph, Optional<HorizonGrid> grid) {
        this.s = s;
        this.mode = mode;
        this.given = graph;
        this.grid = grid;
        this.periods = s.periods();
        this.peers = s.peers().size();
        this.communities = s.communities().list();
        s.peers().forEach(pr -> agents.add(pr.id()));
        communities.forEach(c -> agents.add(c.id()));
        boolean hasOutside = mode == Mode.HYBRID && s.communities().outside().isPresent();
        outside = hasOutside ? agents.size() : -1;
        if (hasOutside) {
            agents.add(Communities.Outside.ID);
        }
        int a = agents.size();
        parent = new int[a];
        java.util.Arrays.fill(parent, -1);
        for (int c = 0; c < communities.size(); c++) {
            for (String m : communities.get(c).members()) {
                parent[agents.indexOf(m)] = peers + c;
            }
        }
        level = new int[a];
        for (int i = 0; i < a; i++) {
            level[i] = depth(i);
        }
        p = new int[a][];
        ch = new int[a][];
        dis = new int[a][];
        soc = new int[a][];
        qp = new int[a][];
        qm = new int[a][];
        al = new int[a][];
        be = new int[a][];
        row = new int[a][];
        pool = new int[communities.size()][];
        cImp = new int[communities.size()][];
        cExp = new int[communities.size()][];
        constantByPeriod = new double[periods];
        chargeQp = new double[a];
        chargeQm = new double[a];
        chargeAl = new double[a];
        chargeBe = new double[a];
        buildEdges();
        x = new int[edges.size()][periods];
        build();
    }

    private int depth(int agent) {
        int d = 0;
        for (int at = parent[agent]; at >= 0; at = parent[at]) {
            d++;
        }
        return d;
    }

    boolean isRoot(int agent) {
        return parent[agent] < 0 && (mode == Mode.HYBRID || mode == Mode.P2P && agent < peers);
    }

    private void buildEdges() {
        if (mode == Mode.P2P) {
            addEdges(given != null ? given : MarketInputs.graph(s));
        } else if (mode == Mode.HYBRID) {
            List<Integer> roots = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                if (parent[i] < 0) {
                    roots.add(i);
                }
            }
            TradeGraph.Builder b = TradeGraph.builder(agents.size());
            for (int i : roots) {
                for (int j : roots) {
                    if (i != j && (i >= peers || j >= peers || s.mayTrade(i, j))) {
                        b.add(i, j, pref(i, j), pref(j, i), 0);
                    }
                }
            }
            TradeGraph g = b.build();
            addEdges(grid.map(d -> peersPayCharges(d.shaper().shape(g, agentBus(d)))).orElse(g));
        }
    }

    private void addEdges(TradeGraph g) {
        for (int e = 0; e < g.edges(); e++) {
            edges.add(new int[] {g.seller(e), g.buyer(e)});
            edgeCosts.add(new double[] {g.prefSeller(e), g.prefBuyer(e), g.charge(e)});
        }
    }

    /** Each agent's bus position: a peer's own, the reference bus for communities and the outside. */
    private int[] agentBus(HorizonGrid d) {
        int[] bus = new int[agents.size()];
        for (int i = 0; i < bus.length; i++) {
            bus[i] = i < peers ? d.peerBus()[i] : d.referenceBus();
        }
        return bus;
    }

    /**
     * A network charge is paid by peers: on a root trade between two peers (by the buyer, as in P2P); a trade with
     * a community or the outside carries none, its energy being charged on the members' legs.
     */
    private TradeGraph peersPayCharges(TradeGraph g) {
        double[] c = new double[g.edges()];
        for (int e = 0; e < c.length; e++) {
            c[e] = g.seller(e) < peers && g.buyer(e) < peers ? g.charge(e) : 0;
        }
        return g.withCharges(c);
    }

    /** Agent i's leg from its bus to the reference bus (a sale or export) or back; open and free without a policy. */
    private HorizonGrid.Leg leg(int i, boolean out) {
        if (grid.isEmpty() || i >= peers) { // a sub-community's pool legs carry its members', charged there
            return HorizonGrid.Leg.OPEN;
        }
        HorizonGrid d = grid.get();
        int bus = d.peerBus()[i];
        return out ? d.leg(bus, d.referenceBus()) : d.leg(d.referenceBus(), bus);
    }

    /** Pool legs pay half a trade's charge each: a pool trade from one member to another has two. */
    private void poolCharges(int i, HorizonGrid.Leg out, HorizonGrid.Leg in) {
        chargeQp[i] = out.charge() / 2;
        chargeQm[i] = in.charge() / 2;
    }

    private static double open(HorizonGrid.Leg leg) {
        return leg.open() ? Double.POSITIVE_INFINITY : 0;
    }

    /** Agent i's cost per kWh of trading with agent j in the root market. */
    private double pref(int i, int j) {
        String other = agents.get(j);
        if (i < peers) {
            return s.peers().get(i).pref(other);
        }
        return i == outside ? 0 : communities.get(i - peers).pref(other);
    }

    private int var(int t, double lb, double ub, double c, double q) {
        int v = program.addVariable(lb, ub, c, q);
        varPeriod.add(t);
        return v;
    }

    private void build() {
        for (int n = 0; n < peers; n++) {
            addPeer(n);
        }
        for (int c = 0; c < communities.size(); c++) {
            addMembers(c);
        }
        for (int e = 0; e < edges.size(); e++) {
            double[] k = edgeCosts.get(e);
            for (int t = 0; t < periods; t++) {
                x[e][t] = var(t, 0, Double.POSITIVE_INFINITY, k[0] + k[1] + k[2] + outsidePrice(e, t), 0);
            }
        }
        for (int i = 0; i < agents.size(); i++) {
            touching.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            touching.get(edges.get(e)[0]).add(e);
            touching.get(edges.get(e)[1]).add(e);
        }
        addOutsideCaps();
        for (int i = 0; i < agents.size(); i++) {
            if ((parent[i] >= 0 || isRoot(i)) && i != outside) {
                addBalanceRows(i);
            }
        }
        for (int c = 0; c < communities.size(); c++) {
            addPoolRows(c);
        }
        for (int n = 0; n < peers; n++) {
            Storage st = s.storage().get(agents.get(n));
            if (st != null) {
                addStorageRows(n, st);
            }
        }
        grid.flatMap(HorizonGrid::limits).ifPresent(this::addLineRows);
    }

    /** -R_l - F_l <= mwPerKwh sum_n PTDF[l][bus_n] (p_n + dis_n - ch_n) <= R_l - F_l per rated line and period. */
    private void addLineRows(HorizonGrid.LineRows l) {
        int[] bus = grid.get().peerBus();
        lineRow = new int[l.ratingMw().length][periods];
        for (int line = 0; line < lineRow.length; line++) {
            double r = l.ratingMw()[line];
            boolean rated = Double.isFinite(r) && r > 0;
            boolean reached = false;
            for (int n = 0; n < peers; n++) {
                reached |= l.ptdf()[line][bus[n]] != 0;
            }
            double lo = -r - l.baseFlowMw()[line];
            double hi = r - l.baseFlowMw()[line];
            // a line no peer reaches keeps its base flow: a row only when that breaks the rating (infeasible)
            boolean row = rated && (reached || lo > 0 || hi < 0);
            for (int t = 0; t < periods; t++) {
                lineRow[line][t] = row ? program.addRow(lo, hi) : -1;
                for (int n = 0; row && n < peers; n++) {
                    double h = l.ptdf()[line][bus[n]] * l.mwPerKwh();
                    if (h != 0) {
                        addInjectionTerms(lineRow[line][t], n, t, h);
                    }
                }
            }
        }
    }

    private void addInjectionTerms(int r, int n, int t, double h) {
        program.set(r, p[n][t], h);
        if (dis[n] != null) {
            program.set(r, dis[n][t], h);
            program.set(r, ch[n][t], -h);
        }
    }

    /** What member agent k pays the DSO in period t for its legs at the solution. */
    double gridCharge(double[] sol, int k, int t) {
        double c = chargeQp[k] * sol[qp[k][t]] + chargeQm[k] * sol[qm[k][t]];
        if (al[k] != null) {
            c += chargeAl[k] * sol[al[k][t]] + chargeBe[k] * sol[be[k][t]];
        }
        return c;
    }

    /**
     * The outside grid is no balanced agent: it sells at pi_imp and buys at pi_exp, so its price
     * sits on its trades (and passing energy through it costs pi_imp - pi_exp >= 0).
     */
    double outsidePrice(int e, int t) {
        if (outside < 0) {
            return 0;
        }
        Communities.Outside o = s.communities().outside().orElseThrow();
        int[] edge = edges.get(e);
        return edge[0] == outside ? o.importPrice().at(t) : edge[1] == outside ? -o.exportPrice().at(t) : 0;
    }

    private void addOutsideCaps() {
        if (outside < 0) {
            return;
        }
        Communities.Outside o = s.communities().outside().orElseThrow();
        for (int t = 0; t < periods; t++) {
            double capImp = o.importCap().at(t);
            double capExp = o.exportCap().at(t);
            int ri = Double.isFinite(capImp) ? program.addRow(Double.NEGATIVE_INFINITY, capImp) : -1;
            int re = Double.isFinite(capExp) ? program.addRow(Double.NEGATIVE_INFINITY, capExp) : -1;
            for (int e : touching.get(outside)) {
                if (edges.get(e)[0] == outside && ri >= 0) {
                    program.set(ri, x[e][t], 1);
                } else if (edges.get(e)[1] == outside && re >= 0) {
                    program.set(re, x[e][t], 1);
                }
            }
        }
    }

    private void addPeer(int n) {
        Peer peer = s.peers().get(n);
        p[n] = new int[periods];
        for (int t = 0; t < periods; t++) {
            p[n][t] = var(t, peer.pmin().at(t), peer.pmax().at(t), peer.cost().b().at(t), peer.cost().a().at(t));
            constantByPeriod[t] += peer.cost().d();
        }
        Storage st = s.storage().get(peer.id());
        if (st == null) {
            return;
        }
        ch[n] = new int[periods];
        dis[n] = new int[periods];
        soc[n] = new int[periods + 1];
        soc[n][0] = st.freeInitial() ? var(0, 0, st.capacity(), 0, 0) : -1;
        for (int t = 0; t < periods; t++) {
            ch[n][t] = var(t, 0, st.chargeMax().at(t), 0, 0);
            dis[n][t] = var(t, 0, st.dischargeMax().at(t), 0, 0);
            soc[n][t + 1] = var(t, 0, st.capacity(), 0, 0);
        }
    }

    private void addMembers(int c) {
        Community com = communities.get(c);
        Community.Manager m = com.manager();
        if (mode == Mode.HYBRID) {
            addHybridMembers(c);
            return;
        }
        for (String member : com.members()) {
            int i = agents.indexOf(member);
            qp[i] = new int[periods];
            qm[i] = new int[periods];
            al[i] = new int[periods];
            be[i] = new int[periods];
            double wImp = i < peers ? s.communities().wImp(member) : 0;
            double wExp = i < peers ? s.communities().wExp(member) : 0;
            HorizonGrid.Leg out = leg(i, true);
            HorizonGrid.Leg in = leg(i, false);
            poolCharges(i, out, in);
            chargeAl[i] = in.charge(); // an outside leg pays a whole trade's charge
            chargeBe[i] = out.charge();
            for (int t = 0; t < periods; t++) {
                double fee = m.fee().at(t);
                qp[i][t] = var(t, 0, open(out), fee + chargeQp[i], 0);
                qm[i][t] = var(t, 0, open(in), fee + chargeQm[i], 0);
                al[i][t] = var(t, 0, open(in), wImp * in.factor() + m.importPrice().at(t) + chargeAl[i], 0);
                be[i][t] = var(t, 0, open(out), -wExp * out.factor() - m.exportPrice().at(t) + chargeBe[i], 0);
            }
        }
    }

    /**
     * In a hybrid market members trade only with their pool (fee phi on every kWh bought or
     * sold); the manager trades the pool's surplus or deficit in the parent market, within the
     * caps. Otherwise members could net imports against exports through the parent and skip the
     * fee (both at the one parent price).
     */
    private void addHybridMembers(int c) {
        Community com = communities.get(c);
        Community.Manager m = com.manager();
        for (String member : com.members()) {
            int i = agents.indexOf(member);
            qp[i] = new int[periods];
            qm[i] = new int[periods];
            HorizonGrid.Leg out = leg(i, true);
            HorizonGrid.Leg in = leg(i, false);
            poolCharges(i, out, in);
            for (int t = 0; t < periods; t++) {
                qp[i][t] = var(t, 0, open(out), m.fee().at(t) + chargeQp[i], 0);
                qm[i][t] = var(t, 0, open(in), m.fee().at(t) + chargeQm[i], 0);
            }
        }
        cImp[c] = new int[periods];
        cExp[c] = new int[periods];
        for (int t = 0; t < periods; t++) {
            cImp[c][t] = var(t, 0, m.importCap().at(t), 0, 0);
            cExp[c][t] = var(t, 0, m.exportCap().at(t), 0, 0);
        }
    }

    /** inj(agent) + member terms + root trade terms = 0, one row per period. */
    private void addBalanceRows(int i) {
        row[i] = new int[periods];
        for (int t = 0; t < periods; t++) {
            int r = program.addRow(0, 0);
            row[i][t] = r;
            addInjection(r, i, t);
            if (parent[i] >= 0) {
                if (al[i] != null) {
                    program.set(r, al[i][t], 1);
                    program.set(r, be[i][t], -1);
                }
                program.set(r, qp[i][t], -1);
                program.set(r, qm[i][t], 1);
            }
            for (int e : touching.get(i)) {
                program.set(r, x[e][t], edges.get(e)[0] == i ? -1 : 1);
            }
        }
    }

    /** The trade edges with agent i at one end, in edge order. */
    List<Integer> edgesOf(int i) {
        return touching.get(i);
    }

    private void addInjection(int r, int i, int t) {
        if (i < peers) {
            program.set(r, p[i][t], 1);
            if (dis[i] != null) {
                program.set(r, dis[i][t], 1);
                program.set(r, ch[i][t], -1);
            }
        } else {
            program.set(r, cExp[i - peers][t], 1);
            program.set(r, cImp[i - peers][t], -1);
        }
    }

    private void addPoolRows(int c) {
        Community com = communities.get(c);
        pool[c] = new int[periods];
        for (int t = 0; t < periods; t++) {
            pool[c][t] = program.addRow(0, 0);
            if (mode == Mode.HYBRID) {
                program.set(pool[c][t], cImp[c][t], 1);
                program.set(pool[c][t], cExp[c][t], -1);
                for (String m : com.members()) {
                    int k = agents.indexOf(m);
                    program.set(pool[c][t], qp[k][t], 1);
                    program.set(pool[c][t], qm[k][t], -1);
                }
                continue;
            }
            double capImp = com.manager().importCap().at(t);
            double capExp = com.manager().exportCap().at(t);
            int ri = Double.isFinite(capImp) ? program.addRow(Double.NEGATIVE_INFINITY, capImp) : -1;
            int re = Double.isFinite(capExp) ? program.addRow(Double.NEGATIVE_INFINITY, capExp) : -1;
            for (String m : com.members()) {
                int k = agents.indexOf(m);
                program.set(pool[c][t], qp[k][t], 1);
                program.set(pool[c][t], qm[k][t], -1);
                if (ri >= 0) {
                    program.set(ri, al[k][t], 1);
                }
                if (re >= 0) {
                    program.set(re, be[k][t], 1);
                }
            }
        }
    }

    /** soc_t = soc_(t-1) + eta_c ch_t - dis_t / eta_d, and the final SOC fixed or cyclic (§4). */
    private void addStorageRows(int n, Storage st) {
        for (int t = 0; t < periods; t++) {
            boolean fixedStart = t == 0 && soc[n][0] < 0;
            double rhs = fixedStart ? st.socInitial() : 0;
            int r = program.addRow(rhs, rhs);
            program.set(r, soc[n][t + 1], 1);
            if (!fixedStart) {
                program.set(r, soc[n][t], -1);
            }
            program.set(r, ch[n][t], -st.etaCharge());
            program.set(r, dis[n][t], 1 / st.etaDischarge());
        }
        double target = st.cyclic() ? (st.freeInitial() ? 0 : st.socInitial()) : st.socFinal();
        int r = program.addRow(target, target);
        program.set(r, soc[n][periods], 1);
        if (st.cyclic() && st.freeInitial()) {
            program.set(r, soc[n][0], -1);
        }
    }

    /** The objective of period t at the solution x (its variables' costs and the peers' constants). */
    double periodObjective(double[] sol, int t) {
        double f = constantByPeriod[t];
        for (int v = 0; v < sol.length; v++) {
            if (varPeriod.get(v) == t) {
                f += 0.5 * program.q(v) * sol[v] * sol[v] + program.c(v) * sol[v];
            }
        }
        return f;
    }

    /** The SOC at the start of the horizon. */
    double initialSoc(int n, double[] sol) {
        Storage st = s.storage().get(agents.get(n));
        return soc[n][0] >= 0 ? sol[soc[n][0]] : st.socInitial();
    }

    /** Largest violation of an equality or inequality row, and of a bound, at sol. */
    double[] violations(double[] sol) {
        return program.violations(sol);
    }

    Map<String, Storage> storage() {
        return s.storage();
    }
}
