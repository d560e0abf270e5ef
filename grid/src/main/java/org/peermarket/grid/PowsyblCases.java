package org.peermarket.grid;

import com.powsybl.commons.datasource.MemDataSource;
import com.powsybl.commons.report.ReportNode;
import com.powsybl.commons.datasource.ReadOnlyMemDataSource;
import com.powsybl.iidm.network.Network;
import com.powsybl.iidm.network.NetworkFactory;
import com.powsybl.matpower.converter.MatpowerExporter;
import com.powsybl.matpower.converter.MatpowerImporter;
import com.powsybl.matpower.model.MBranch;
import com.powsybl.matpower.model.MBus;
import com.powsybl.matpower.model.MGen;
import com.powsybl.matpower.model.MatpowerFormatVersion;
import com.powsybl.matpower.model.MatpowerModel;
import com.powsybl.matpower.model.MatpowerReader;
import com.powsybl.matpower.model.MatpowerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * Moves cases between our {@link GridCase} and PowSyBl: MATPOWER's in-memory model is the common ground, so
 * PowSyBl's own MATPOWER importer and exporter do the IIDM conversions.
 */
final class PowsyblCases {
    private static final String BASE = "case";

    private PowsyblCases() {}

    /** An IIDM network of the case, built by PowSyBl's MATPOWER importer (base voltages ignored: all p.u.). */
    static Network toNetwork(GridCase grid) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            MatpowerWriter.write(toModel(grid), bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReadOnlyMemDataSource source = new ReadOnlyMemDataSource(BASE);
        source.putData(BASE + ".mat", bytes.toByteArray());
        return new MatpowerImporter().importData(source, NetworkFactory.findDefault(), new Properties());
    }

    /** A case from a binary MATPOWER {@code .mat} file. */
    static GridCase readMat(Path file) throws IOException {
        return fromModel(MatpowerReader.read(file, BASE), fileName(file));
    }

    /** A case from any file PowSyBl imports (IIDM, IEEE CDF, ...), through its MATPOWER exporter. */
    static GridCase readNetwork(Path file) throws IOException {
        Network network = Network.read(file);
        MemDataSource out = new MemDataSource();
        new MatpowerExporter().export(network, new Properties(), out, ReportNode.NO_OP);
        byte[] data = out.getData(null, "mat");
        return fromModel(MatpowerReader.read(new ByteArrayInputStream(data), BASE), fileName(file));
    }

    private static String fileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static MatpowerModel toModel(GridCase grid) {
        MatpowerModel model = new MatpowerModel(grid.name());
        model.setVersion(MatpowerFormatVersion.V2);
        model.setBaseMva(grid.baseMva());
        for (Bus b : grid.buses()) {
            model.addBus(toMBus(b));
        }
        for (Generator g : grid.generators()) {
            // MATPOWER treats a generator on a PQ bus as a fixed P + jQ injection: no voltage setpoint for it
            boolean regulates = grid.buses().get(grid.index(g.bus())).type() != Bus.PQ;
            model.addGenerator(toMGen(g, regulates));
        }
        for (Branch br : grid.branches()) {
            model.addBranch(toMBranch(br));
        }
        return model;
    }

    private static MBus toMBus(Bus b) {
        MBus m = new MBus();
        m.setNumber(b.number());
        m.setType(switch (b.type()) {
            case Bus.PV -> MBus.Type.PV;
            case Bus.REF -> MBus.Type.REF;
            case Bus.ISOLATED -> MBus.Type.ISOLATED;
            default -> MBus.Type.PQ;
        });
        m.setRealPowerDemand(b.pd());
        m.setReactivePowerDemand(b.qd());
        m.setShuntConductance(b.gs());
        m.setShuntSusceptance(b.bs());
        m.setAreaNumber(b.area());
        m.setVoltageMagnitude(b.vm());
        m.setVoltageAngle(b.vaDeg());
        m.setBaseVoltage(b.baseKv());
        m.setLossZone(b.zone());
        m.setMaximumVoltageMagnitude(b.vmax());
        m.setMinimumVoltageMagnitude(b.vmin());
        return m;
    }

    private static MGen toMGen(Generator g, boolean regulates) {
        MGen m = new MGen();
        m.setNumber(g.bus());
        m.setRealPowerOutput(g.pg());
        m.setReactivePowerOutput(g.qg());
        m.setMaximumReactivePowerOutput(g.qmax());
        m.setMinimumReactivePowerOutput(g.qmin());
        m.setVoltageMagnitudeSetpoint(regulates ? g.vg() : 0);
        m.setTotalMbase(g.mbase());
        m.setStatus(g.status());
        m.setMaximumRealPowerOutput(g.pmax());
        m.setMinimumRealPowerOutput(g.pmin());
        return m;
    }

    private static MBranch toMBranch(Branch br) {
        MBranch m = new MBranch();
        m.setFrom(br.from());
        m.setTo(br.to());
        m.setR(br.r());
        m.setX(br.x());
        m.setB(br.b());
        m.setRateA(br.rateA());
        m.setRateB(br.rateB());
        m.setRateC(br.rateC());
        m.setRatio(br.tap());
        m.setPhaseShiftAngle(br.shiftDeg());
        m.setStatus(br.status());
        m.setAngMin(br.angMin());
        m.setAngMax(br.angMax());
        return m;
    }

    static GridCase fromModel(MatpowerModel model, String name) {
        if (!model.getDcLines().isEmpty()) {
            throw new ValidationException(new Problem(name + ": HVDC lines", String.valueOf(model.getDcLines().size()),
                    "DC lines are not supported: the network model has AC branches only"));
        }
        List<Bus> buses = new ArrayList<>();
        for (MBus m : model.getBuses()) {
            int type = switch (m.getType()) {
                case PV -> Bus.PV;
                case REF -> Bus.REF;
                case ISOLATED -> Bus.ISOLATED;
                default -> Bus.PQ;
            };
            buses.add(new Bus(m.getNumber(), type, m.getRealPowerDemand(), m.getReactivePowerDemand(),
                    m.getShuntConductance(), m.getShuntSusceptance(), m.getAreaNumber(), m.getVoltageMagnitude(),
                    m.getVoltageAngle(), m.getBaseVoltage(), m.getLossZone(), m.getMaximumVoltageMagnitude(),
                    m.getMinimumVoltageMagnitude()));
        }
        List<Generator> gens = new ArrayList<>();
        for (MGen m : model.getGenerators()) {
            Double qmin = m.getMinimumReactivePowerOutput();
            gens.add(new Generator(m.getNumber(), m.getRealPowerOutput(), m.getReactivePowerOutput(),
                    m.getMaximumReactivePowerOutput(), qmin == null ? Double.NEGATIVE_INFINITY : qmin,
                    m.getVoltageMagnitudeSetpoint(), m.getTotalMbase(), m.getStatus(),
                    m.getMaximumRealPowerOutput(), m.getMinimumRealPowerOutput()));
        }
        List<Branch> branches = new ArrayList<>();
        for (MBranch m : model.getBranches()) {
            branches.add(new Branch(m.getFrom(), m.getTo(), m.getR(), m.getX(), m.getB(), m.getRateA(),
                    m.getRateB(), m.getRateC(), m.getRatio(), m.getPhaseShiftAngle(), m.getStatus(),
                    m.getAngMin(), m.getAngMax()));
        }
        return new GridCase(name, model.getBaseMva(), buses, gens, branches);
    }
}
