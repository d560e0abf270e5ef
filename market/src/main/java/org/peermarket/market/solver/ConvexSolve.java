package org.peermarket.market.solver;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPQuadraticObjective;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import com.google.ortools.linearsolver.MPVariableProto;
import com.google.ortools.pdlp.SolveLog;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Locale;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.R064Store;
import org.peermarket.market.Status;

/**
 * Solves a {@link ConvexProgram} and checks the answer before returning it. A linear program
 * goes to GLOP (simplex: an exact vertex with its duals). A quadratic one goes to PDLP on a
 * scaled copy, then the KKT conditions are solved exactly on the active set PDLP found (the
 * generic form of the P2P market's polish); the polished point is kept only if it verifies.
 * Every returned OPTIMAL solution passed {@link Solution#kktResidual()} <= 1e-9 (relative);
 * a point that only reaches 1e-6 is returned as OPTIMAL with {@code polished = false} and its
 * residual, anything worse as NOT_SOLVED.
 */
public final class ConvexSolve {
    static final double TIGHT = 1e-9;
    static final double LOOSE = 1e-6;

    private ConvexSolve() {}

    /**
     * An answer: x, row duals y and reduced costs z (gradient = A^T y + z), the objective and
     * the relative KKT residual it was verified at.
     */
    public record Solution(Status status, double[] x, double[] rowDual, double[] reducedCost, double objective,
                           double kktResidual, boolean polished, String solver, long iterations, double seconds,
                           String message) {
        public boolean ok() {
            return status == Status.OPTIMAL;
        }
    }

    public static Solution solve(ConvexProgram p) {
        Loading.ensure();
        long start = System.nanoTime();
        if (p.variables() == 0) {
            return new Solution(Status.OPTIMAL, new double[0], new double[p.rows()], new double[0], p.constant(), 0,
                    true, "none", 0, 0, "empty");
        }
        return p.isLinear() ? linear(p, start) : quadratic(p, start);
    }

    private static Solution linear(ConvexProgram p, long start) {
        MPSolutionResponse r = run(p, 1, 1, MPModelRequest.SolverType.GLOP_LINEAR_PROGRAMMING, null);
        double secs = (System.nanoTime() - start) / 1e9;
        Status failed = failure(r.getStatus());
        if (failed != null || r.getVariableValueCount() != p.variables()) {
            return failedSolution(p, failed == null ? Status.NOT_SOLVED : failed, "glop", 0, secs, r.getStatusStr());
        }
        double[] x = values(r, 1);
        double[] y = duals(r, p.rows(), 1);
        return verified(p, x, y, true, "glop", 0, secs, r.getStatusStr());
    }

