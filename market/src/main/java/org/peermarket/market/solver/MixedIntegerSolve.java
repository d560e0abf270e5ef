package org.peermarket.market.solver;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPVariableProto;
import org.peermarket.market.Status;

/**
 * A linear {@link ConvexProgram} with some integer variables, solved by SCIP through OR-Tools' MPSolver (CP-SAT
 * when SCIP is not available). Only for the all-or-nothing bids of the LFM: the caller fixes the integer values
 * found here and re-solves the remaining LP with {@link ConvexSolve}, which verifies it and gives the duals.
 */
public final class MixedIntegerSolve {
    public record Answer(Status status, double[] x, String solver) {}

    private MixedIntegerSolve() {}

    public static Answer solve(ConvexProgram p, boolean[] integer) {
        if (!p.isLinear()) {
            throw new IllegalArgumentException("only linear programs take integer variables here");
        }
        Loading.ensure();
        MPModelProto.Builder model = MPModelProto.newBuilder();
        for (int i = 0; i < p.variables(); i++) {
            model.addVariable(MPVariableProto.newBuilder().setLowerBound(p.lb(i)).setUpperBound(p.ub(i))
                    .setObjectiveCoefficient(p.c(i)).setIsInteger(integer[i]));
        }
        for (int r = 0; r < p.rows(); r++) {
            ConvexProgram.Row row = p.row(r);
            MPConstraintProto.Builder c = MPConstraintProto.newBuilder().setLowerBound(p.rowLb(r)).setUpperBound(p.rowUb(r));
            for (int k = 0; k < row.index().length; k++) {
                c.addVarIndex(row.index()[k]).addCoefficient(row.value()[k]);
            }
            model.addConstraint(c);
        }
        MPModelProto built = model.build();
        Answer scip = run(built, MPModelRequest.SolverType.SCIP_MIXED_INTEGER_PROGRAMMING, "scip", p.variables());
        if (scip.status() != Status.NOT_SOLVED) {
            return scip;
        }
        return run(built, MPModelRequest.SolverType.SAT_INTEGER_PROGRAMMING, "cp-sat", p.variables());
    }

    private static Answer run(MPModelProto model, MPModelRequest.SolverType type, String name, int n) {
        MPSolutionResponse r = com.google.ortools.linearsolver.MPSolver.solveWithProto(
                MPModelRequest.newBuilder().setModel(model).setSolverType(type).setSolverTimeLimitSeconds(60).build());
        return switch (r.getStatus()) {
            case MPSOLVER_OPTIMAL -> {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = r.getVariableValue(i);
                }
                yield new Answer(Status.OPTIMAL, x, name);
            }
            case MPSOLVER_INFEASIBLE -> new Answer(Status.INFEASIBLE, new double[n], name);
            default -> new Answer(Status.NOT_SOLVED, new double[n], name + ": " + r.getStatus());
        };
    }
}
