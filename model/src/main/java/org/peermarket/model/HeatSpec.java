package org.peermarket.model;

import java.util.List;
import java.util.Map;

/**
 * A district-heating network and its market (docs/heat-market.md), in kWh and per kWh inside:
 * nodes, directed pipes, heat peers and the coupled assets that link heat to electricity.
 * Heat quantities are heat energy per period; a pipe's and an asset's limits are already
 * multiplied by the period length.
 */
public record HeatSpec(List<String> nodes, List<Pipe> pipes, List<HeatPeer> peers, List<HeatPump> heatPumps,
                       List<Chp> chps) {
    public HeatSpec {
        nodes = List.copyOf(nodes);
        pipes = List.copyOf(pipes);
        peers = List.copyOf(peers);
        heatPumps = List.copyOf(heatPumps);
        chps = List.copyOf(chps);
    }

    /** True when an asset links heat to electricity: the market must be the joint one. */
    public boolean hasCoupledAssets() {
        return !heatPumps.isEmpty() || !chps.isEmpty();
    }

    public int nodeIndex(String id) {
        return nodes.indexOf(id);
    }

    /**
     * A pipe carrying heat from {@code from} to {@code to}, at most {@code capacity} kWh per period
     * entering it; the fraction {@code loss} of what enters is lost on the way.
     */
    public record Pipe(String id, String from, String to, double capacity, double loss) {}

    /**
     * A heat peer at a node: net heat injection h (> 0 produces) within [hmin, hmax], cost
     * C(h) as an electricity peer's (for a consumer minus its utility), and its dislike per kWh
     * of trading with other heat peers (the P2P heat market).
     */
    public record HeatPeer(String id, String node, Cost cost, PeriodValues hmin, PeriodValues hmax,
                           Map<String, Double> prefs) {
        public HeatPeer {
            prefs = Map.copyOf(prefs);
        }

        public double pref(String partner) {
            return prefs.getOrDefault(partner, 0.0);
        }
    }

    /**
     * A heat pump owned by electricity peer {@code peer}: it buys electricity e through its owner
     * and gives cop * e of heat at {@code node}, at most {@code heatMax} kWh of heat per period.
     */
    public record HeatPump(String id, String peer, String node, double cop, double heatMax) {}

    /**
     * A back-pressure CHP owned by electricity peer {@code peer}: q kWh of heat at {@code node}
     * (at most {@code heatMax}) come with ratio * q kWh of electricity sold through its owner, and
     * burn (1 + ratio) q / efficiency kWh of fuel at {@code fuelCost} per kWh.
     */
    public record Chp(String id, String peer, String node, double ratio, double efficiency, double fuelCost,
                      double heatMax) {
        /** Fuel cost per kWh of heat (its electricity comes with it). */
        public double costPerHeat() {
            return fuelCost * (1 + ratio) / efficiency;
        }
    }
}