    private static Solution quadratic(ConvexProgram p, long start) {
        double qs = quantityScale(p);
        double ps = priceScale(p, qs);
        long iterations = 0;
        Solution last = null;
        for (double tol : new double[] {1e-7, 1e-10}) {
            MPSolutionResponse r = run(p, qs, ps, MPModelRequest.SolverType.PDLP_LINEAR_PROGRAMMING, pdlpParameters(tol));
            iterations += iterations(r);
            double secs = (System.nanoTime() - start) / 1e9;
            Status failed = failure(r.getStatus());
            if (failed == Status.INFEASIBLE || failed == Status.UNBOUNDED) {
                return failedSolution(p, failed, "pdlp", iterations, secs, r.getStatusStr());
            }
            if (r.getVariableValueCount() != p.variables()) {
                continue;
            }
            double[] x = values(r, qs);
            double[] y = duals(r, p.rows(), ps / qs);
            Solution polished = polish(p, x, y, qs).map(xy -> verified(p, xy[0], xy[1], true, "pdlp", 0, 0, "")).orElse(null);
            if (polished != null && polished.kktResidual() <= TIGHT) {
                return withEffort(polished, iterations, secs);
            }
            last = withEffort(verified(p, x, y, false, "pdlp", 0, 0, r.getStatusStr()), iterations, secs);
            if (last.kktResidual() <= TIGHT) {
                return last;
            }
        }
        if (last != null && last.kktResidual() <= LOOSE) {
            return last;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return last != null
                ? new Solution(Status.NOT_SOLVED, last.x(), last.rowDual(), last.reducedCost(), last.objective(),
                        last.kktResidual(), false, "pdlp", iterations, secs,
                        "no point met the optimality conditions (relative residual " + last.kktResidual() + ")")
                : failedSolution(p, Status.NOT_SOLVED, "pdlp", iterations, secs, "the solver returned no point");
    }

    private static Solution withEffort(Solution s, long iterations, double seconds) {
        return new Solution(s.status(), s.x(), s.rowDual(), s.reducedCost(), s.objective(), s.kktResidual(),
                s.polished(), s.solver(), iterations, seconds, s.message());
    }

    private static Solution failedSolution(ConvexProgram p, Status status, String solver, long it, double secs,
                                           String message) {
        return new Solution(status, new double[p.variables()], new double[p.rows()], new double[p.variables()],
                Double.NaN, Double.NaN, false, solver, it, secs, message);
    }

    private static Status failure(MPSolverResponseStatus s) {
        return switch (s) {
            case MPSOLVER_OPTIMAL, MPSOLVER_FEASIBLE -> null;
            case MPSOLVER_INFEASIBLE -> Status.INFEASIBLE;
            case MPSOLVER_UNBOUNDED -> Status.UNBOUNDED;
            default -> Status.NOT_SOLVED;
        };
    }

    /** Verifies (x, y) and returns it as OPTIMAL when the relative KKT residual is within LOOSE. */
    private static Solution verified(ConvexProgram p, double[] x, double[] y, boolean polished, String solver,
                                     long it, double secs, String message) {
        double[] z = reducedCosts(p, x, y);
        double res = Residual.of(p, x, y, z);
        Status status = res <= LOOSE ? Status.OPTIMAL : Status.NOT_SOLVED;
        return new Solution(status, x, y, z, p.objective(x), res, polished && res <= TIGHT, solver, it, secs, message);
    }

    static double[] reducedCosts(ConvexProgram p, double[] x, double[] y) {
        double[] z = new double[p.variables()];
        for (int i = 0; i < z.length; i++) {
            z[i] = p.q(i) * x[i] + p.c(i);
        }
        for (int r = 0; r < p.rows(); r++) {
            ConvexProgram.Row row = p.row(r);
            for (int k = 0; k < row.index().length; k++) {
                z[row.index()[k]] -= row.value()[k] * y[r];
            }
        }
        return z;
    }

    /**
     * Solves the KKT equations on the active set of (x, y): variables at a bound stay there,
     * rows at a bound hold with equality, inactive rows get a zero dual. Returns {x, y}.
     */
    private static java.util.Optional<double[][]> polish(ConvexProgram p, double[] x0, double[] y0, double qs) {
        int n = p.variables();
        int m = p.rows();
        double tol = 1e-6 * qs;
        int[] varPos = new int[n];
        int nf = 0;
        double[] x = x0.clone();
        for (int i = 0; i < n; i++) {
            boolean atLb = Double.isFinite(p.lb(i)) && x0[i] - p.lb(i) <= tol;
            boolean atUb = Double.isFinite(p.ub(i)) && p.ub(i) - x0[i] <= tol;
            if (atLb || atUb) {
                x[i] = atLb ? p.lb(i) : p.ub(i);
                varPos[i] = -1;
            } else {
                varPos[i] = nf++;
            }
        }
        ConvexProgram.Row[] rows = new ConvexProgram.Row[m];
        int[] rowPos = new int[m];
        double[] rhs = new double[m];
        int na = 0;
        for (int r = 0; r < m; r++) {
            rows[r] = p.row(r);
            double ax = rows[r].dot(x0);
            boolean atLb = Double.isFinite(p.rowLb(r)) && ax - p.rowLb(r) <= tol;
            boolean atUb = Double.isFinite(p.rowUb(r)) && p.rowUb(r) - ax <= tol;
            if (atLb || atUb) {
                rhs[r] = atLb ? p.rowLb(r) : p.rowUb(r);
                rowPos[r] = nf + na++;
            } else {
                rowPos[r] = -1;
            }
        }
        int size = nf + na;
        if (size == 0 || size > 4000) {
            return java.util.Optional.empty();
        }
        R064Store a = R064Store.FACTORY.make(size, size);
        R064Store b = R064Store.FACTORY.make(size, 1);
        for (int i = 0; i < n; i++) {
            if (varPos[i] >= 0) {
                a.set(varPos[i], varPos[i], p.q(i));
                b.set(varPos[i], 0, -p.c(i));
            }
        }
        for (int r = 0; r < m; r++) {
            if (rowPos[r] < 0) {
                continue;
            }
            double fixed = 0;
            for (int k = 0; k < rows[r].index().length; k++) {
                int i = rows[r].index()[k];
                double v = rows[r].value()[k];
                if (varPos[i] >= 0) {
                    a.set(varPos[i], rowPos[r], -v); // q x + c - A^T y = 0
                    a.set(rowPos[r], varPos[i], v);  // A x = rhs
                } else {
                    fixed += v * x[i];
                }
            }
            b.set(rowPos[r], 0, rhs[r] - fixed);
        }
        LU<Double> lu = LU.R064.make(a);
        if (!lu.decompose(a) || !lu.isSolvable()) {
            return java.util.Optional.empty();
        }
        var sol = lu.getSolution(b);
        double[] y = new double[m];
        for (int i = 0; i < n; i++) {
            if (varPos[i] >= 0) {
                x[i] = sol.doubleValue(varPos[i], 0);
            }
        }
        for (int r = 0; r < m; r++) {
            if (rowPos[r] >= 0) {
                y[r] = sol.doubleValue(rowPos[r], 0);
            }
        }
        return java.util.Optional.of(new double[][] {x, y});
    }

    private static MPSolutionResponse run(ConvexProgram p, double qs, double ps, MPModelRequest.SolverType type,
                                          String params) {
        MPModelProto.Builder model = MPModelProto.newBuilder();
        MPQuadraticObjective.Builder quad = MPQuadraticObjective.newBuilder();
        for (int i = 0; i < p.variables(); i++) {
            model.addVariable(MPVariableProto.newBuilder().setLowerBound(p.lb(i) / qs).setUpperBound(p.ub(i) / qs)
                    .setObjectiveCoefficient(p.c(i) * qs / ps));
            if (p.q(i) != 0) {
                quad.addQvar1Index(i).addQvar2Index(i).addCoefficient(0.5 * p.q(i) * qs * qs / ps);
            }
        }
        for (int r = 0; r < p.rows(); r++) {
            ConvexProgram.Row row = p.row(r);
            MPConstraintProto.Builder c = MPConstraintProto.newBuilder()
                    .setLowerBound(p.rowLb(r) / qs).setUpperBound(p.rowUb(r) / qs);
            for (int k = 0; k < row.index().length; k++) {
                c.addVarIndex(row.index()[k]).addCoefficient(row.value()[k]);
            }
            model.addConstraint(c);
        }
        if (quad.getCoefficientCount() > 0) {
            model.setQuadraticObjective(quad);
        }
        MPModelRequest.Builder req = MPModelRequest.newBuilder().setModel(model).setSolverType(type);
        if (params != null) {
            req.setSolverSpecificParameters(params);
        }
        return com.google.ortools.linearsolver.MPSolver.solveWithProto(req.build());
    }

    private static double[] values(MPSolutionResponse r, double qs) {
        double[] x = new double[r.getVariableValueCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = qs * r.getVariableValue(i);
        }
        return x;
    }

    private static double[] duals(MPSolutionResponse r, int rows, double scale) {
        double[] y = new double[rows];
        if (r.getDualValueCount() == rows) {
            for (int k = 0; k < rows; k++) {
                y[k] = scale * r.getDualValue(k);
            }
        }
        return y;
    }

    /** Largest finite bound, a typical quantity, so that the scaled model is of order one. */
    public static double quantityScale(ConvexProgram p) {
        double s = 0;
        for (int i = 0; i < p.variables(); i++) {
            s = Math.max(s, finite(p.lb(i)));
            s = Math.max(s, finite(p.ub(i)));
        }
        for (int r = 0; r < p.rows(); r++) {
            s = Math.max(s, finite(p.rowLb(r)));
            s = Math.max(s, finite(p.rowUb(r)));
        }
        return s > 0 ? s : 1;
    }

    static double priceScale(ConvexProgram p, double qs) {
        double s = 0;
        for (int i = 0; i < p.variables(); i++) {
            s = Math.max(s, Math.abs(p.c(i)));
            s = Math.max(s, p.q(i) * qs);
        }
        return s > 0 ? s : 1;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }

    /** PDLP stopping at relative tolerance tol (absolute tol/1000), single-threaded, quiet. */
    static String pdlpParameters(double tol) {
        return String.format(Locale.ROOT,
                "termination_criteria { simple_optimality_criteria { eps_optimal_absolute: %g eps_optimal_relative: %g } "
                        + "iteration_limit: 2000000 } num_threads: 1 verbosity_level: 0", tol * 1e-3, tol);
    }

    /** PDLP's iteration count from its solve log; 0 when it is not there. */
    static long iterations(MPSolutionResponse r) {
        try {
            return SolveLog.parseFrom(r.getSolverSpecificInfo()).getIterationCount();
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }

    /** The relative KKT residual: primal infeasibility, stationarity sign errors and complementarity. */
    static final class Residual {
        private Residual() {}

        static double of(ConvexProgram p, double[] x, double[] y, double[] z) {
            double qs = quantityScale(p);
            double ps = priceScale(p, qs);
            double tolQ = 1e-7 * qs;
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.max(p.lb(i) - x[i], x[i] - p.ub(i)) / qs);
                boolean atLb = Double.isFinite(p.lb(i)) && x[i] - p.lb(i) <= tolQ;
                boolean atUb = Double.isFinite(p.ub(i)) && p.ub(i) - x[i] <= tolQ;
                // z > 0 needs x at its lower bound, z < 0 at its upper bound
                double wrong = (atLb ? 0 : Math.max(0, z[i])) + (atUb ? 0 : Math.max(0, -z[i]));
                worst = Math.max(worst, wrong / ps);
                worst = Math.max(worst, complementarity(z[i], x[i], p.lb(i), p.ub(i), qs) / (ps * qs));
            }
            for (int r = 0; r < p.rows(); r++) {
                double ax = p.row(r).dot(x);
                worst = Math.max(worst, Math.max(p.rowLb(r) - ax, ax - p.rowUb(r)) / qs);
                boolean atLb = Double.isFinite(p.rowLb(r)) && ax - p.rowLb(r) <= tolQ;
                boolean atUb = Double.isFinite(p.rowUb(r)) && p.rowUb(r) - ax <= tolQ;
                double wrong = (atLb ? 0 : Math.max(0, y[r])) + (atUb ? 0 : Math.max(0, -y[r]));
                worst = Math.max(worst, wrong / ps);
                worst = Math.max(worst, complementarity(y[r], ax, p.rowLb(r), p.rowUb(r), qs) / (ps * qs));
            }
            return Math.max(0, worst);
        }

        /** dual times the distance to the bound it belongs to; without that bound, dual times the scale. */
        private static double complementarity(double dual, double v, double lb, double ub, double qs) {
            if (dual > 0) {
                return dual * (Double.isFinite(lb) ? Math.abs(v - lb) : qs);
            }
            if (dual < 0) {
                return -dual * (Double.isFinite(ub) ? Math.abs(ub - v) : qs);
            }
            return 0;
        }
    }
}
