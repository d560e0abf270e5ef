package org.peermarket.market.flex;

import java.util.ArrayList;
import java.util.List;
import org.peermarket.market.Status;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.market.solver.ConvexProgram;
import org.peermarket.market.solver.ConvexSolve;

/**
 * Bilateral P2P capacity trade with explicit service (seed 003 CM5; docs/dso-policies.md#explicit-service): the
 * DSO states a flexibility volume V for an area; each peer of the area gets an obligation o_n (default pro rata to
 * its capacity, so sum o_n = V) and may provide more or less than it by trading capacity with other peers:
 * x_ij >= 0 is capacity peer i provides on behalf of peer j. Peer n provides
 * k_n = o_n + sum_j x_nj - sum_j x_jn within 0 <= k_n <= cap_n at c_n per MW. The LP
 * min sum c_n k_n + sum t_ij x_ij meets V at least cost (sum k_n = sum o_n = V); the balance duals are each peer's
 * capacity price (y_j - y_i = t_ij on every trade).
 */
public final class ExplicitService {
    /** The outcome: status, each peer's provided capacity and price, the capacity trades and the total cost. */
    public record Result(Status status, double[] providedMw, double[] price, List<Trade> trades, double cost) {}

    private ExplicitService() {}

    /** Obligations pro rata to capacity: o_n = V cap_n / sum cap. */
    public static double[] proRata(double volumeMw, double[] capacityMw) {
        double total = 0;
        for (double c : capacityMw) {
            total += c;
        }
        double[] o = new double[capacityMw.length];
        for (int n = 0; n < o.length; n++) {
            o[n] = total > 0 ? volumeMw * capacityMw[n] / total : 0;
        }
        return o;
    }

    /** Clears with obligations o (sum = V), capacities, costs per MW and the trading graph's costs t_ij. */
    public static Result clear(double[] obligationMw, double[] capacityMw, double[] costPerMw, TradeGraph graph) {
        int n = obligationMw.length;
        ConvexProgram p = new ConvexProgram();
        for (int i = 0; i < n; i++) {
            p.addVariable(0, capacityMw[i], costPerMw[i]);
        }
        for (int e = 0; e < graph.edges(); e++) {
            p.addVariable(0, Double.POSITIVE_INFINITY, graph.cost(e));
        }
        for (int i = 0; i < n; i++) {
            int r = p.addRow(obligationMw[i], obligationMw[i]);
            p.set(r, i, 1);
        }
        for (int e = 0; e < graph.edges(); e++) {
            p.set(graph.seller(e), n + e, -1);
            p.set(graph.buyer(e), n + e, 1);
        }
        ConvexSolve.Solution s = ConvexSolve.solve(p);
        if (!s.ok()) {
            return new Result(s.status(), new double[n], new double[n], List.of(), Double.NaN);
        }
        double[] k = java.util.Arrays.copyOf(s.x(), n);
        double[] y = java.util.Arrays.copyOf(s.rowDual(), n);
        List<Trade> trades = new ArrayList<>();
        for (int e = 0; e < graph.edges(); e++) {
            double x = s.x()[n + e];
            if (x > 1e-12) {
                trades.add(new Trade(graph.seller(e), graph.buyer(e), x, y[graph.seller(e)] + graph.prefSeller(e),
                        graph.charge(e)));
            }
        }
        return new Result(Status.OPTIMAL, k, y, trades, s.objective());
    }
}
