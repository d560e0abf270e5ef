package org.peermarket.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.study.pipeline.SweepCell;
import org.peermarket.study.sweep.Sweep;

/**
 * Points keyed by their cell (draw, point name) into one slot each: a cell delivered twice keeps one row (the two
 * must be equal, the computation being deterministic), and every cell must be there.
 */
final class CellSlots {
    private CellSlots() {}

    static List<Sweep.Point> assemble(Sweep.Plan plan, List<Sweep.Point> got) {
        Map<String, Integer> index = new HashMap<>();
        List<SweepCell> cells = plan.cells();
        for (int c = 0; c < cells.size(); c++) {
            index.put(cells.get(c).name(), c);
        }
        Sweep.Point[] slots = new Sweep.Point[Math.toIntExact(plan.cellCount())];
        for (Sweep.Point p : got) {
            Integer c = index.get(p.scenario());
            if (c == null || p.draw() < 1 || p.draw() > plan.draws()) {
                throw new IllegalStateException("a point of no cell of this sweep: " + p);
            }
            int slot = (p.draw() - 1) * cells.size() + c;
            if (slots[slot] != null && !slots[slot].equals(p)) {
                throw new IllegalStateException("cell " + slot + " computed twice with different results: "
                        + slots[slot] + " and " + p);
            }
            slots[slot] = p;
        }
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] == null) {
                throw new IllegalStateException("cell " + s + " (draw " + (s / cells.size() + 1) + ", "
                        + cells.get(s % cells.size()).name() + ") is missing");
            }
        }
        return Arrays.asList(slots);
    }
}
