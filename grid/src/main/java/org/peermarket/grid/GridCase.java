package org.peermarket.grid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * A network in MATPOWER's bus-branch form: buses, generators and branches in case order, base MVA.
 * Bus numbers may have gaps; {@link #index(int)} maps a number to its position in case order.
 */
public final class GridCase {
    private final String name;
    private final double baseMva;
    private final List<Bus> buses;
    private final List<Generator> generators;
    private final List<Branch> branches;
    private final Map<Integer, Integer> indexByNumber;

    public GridCase(String name, double baseMva, List<Bus> buses, List<Generator> generators, List<Branch> branches) {
        check(name, baseMva, buses, generators, branches);
        this.name = name;
        this.baseMva = baseMva;
        this.buses = List.copyOf(buses);
        this.generators = List.copyOf(generators);
        this.branches = List.copyOf(branches);
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < buses.size(); i++) {
            map.put(buses.get(i).number(), i);
        }
        this.indexByNumber = Map.copyOf(map);
    }

    public String name() {
        return name;
    }

    public double baseMva() {
        return baseMva;
    }

    public List<Bus> buses() {
        return buses;
    }

    public List<Generator> generators() {
        return generators;
    }

    public List<Branch> branches() {
        return branches;
    }

    /** Position of bus {@code number} in case order. */
    public int index(int number) {
        Integer i = indexByNumber.get(number);
        if (i == null) {
            throw new IllegalArgumentException("no bus " + number + " in " + name);
        }
        return i;
    }

    public boolean hasBus(int number) {
        return indexByNumber.containsKey(number);
    }

    /** Position of the reference (type 3) bus in case order. */
    public int slack() {
        for (int i = 0; i < buses.size(); i++) {
            if (buses.get(i).type() == Bus.REF) {
                return i;
            }
        }
        throw new IllegalStateException("checked at construction");
    }

    public int[] busNumbers() {
        return buses.stream().mapToInt(Bus::number).toArray();
    }

    private static void check(String name, double baseMva, List<Bus> buses, List<Generator> generators,
                              List<Branch> branches) {
        List<Problem> problems = new ArrayList<>();
        if (!(baseMva > 0)) {
            problems.add(new Problem(name + ": mpc.baseMVA", String.valueOf(baseMva), "must be positive"));
        }
        if (buses.isEmpty()) {
            problems.add(new Problem(name + ": mpc.bus", null, "has no rows"));
        }
        Map<Integer, Integer> seen = new HashMap<>();
        long refs = 0;
        for (int i = 0; i < buses.size(); i++) {
            Bus bus = buses.get(i);
            if (seen.put(bus.number(), i) != null) {
                problems.add(new Problem(name + ": mpc.bus row " + (i + 1) + " BUS_I", String.valueOf(bus.number()),
                        "bus number used twice"));
            }
            if (bus.type() < 1 || bus.type() > 4) {
                problems.add(new Problem(name + ": mpc.bus row " + (i + 1) + " BUS_TYPE", String.valueOf(bus.type()),
                        "must be 1 (PQ), 2 (PV), 3 (reference) or 4 (isolated)"));
            }
            refs += bus.type() == Bus.REF ? 1 : 0;
        }
        if (!buses.isEmpty() && refs != 1) {
            problems.add(new Problem(name + ": mpc.bus BUS_TYPE", refs + " reference buses",
                    "a case needs exactly one reference (type 3) bus"));
        }
        for (int i = 0; i < generators.size(); i++) {
            int bus = generators.get(i).bus();
            if (!seen.containsKey(bus)) {
                problems.add(new Problem(name + ": mpc.gen row " + (i + 1) + " GEN_BUS", String.valueOf(bus), "no such bus"));
            }
        }
        for (int i = 0; i < branches.size(); i++) {
            Branch br = branches.get(i);
            String row = name + ": mpc.branch row " + (i + 1);
            if (!seen.containsKey(br.from())) {
                problems.add(new Problem(row + " F_BUS", String.valueOf(br.from()), "no such bus"));
            }
            if (!seen.containsKey(br.to())) {
                problems.add(new Problem(row + " T_BUS", String.valueOf(br.to()), "no such bus"));
            }
            if (br.inService() && br.x() == 0) {
                problems.add(new Problem(row + " BR_X", "0", "an in-service branch needs a non-zero reactance"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
