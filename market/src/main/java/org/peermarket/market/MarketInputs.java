package org.peermarket.market;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;

/** Builds the per-period market input from a scenario (already in kWh). */
public final class MarketInputs {
    private MarketInputs() {}

    /**
     * The trading graph of a scenario: both directions of every pair that may trade, g = 0.
     * Built from the partner lists, so a sparse market costs time in its trades, not peers squared.
     */
    public static TradeGraph graph(Scenario s) {
        List<Peer> peers = s.peers();
        int n = peers.size();
        Map<String, Integer> index = s.indexById();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (peers.get(i).partners().isEmpty()) {
                open.add(i);
            }
        }
        Set<Long> pairs = new LinkedHashSet<>();
        for (int i : open) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    pairs.add(pairKey(i, j));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (String other : peers.get(i).partners().orElse(List.of())) {
                pairs.add(pairKey(i, index.get(other)));
            }
        }
        long[] sorted = pairs.stream().mapToLong(Long::longValue).sorted().toArray();
        TradeGraph.Builder b = TradeGraph.builder(n);
        for (long key : sorted) {
            int i = (int) (key >>> 32);
            int j = (int) key;
            b.addPair(i, j, peers.get(i).pref(peers.get(j).id()), peers.get(j).pref(peers.get(i).id()));
        }
        return b.build();
    }

    private static long pairKey(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        return ((long) lo << 32) | hi;
    }

    public static MarketInput forPeriod(Scenario s, TradeGraph graph, int t) {
        List<Peer> peers = s.peers();
        int n = peers.size();
        double[] a = new double[n];
        double[] b = new double[n];
        double[] d = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            Peer p = peers.get(i);
            a[i] = p.cost().a().at(t);
            b[i] = p.cost().b().at(t);
            d[i] = p.cost().d();
            lo[i] = p.pmin().at(t);
            hi[i] = p.pmax().at(t);
        }
        return new MarketInput(peers.stream().map(Peer::id).toList(), a, b, d, lo, hi, graph)
                .withMessageUnit(s.units().energy().symbol(), s.units().energy().kwhPerUnit());
    }
}
