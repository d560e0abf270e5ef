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
    private final String unit;
    private final double kwhPerUnit;

    public MarketInput(List<String> ids, double[] a, double[] b, double[] d, double[] pmin, double[] pmax, TradeGraph graph) {
        this(ids, a, b, d, pmin, pmax, graph, "kWh", 1.0);
    }

    private MarketInput(List<String> ids, double[] a, double[] b, double[] d, double[] pmin, double[] pmax, TradeGraph graph,
                        String unit, double kwhPerUnit) {
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
        this.unit = unit;
        this.kwhPerUnit = kwhPerUnit;
    }

    /**
     * The same market, with the energy unit that messages (causes) should speak in; the numbers
     * themselves stay in kWh.
     */
    public MarketInput withMessageUnit(String symbol, double kwhPerSymbol) {
        return new MarketInput(ids, a, b, d, pmin, pmax, graph, symbol, kwhPerSymbol);
    }

    /** A quantity in kWh written in the message unit, e.g. "1.5 MWh". */
    String describeQuantity(double kwh) {
        return Prechecks.fmt(kwh / kwhPerUnit) + " " + unit;
    }

    /** A price per kWh written per the message unit, e.g. "-0.5 per MWh". */
    String describePrice(double perKwh) {
        return Prechecks.fmt(perKwh * kwhPerUnit) + " per " + unit;
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
        return new MarketInput(ids, a, b, d, pmin, pmax, g, unit, kwhPerUnit);
    }
}
