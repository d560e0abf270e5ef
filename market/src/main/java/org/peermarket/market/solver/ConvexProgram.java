package org.peermarket.market.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * A convex program with a separable quadratic objective, built by a mechanism and solved by
 * {@link ConvexSolve}: minimise sum_i (0.5 q_i x_i^2 + c_i x_i) + constant subject to
 * lb_i <= x_i <= ub_i and rowLb_r <= sum_i A_ri x_i <= rowUb_r. Mechanisms other than the full
 * P2P market (communities, hybrid trees, horizons with storage, the LFM, the constrained DSO
 * market) describe their problem here rather than each talking to a solver.
 *
 * <p>Dual convention (the solution's {@code rowDual} y and {@code reducedCost} z): the gradient
 * of the objective equals A^T y + z at the optimum; y_r >= 0 when row r sits at its lower bound,
 * <= 0 at its upper bound. For a balance row "sum of injections = 0" y is the price of energy
 * at that row, as markets.md §0 uses it.
 */
public final class ConvexProgram {
    private final List<double[]> vars = new ArrayList<>(); // lb, ub, c, q
    private final List<double[]> rows = new ArrayList<>(); // lb, ub
    private final List<List<Integer>> rowVars = new ArrayList<>();
    private final List<List<Double>> rowCoefs = new ArrayList<>();
    /** Rows with duplicates summed, built once after the last change: solving and checking read them many times. */
    private Row[] compact;
    private double constant;

    /** Adds a variable with bounds (infinite allowed), linear cost c and quadratic coefficient q >= 0. */
    public int addVariable(double lb, double ub, double c, double q) {
        if (q < 0 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quadratic coefficient must be >= 0: " + q);
        }
        vars.add(new double[] {lb, ub, c, q});
        return vars.size() - 1;
    }

    /** Adds a linear variable. */
    public int addVariable(double lb, double ub, double c) {
        return addVariable(lb, ub, c, 0);
    }

    /** Adds a row lb <= a.x <= ub (lb == ub for an equality); fill it with {@link #set}. */
    public int addRow(double lb, double ub) {
        rows.add(new double[] {lb, ub});
        rowVars.add(new ArrayList<>());
        rowCoefs.add(new ArrayList<>());
        compact = null;
        return rows.size() - 1;
    }

    /** Adds coef to A[row][var] (repeated calls add up). */
    public void set(int row, int var, double coef) {
        rowVars.get(row).add(var);
        rowCoefs.get(row).add(coef);
        compact = null;
    }

    public void addConstant(double c) {
        constant += c;
    }

    public int variables() {
        return vars.size();
    }

    public int rows() {
        return rows.size();
    }

    public double lb(int i) {
        return vars.get(i)[0];
    }

    public double ub(int i) {
        return vars.get(i)[1];
    }

    public double c(int i) {
        return vars.get(i)[2];
    }

    public double q(int i) {
        return vars.get(i)[3];
    }

    public double rowLb(int r) {
        return rows.get(r)[0];
    }

    public double rowUb(int r) {
        return rows.get(r)[1];
    }

    public double constant() {
        return constant;
    }

    public boolean isLinear() {
        for (double[] v : vars) {
            if (v[3] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Row r's entries as parallel arrays (duplicates summed). */
    public Row row(int r) {
        if (compact == null) {
            compact = new Row[rows.size()];
        }
        if (compact[r] == null) {
            compact[r] = sum(rowVars.get(r), rowCoefs.get(r));
        }
        return compact[r];
    }

    private static Row sum(List<Integer> vs, List<Double> cs) {
        java.util.LinkedHashMap<Integer, Double> sum = new java.util.LinkedHashMap<>();
        for (int k = 0; k < vs.size(); k++) {
            sum.merge(vs.get(k), cs.get(k), Double::sum);
        }
        int[] idx = new int[sum.size()];
        double[] val = new double[sum.size()];
        int k = 0;
        for (var e : sum.entrySet()) {
            idx[k] = e.getKey();
            val[k++] = e.getValue();
        }
        return new Row(idx, val);
    }

    /** The objective at x. */
    public double objective(double[] x) {
        double f = constant;
        for (int i = 0; i < vars.size(); i++) {
            double[] v = vars.get(i);
            f += 0.5 * v[3] * x[i] * x[i] + v[2] * x[i];
        }
        return f;
    }

    /** Sparse row entries. */
    public record Row(int[] index, double[] value) {
        public double dot(double[] x) {
            double s = 0;
            for (int k = 0; k < index.length; k++) {
                s += value[k] * x[index[k]];
            }
            return s;
        }
    }

    /** Largest violation of a row and of a bound at {@code sol} (0 when within all of them). */
    public double[] violations(double[] sol) {
        double rows = 0;
        for (int r = 0; r < rows(); r++) {
            double v = row(r).dot(sol);
            rows = Math.max(rows, Math.max(rowLb(r) - v, v - rowUb(r)));
        }
        double bounds = 0;
        for (int v = 0; v < sol.length; v++) {
            bounds = Math.max(bounds, Math.max(lb(v) - sol[v], sol[v] - ub(v)));
        }
        return new double[] {Math.max(0, rows), Math.max(0, bounds)};
    }
}
