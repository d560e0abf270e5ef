package org.peermarket.grid;

import com.powsybl.iidm.network.Network;
import com.powsybl.loadflow.LoadFlow;
import com.powsybl.loadflow.LoadFlowParameters;
import com.powsybl.loadflow.LoadFlowResult;
import com.powsybl.openloadflow.OpenLoadFlowParameters;
import com.powsybl.openloadflow.ac.solver.NewtonRaphsonStoppingCriteriaType;

/**
 * AC load flow with PowSyBl OpenLoadFlow (Newton-Raphson) set up as MATPOWER's {@code runpf}: one slack (the
 * reference bus), no reactive limits, no slack distribution, no transformer or shunt voltage control, flat
 * start. Branch flows are computed from the solved voltages with MATPOWER's branch model (pi model, tap
 * ratio and shift on the from side), so losses are what MATPOWER reports.
 */
public final class AcPowerFlow {
    /** Per-unit tolerance on every mismatch; MATPOWER's default is 1e-8. */
    static final double TOLERANCE = 1e-10;

    /**
     * Solved state: per bus (case order) voltage in p.u. and degrees; per branch (case order) MW and MVAr
     * entering at the from and to ends; total losses in MW.
     */
    public record Result(boolean converged, String status, int iterations, double[] vmPu, double[] vaDeg,
                         double[] pf, double[] qf, double[] pt, double[] qt, double lossesMw) {
        /** Position (case order) of the bus with the lowest voltage magnitude. */
        public int lowestVoltageBus() {
            int k = 0;
            for (int i = 1; i < vmPu.length; i++) {
                if (vmPu[i] < vmPu[k]) {
                    k = i;
                }
            }
            return k;
        }
    }

    private AcPowerFlow() {}

    public static Result run(GridCase grid) {
        Network network = PowsyblCases.toNetwork(grid);
        addConductanceOnlyShunts(network, grid);
        LoadFlowResult lf = LoadFlow.find("OpenLoadFlow").run(network, parameters());
        LoadFlowResult.ComponentResult main = lf.getComponentResults().get(0);
        boolean converged = main.getStatus() == LoadFlowResult.ComponentResult.Status.CONVERGED;
        int n = grid.buses().size();
        double[] vm = new double[n];
        double[] va = new double[n];
        for (int i = 0; i < n; i++) {
            var bus = network.getBusBreakerView().getBus("BUS-" + grid.buses().get(i).number());
            double nominal = bus.getVoltageLevel().getNominalV();
            vm[i] = converged ? bus.getV() / nominal : Double.NaN;
            va[i] = converged ? bus.getAngle() : Double.NaN;
        }
        // OpenLoadFlow puts the slack at angle 0; MATPOWER keeps the reference bus at its case angle
        int slack = grid.slack();
        double offset = grid.buses().get(slack).vaDeg() - va[slack];
        for (int i = 0; i < n; i++) {
            va[i] += offset;
        }
        return withFlows(grid, converged, main.getStatus().name(), main.getIterationCount(), vm, va);
    }

    /** PowSyBl's MATPOWER importer creates a shunt only where BS is non-zero; a GS-only shunt is added here. */
    private static void addConductanceOnlyShunts(Network network, GridCase grid) {
        for (Bus b : grid.buses()) {
            if (b.gs() != 0 && b.bs() == 0) {
                String id = "BUS-" + b.number();
                var level = network.getBusBreakerView().getBus(id).getVoltageLevel();
                double nominal = level.getNominalV();
                level.newShuntCompensator()
                        .setId("SHUNT-G-" + b.number())
                        .setConnectableBus(id)
                        .setBus(id)
                        .setVoltageRegulatorOn(false)
                        .setSectionCount(1)
                        .newLinearModel()
                        .setGPerSection(b.gs() / (nominal * nominal))
                        .setBPerSection(0)
                        .setMaximumSectionCount(1)
                        .add()
                        .add();
            }
        }
    }

