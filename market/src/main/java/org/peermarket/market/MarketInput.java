package org.peermarket.market;

import java.util.List;

/**
 * One period of a full P2P market, in kWh and currency per kWh: for each peer n the cost
 * C_n(p) = 0.5 a_n p^2 + b_n p + d_n and bounds pmin_n &lt;= p_n &lt;= pmax_n; the trading graph.
 * Immutable: arrays are copied in and out.
 */
public final class MarketInput {
    private final List<String> ids;
    private final double[] a;
    private final double[] b;
    private final double[] d;
    private final double[] pmin;
    private final double[] pmax;
    private final TradeGraph graph;

    public MarketInput(List<String> ids, double[] a, double[] b, double[] d, double[] pmin, double[] pmax, TradeGraph graph) {
        int n = ids.size();
        if (a.length != n || b.length != n || d.length != n || pmin.length != n || pmax.length != n || graph.peers() != n) {
            throw new IllegalArgumentException("every peer array must have " + n + " entries");
        }
        this.ids = List.copyOf(ids);
        this.a = a.clone();
        this.b = b.clone();
        this.d = d.clone();
        this.pmin = pmin.clone();
        this.pmax = pmax.clone();
        this.graph = graph;
    }

    public int size() {
        return ids.size();
    }

    public List<String> ids() {
        return ids;
    }

    public String id(int n) {
        return ids.get(n);
    }

    public double a(int n) {
        return a[n];
    }

    public double b(int n) {
        return b[n];
    }

    public double d(int n) {
        return d[n];
    }

    public double pmin(int n) {
        return pmin[n];
    }

    public double pmax(int n) {
        return pmax[n];
    }

    public TradeGraph graph() {
        return graph;
    }

    public double cost(int n, double p) {
        return 0.5 * a[n] * p * p + b[n] * p + d[n];
    }

    public double marginalCost(int n, double p) {
        return a[n] * p + b[n];
    }

    public MarketInput withGraph(TradeGraph g) {
        return new MarketInput(ids, a, b, d, pmin, pmax, g);
    }
}
