package org.peermarket.market.solver;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPQuadraticObjective;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import com.google.ortools.linearsolver.MPVariableProto;
import org.peermarket.market.MarketInput;
import org.peermarket.market.TradeGraph;

/**
 * Solves the full P2P problem with OR-Tools PDLP, a first-order primal-dual method for convex
 * QPs with a diagonal objective, which is exactly our structure (quadratic in p only) and
 * scales with the number of trades. Chosen over ojAlgo's dense active-set QP after measuring
 * (docs/solvers.md): that one needed 21 s for 40 peers with 400 trades.
 *
 * <p>Variables are p_n then x_e; row n is p_n - sum_out x + sum_in x = 0, whose dual value is
 * mu_n with the sign convention of markets.md. The model handed to PDLP is scaled so that
 * quantities and prices are of order one (p = Q p', objective / (P Q)), whatever the scenario's
 * units: a first-order method is sensitive to scale. Results are scaled back before return.
 */
public final class PdlpSolver {
    /** Raw solver output, before any checking. */
    public record Raw(MPSolverResponseStatus status, String message, double[] p, double[] x, double[] mu,
               long iterations, double seconds) {

        /** This solve with the effort of an earlier one added, for reporting. */
        public Raw after(Raw earlier) {
            return new Raw(status, message, p, x, mu, iterations + earlier.iterations, seconds + earlier.seconds);
        }
    }

    private final double relativeTolerance;

    public PdlpSolver(double relativeTolerance) {
        this.relativeTolerance = relativeTolerance;
    }

    public Raw solve(MarketInput in) {
        Loading.ensure();
        long start = System.nanoTime();
        double q = Kkt.quantityScale(in);
        double pr = Kkt.priceScale(in);
        MPModelRequest request = MPModelRequest.newBuilder()
                .setModel(model(in, q, pr))
                .setSolverType(MPModelRequest.SolverType.PDLP_LINEAR_PROGRAMMING)
                .setSolverSpecificParameters(ConvexSolve.pdlpParameters(relativeTolerance))
                .build();
        MPSolutionResponse r = com.google.ortools.linearsolver.MPSolver.solveWithProto(request);
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = in.size();
        int m = in.graph().edges();
        double[] p = new double[n];
        double[] x = new double[m];
        double[] mu = new double[n];
        if (r.getVariableValueCount() == n + m) {
            for (int i = 0; i < n; i++) {
                p[i] = q * r.getVariableValue(i);
            }
            for (int e = 0; e < m; e++) {
                x[e] = q * r.getVariableValue(n + e);
            }
        }
        if (r.getDualValueCount() == n) {
            for (int i = 0; i < n; i++) {
                mu[i] = pr * r.getDualValue(i);
            }
        }
        return new Raw(r.getStatus(), r.getStatusStr(), p, x, mu, ConvexSolve.iterations(r), seconds);
    }

    private static MPModelProto model(MarketInput in, double q, double pr) {
        MPModelProto.Builder model = MPModelProto.newBuilder();
        MPQuadraticObjective.Builder quadratic = MPQuadraticObjective.newBuilder();
        double constant = 0;
        int n = in.size();
        for (int i = 0; i < n; i++) {
            model.addVariable(MPVariableProto.newBuilder()
                    .setLowerBound(in.pmin(i) / q).setUpperBound(in.pmax(i) / q).setObjectiveCoefficient(in.b(i) / pr));
            if (in.a(i) != 0) {
                quadratic.addQvar1Index(i).addQvar2Index(i).addCoefficient(0.5 * in.a(i) * q / pr);
            }
            constant += in.d(i) / (pr * q);
        }
        TradeGraph g = in.graph();
        MPConstraintProto.Builder[] rows = new MPConstraintProto.Builder[n];
        for (int i = 0; i < n; i++) {
            rows[i] = MPConstraintProto.newBuilder().setLowerBound(0).setUpperBound(0)
                    .addVarIndex(i).addCoefficient(1.0);
        }
        for (int e = 0; e < g.edges(); e++) {
            model.addVariable(MPVariableProto.newBuilder()
                    .setLowerBound(0).setUpperBound(Double.POSITIVE_INFINITY).setObjectiveCoefficient(g.cost(e) / pr));
            rows[g.seller(e)].addVarIndex(n + e).addCoefficient(-1.0);
            rows[g.buyer(e)].addVarIndex(n + e).addCoefficient(1.0);
        }
        for (MPConstraintProto.Builder row : rows) {
            model.addConstraint(row);
        }
        return model.setQuadraticObjective(quadratic).setObjectiveOffset(constant).build();
    }
}
