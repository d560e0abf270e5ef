package org.peermarket.market.solver;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import com.google.ortools.linearsolver.MPVariableProto;
import java.util.Optional;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Chooses which trades carry the optimal net injections. When trade costs tie (all zero, say)
 * the optimal trades are not unique, and a solver may route energy through peers that only
 * relay it, inflating the traded volume. Among the trades that are optimal at prices mu (the
 * tight edges, mu_buyer - mu_seller = c_ij), this picks the set with the least total volume:
 * a linear program solved with OR-Tools GLOP (simplex, so the result is a sparse vertex).
 */
public final class TradeSplit {
    private TradeSplit() {}

    public static Optional<double[]> leastVolume(MarketInput in, double[] p, double[] mu, double tightTolerance) {
        Loading.ensure();
        TradeGraph g = in.graph();
        int n = in.size();
        int[] tight = new int[g.edges()];
        int k = 0;
        for (int e = 0; e < g.edges(); e++) {
            if (Math.abs(g.cost(e) + mu[g.seller(e)] - mu[g.buyer(e)]) <= tightTolerance) {
                tight[k++] = e;
            }
        }
        double q = Kkt.quantityScale(in);
        MPModelProto.Builder model = MPModelProto.newBuilder();
        MPConstraintProto.Builder[] rows = new MPConstraintProto.Builder[n];
        for (int i = 0; i < n; i++) {
            rows[i] = MPConstraintProto.newBuilder().setLowerBound(p[i] / q).setUpperBound(p[i] / q);
        }
        for (int j = 0; j < k; j++) {
            int e = tight[j];
            model.addVariable(MPVariableProto.newBuilder().setLowerBound(0)
                    .setUpperBound(Double.POSITIVE_INFINITY).setObjectiveCoefficient(1.0));
            rows[g.seller(e)].addVarIndex(j).addCoefficient(1.0);
            rows[g.buyer(e)].addVarIndex(j).addCoefficient(-1.0);
        }
        for (MPConstraintProto.Builder row : rows) {
            model.addConstraint(row);
        }
        MPSolutionResponse r = com.google.ortools.linearsolver.MPSolver.solveWithProto(MPModelRequest.newBuilder()
                .setModel(model).setSolverType(MPModelRequest.SolverType.GLOP_LINEAR_PROGRAMMING).build());
        if (r.getStatus() != MPSolverResponseStatus.MPSOLVER_OPTIMAL || r.getVariableValueCount() != k) {
            return Optional.empty();
        }
        double[] x = new double[g.edges()];
        for (int j = 0; j < k; j++) {
            x[tight[j]] = Math.max(0, q * r.getVariableValue(j));
        }
        return Optional.of(x);
    }
}
