package org.peermarket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.peermarket.grid.Branch;
import org.peermarket.grid.Bus;
import org.peermarket.grid.Generator;
import org.peermarket.grid.GridCase;

/**
 * A random radial feeder: bus 1 is the slack, bus k hangs from one of the five buses before it; r and x of a
 * few hundredths of a p.u., loads up to 50 kW. Deterministic for a seed.
 */
final class SyntheticFeeder {
    private SyntheticFeeder() {}

    static GridCase of(int n, long seed) {
        Random random = new Random(seed);
        List<Bus> buses = new ArrayList<>();
        List<Branch> branches = new ArrayList<>();
        buses.add(new Bus(1, Bus.REF, 0, 0, 0, 0, 1, 1, 0, 12.66, 1, 1, 1));
        for (int k = 2; k <= n; k++) {
            double pd = 0.05 * random.nextDouble();
            buses.add(new Bus(k, Bus.PQ, pd, 0.5 * pd, 0, 0, 1, 1, 0, 12.66, 1, 1.1, 0.9));
            int parent = Math.max(1, k - 1 - random.nextInt(5));
            double r = 0.01 + 0.04 * random.nextDouble();
            double x = 0.01 + 0.04 * random.nextDouble();
            branches.add(new Branch(parent, k, r, x, 0, 0, 0, 0, 0, 0, 1, -360, 360));
        }
        List<Generator> gens = List.of(new Generator(1, 0, 0, 100, -100, 1, 100, 1, 100, 0));
        return new GridCase("feeder" + n, 10, buses, gens, branches);
    }
}
