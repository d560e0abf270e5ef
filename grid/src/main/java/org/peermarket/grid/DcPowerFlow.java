package org.peermarket.grid;

import java.util.Arrays;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * DC power flow as MATPOWER's {@code rundcpf}: Bbus * Va = P - Pbusinj - Gs / baseMVA with the reference
 * bus angle fixed at its case value; flows = (Bf * Va + Pfinj) * baseMVA. Pbusinj and Pfinj carry the phase
 * shifters (b * -shift in radians). Injections P = in-service Pg - Pd per bus; the slack takes the balance.
 */
public final class DcPowerFlow {
    /** Angles in degrees per bus and flows in MW per branch, both in case order. */
    public record Result(double[] angleDeg, double[] flowMw, double slackMw) {}

    private DcPowerFlow() {}

    /** The case's own injections in MW: in-service generation minus demand minus the Gs shunt at 1 p.u. */
    public static double[] caseInjections(GridCase grid) {
        double[] p = new double[grid.buses().size()];
        for (int i = 0; i < p.length; i++) {
            Bus bus = grid.buses().get(i);
            p[i] = -bus.pd() - bus.gs();
        }
        for (Generator g : grid.generators()) {
            if (g.inService()) {
                p[grid.index(g.bus())] += g.pg();
            }
        }
        return p;
    }

    public static Result run(GridCase grid) {
        return run(grid, caseInjections(grid));
    }

    /** Runs with the given bus injections in MW (case order); the slack's own entry is replaced by the balance. */
    public static Result run(GridCase grid, double[] injectionsMw) {
        int n = grid.buses().size();
        int slack = grid.slack();
        double base = grid.baseMva();
        double[] b = Ptdf.susceptances(grid);
        double[][] bbus = Ptdf.bbus(grid, b);
        double[] pfinj = new double[b.length];
        double[] pbusinj = new double[n];
        for (int l = 0; l < b.length; l++) {
            Branch br = grid.branches().get(l);
            pfinj[l] = b[l] * -Math.toRadians(br.shiftDeg());
            pbusinj[grid.index(br.from())] += pfinj[l];
            pbusinj[grid.index(br.to())] -= pfinj[l];
        }
        double[] va = new double[n];
        va[slack] = Math.toRadians(grid.buses().get(slack).vaDeg());
        int[] pos = Ptdf.positions(grid);
        int size = Arrays.stream(pos).max().orElse(-1) + 1;
        if (size > 0) {
            R064Store rhs = R064Store.FACTORY.make(size, 1);
            for (int i = 0; i < n; i++) {
                if (pos[i] >= 0) {
                    rhs.set(pos[i], 0, injectionsMw[i] / base - pbusinj[i] - bbus[i][slack] * va[slack]);
                }
            }
            LU<Double> lu = Ptdf.reducedLu(grid, bbus, pos);
            MatrixStore<Double> x = lu.getSolution(rhs);
            for (int i = 0; i < n; i++) {
                if (pos[i] >= 0) {
                    va[i] = x.doubleValue(pos[i], 0);
                }
            }
        }
        double[] flows = new double[b.length];
        for (int l = 0; l < b.length; l++) {
            Branch br = grid.branches().get(l);
            flows[l] = (b[l] * (va[grid.index(br.from())] - va[grid.index(br.to())]) + pfinj[l]) * base;
        }
        double slackMw = 0;
        for (int j = 0; j < n; j++) {
            slackMw += bbus[slack][j] * va[j];
        }
        slackMw = (slackMw + pbusinj[slack]) * base;
        double[] deg = new double[n];
        for (int i = 0; i < n; i++) {
            deg[i] = Math.toDegrees(va[i]);
        }
        return new Result(deg, flows, slackMw);
    }
}