    private static LoadFlowParameters parameters() {
        LoadFlowParameters p = new LoadFlowParameters()
                .setVoltageInitMode(LoadFlowParameters.VoltageInitMode.UNIFORM_VALUES)
                .setUseReactiveLimits(false)
                .setDistributedSlack(false)
                .setTransformerVoltageControlOn(false)
                .setShuntCompensatorVoltageControlOn(false)
                .setPhaseShifterRegulationOn(false)
                .setReadSlackBus(true)
                .setTwtSplitShuntAdmittance(true)
                .setDc(false);
        OpenLoadFlowParameters.create(p)
                .setNewtonRaphsonStoppingCriteriaType(NewtonRaphsonStoppingCriteriaType.UNIFORM_CRITERIA)
                .setNewtonRaphsonConvEpsPerEq(TOLERANCE)
                .setMaxNewtonRaphsonIterations(50)
                .setVoltageRemoteControl(false)
                .setMinRealisticVoltage(0.3)
                .setMaxRealisticVoltage(2.0);
        return p;
    }

    /** MATPOWER's branch flows from bus voltages: Sf = Vf conj(Yff Vf + Yft Vt) and likewise at the to end. */
    static Result withFlows(GridCase grid, boolean converged, String status, int iterations, double[] vm, double[] va) {
        int m = grid.branches().size();
        double[] pf = new double[m];
        double[] qf = new double[m];
        double[] pt = new double[m];
        double[] qt = new double[m];
        double losses = 0;
        for (int l = 0; l < m; l++) {
            Branch br = grid.branches().get(l);
            if (!br.inService() || !converged) {
                continue;
            }
            int f = grid.index(br.from());
            int t = grid.index(br.to());
            double[] s = branchFlow(br, vm[f], Math.toRadians(va[f]), vm[t], Math.toRadians(va[t]));
            pf[l] = s[0] * grid.baseMva();
            qf[l] = s[1] * grid.baseMva();
            pt[l] = s[2] * grid.baseMva();
            qt[l] = s[3] * grid.baseMva();
            losses += pf[l] + pt[l];
        }
        return new Result(converged, status, iterations, vm, va, pf, qf, pt, qt, converged ? losses : Double.NaN);
    }

    /** {Pf, Qf, Pt, Qt} in p.u. for one branch (MATPOWER's makeYbr pi model). */
    static double[] branchFlow(Branch br, double vmf, double vaf, double vmt, double vat) {
        double z2 = br.r() * br.r() + br.x() * br.x();
        double gs = br.r() / z2;
        double bs = -br.x() / z2;
        double tap = br.ratio();
        double shift = Math.toRadians(br.shiftDeg());
        double halfB = br.b() / 2;
        // Yff = (ys + j b/2) / tap^2; Ytt = ys + j b/2; Yft = -ys / conj(T); Ytf = -ys / T, T = tap e^{j shift}
        double yffRe = gs / (tap * tap);
        double yffIm = (bs + halfB) / (tap * tap);
        double[] yft = div(-gs, -bs, tap * Math.cos(shift), -tap * Math.sin(shift));
        double[] ytf = div(-gs, -bs, tap * Math.cos(shift), tap * Math.sin(shift));
        double[] vf = {vmf * Math.cos(vaf), vmf * Math.sin(vaf)};
        double[] vt = {vmt * Math.cos(vat), vmt * Math.sin(vat)};
        double[] iF = add(mul(yffRe, yffIm, vf), mul(yft[0], yft[1], vt));
        double[] iT = add(mul(ytf[0], ytf[1], vf), mul(gs, bs + halfB, vt));
        return new double[] {
            vf[0] * iF[0] + vf[1] * iF[1], vf[1] * iF[0] - vf[0] * iF[1],
            vt[0] * iT[0] + vt[1] * iT[1], vt[1] * iT[0] - vt[0] * iT[1]};
    }

    private static double[] mul(double re, double im, double[] v) {
        return new double[] {re * v[0] - im * v[1], re * v[1] + im * v[0]};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    private static double[] div(double aRe, double aIm, double bRe, double bIm) {
        double d = bRe * bRe + bIm * bIm;
        return new double[] {(aRe * bRe + aIm * bIm) / d, (aIm * bRe - aRe * bIm) / d};
    }
}
