package org.peermarket.market;

import java.util.List;

/**
 * The heat side of a heat market's horizon (docs/heat-market.md), in kWh and per kWh: the
 * ids of nodes, pipes, heat peers and coupled assets, and one {@link Period} per period. In
 * the P2P heat market node prices are NaN (each peer has its own price); in the community and
 * joint markets heat peers take their node's price and there are no heat trades.
 */
public record HeatResult(String mode, List<String> nodes, List<String> pipes, List<String> peers,
                         List<String> heatPumps, List<String> chps, List<Period> periods) {
    public HeatResult {
        nodes = List.copyOf(nodes);
        pipes = List.copyOf(pipes);
        peers = List.copyOf(peers);
        heatPumps = List.copyOf(heatPumps);
        chps = List.copyOf(chps);
        periods = List.copyOf(periods);
    }

    /**
     * One period (0-based). h and price per heat peer; nodePrice per node; flow (entering the
     * pipe) and pipeDual (the value of one more kWh of capacity, >= 0) per pipe; per heat pump its
     * electricity in and heat out, per CHP its heat and electricity out; heatCost = the heat
     * peers' costs plus the CHPs' fuel; operatorSurplus = what the network operator keeps
     * (congestion and loss rent, = sum of flow times ((1 - loss) price at the end minus price at
     * the start)). Arrays are empty when the status has no result.
     */
    public record Period(int period, Status status, String cause, double[] h, double[] price, double[] nodePrice,
                         double[] flow, double[] pipeDual, List<HeatTrade> trades, double[] pumpElectricity,
                         double[] pumpHeat, double[] chpHeat, double[] chpElectricity, double heatCost,
                         double operatorSurplus) {
        public boolean hasResult() {
            return status.hasResult();
        }
    }

    /**
     * A P2P heat trade: {@code sent} kWh injected by seller, {@code delivered} = what reaches the
     * buyer after the path's losses; the seller receives {@code price} per kWh sent, the buyer
     * pays {@code buyerPrice} per kWh delivered.
     */
    public record HeatTrade(int seller, int buyer, double sent, double delivered, double price, double buyerPrice) {}
}
