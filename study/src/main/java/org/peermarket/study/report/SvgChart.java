package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.Numbers;

/**
 * Charts for the reports as inline SVG, written by hand (docs/reports.md says why not a
 * charting library): line charts (optionally with a log scale), grouped bar charts and the trade
 * network on a circle. Text stays text, so it can be read, searched and tested; fonts come from
 * the page's stylesheet (system fonts only). Output depends only on the data: no random ids.
 */
public final class SvgChart {
    /** A named series of values, one per x (lines) or per category (bars); NaN is a gap. */
    public record Series(String name, double[] values) {}

    /** A directed flow between two nodes of a network, with its size (line width). */
    public record Edge(int from, int to, double size, String label) {}

    static final String[] COLORS = {"#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#975a16", "#2c7a7b", "#b83280"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 78;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;

    private SvgChart() {}

    /** A line chart of series over x, markers at each point; {@code logY}: decades on the y axis. */
    public static String lines(String xLabel, String yLabel, double[] x, List<Series> series, boolean logY) {
        double[] xr = pad(range(x, false), 0.03);
        double[] yr = logY ? range(series, true, false) : pad(range(series, false, false), 0.08);
        StringBuilder s = start(yLabel + " over " + xLabel);
        Scale sx = new Scale(xr[0], xr[1], LEFT, WIDTH - RIGHT, false);
        Scale sy = new Scale(yr[0], yr[1], HEIGHT - BOTTOM, TOP, logY);
        axes(s, sx, sy, xLabel, yLabel, x.length <= 24);
        for (int k = 0; k < series.size(); k++) {
            String color = COLORS[k % COLORS.length];
            double[] v = series.get(k).values();
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < Math.min(x.length, v.length); i++) {
                if (!plottable(v[i], logY)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(num(sx.at(x[i]))).append(',').append(num(sy.at(v[i])));
                pen = true;
            }
            s.append("<path class=\"series\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"").append(k % 2 == 1 ? " stroke-dasharray=\"6 3\"" : "").append(" d=\"")
                    .append(path).append("\"/>\n");
            if (x.length <= 60) {
                for (int i = 0; i < Math.min(x.length, v.length); i++) {
                    if (plottable(v[i], logY)) {
                        s.append("<circle cx=\"").append(num(sx.at(x[i]))).append("\" cy=\"").append(num(sy.at(v[i])))
                                .append("\" r=\"3.5\" fill=\"").append(color).append("\"><title>")
                                .append(Html.escape(series.get(k).name() + " at " + tick(x[i]) + ": " + Numbers.format(v[i])))
                                .append("</title></circle>\n");
                    }
                }
            }
        }
        legend(s, series);
        return s.append("</svg>\n").toString();
    }

    /** Grouped bars: for each category one bar per series, from zero. */
    public static String bars(String yLabel, List<String> categories, List<Series> series) {
        return bars(yLabel, categories, series, Double.NaN, "");
    }

    /** As {@link #bars(String, List, List)}, with a dashed red line at {@code reference} (e.g. a rating) when finite. */
    public static String bars(String yLabel, List<String> categories, List<Series> series, double reference, String referenceLabel) {
        List<Series> scaled = new ArrayList<>(series);
        if (Double.isFinite(reference)) {
            scaled.add(new Series("", new double[] {reference}));
        }
        double[] yr = range(scaled, false, true);
        StringBuilder s = start(yLabel);
        Scale sy = new Scale(yr[0], yr[1], HEIGHT - BOTTOM, TOP, false);
        int n = Math.max(1, categories.size());
        double band = (WIDTH - RIGHT - LEFT) / (double) n;
        double bar = band * 0.8 / Math.max(1, series.size());
        axesY(s, sy, yLabel);
        int every = (int) Math.ceil(n / 24.0);
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * band + band * 0.1;
            for (int k = 0; k < series.size(); k++) {
                double v = c < series.get(k).values().length ? series.get(k).values()[c] : Double.NaN;
                if (!Double.isFinite(v)) {
                    continue;
                }
                double y = sy.at(v);
                double zero = sy.at(Math.max(yr[0], Math.min(0, yr[1])));
                s.append("<rect x=\"").append(num(x0 + k * bar)).append("\" y=\"").append(num(Math.min(y, zero)))
                        .append("\" width=\"").append(num(Math.max(bar - 1, 1))).append("\" height=\"")
                        .append(num(Math.abs(zero - y))).append("\" fill=\"").append(COLORS[k % COLORS.length])
                        .append("\"><title>").append(Html.escape(categories.get(c) + ", " + series.get(k).name() + ": "
                                + Numbers.format(v))).append("</title></rect>\n");
            }
            if (c % every == 0) {
                double cx = LEFT + (c + 0.5) * band;
                s.append("<text class=\"tick\" x=\"").append(num(cx)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                        .append("\" text-anchor=\"middle\">").append(Html.escape(fit(categories.get(c), band * every))).append("</text>\n");
            }
        }
        if (Double.isFinite(reference)) {
            double y = sy.at(reference);
            s.append("<line class=\"reference\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"#c53030\" stroke-dasharray=\"5 3\"/>\n");
            s.append("<text class=\"tick\" x=\"").append(WIDTH - RIGHT - 4).append("\" y=\"").append(num(y - 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(referenceLabel)).append("</text>\n");
        }
        if (series.size() > 1) {
            legend(s, series);
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * Nodes on a circle and an arrow per edge, its width proportional to its size. {@code net}
     * colours the nodes: positive (sells) green, negative (buys) orange, zero grey.
     */
    public static String network(List<String> nodes, double[] net, List<Edge> edges) {
        int size = 560;
        double cx = size / 2.0;
        double cy = size / 2.0;
        double r = size / 2.0 - 90;
        int n = nodes.size();
        double[][] at = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
            at[i] = new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a), a};
        }
        double largest = edges.stream().mapToDouble(Edge::size).max().orElse(1);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart network\" viewBox=\"0 0 ").append(size).append(' ')
                .append(size).append("\" width=\"").append(size).append("\" height=\"").append(size)
                .append("\" role=\"img\" aria-label=\"trade network\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"11\" markerHeight=\"11\""
                        + " markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#4a5568\"/></marker></defs>\n");
        for (Edge e : edges) {
            double[] a = at[e.from()];
            double[] b = at[e.to()];
            // bend each arrow to its right, so the two directions of a pair do not overlap
            double mx = (a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.12;
            double my = (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.12;
            double[] end = shorten(b, mx, my, Math.max(5, Math.min(11, 2 * Math.PI * r / Math.max(1, n) * 0.35 + 2)));
            double width = 0.75 + 7.25 * e.size() / largest;
            s.append("<path class=\"edge\" fill=\"none\" stroke=\"#4a5568\" stroke-opacity=\"0.65\" stroke-width=\"").append(num(width))
                    .append("\" marker-end=\"url(#arrow)\" d=\"M").append(num(a[0])).append(',').append(num(a[1])).append(" Q")
                    .append(num(mx)).append(',').append(num(my)).append(' ').append(num(end[0])).append(',').append(num(end[1]))
                    .append("\"><title>").append(Html.escape(e.label())).append("</title></path>\n");
        }
        // smaller nodes and radial labels when many peers share the circle
        double dot = Math.max(3, Math.min(9, 2 * Math.PI * r / Math.max(1, n) * 0.35));
        boolean radial = n > 16;
        String font = radial ? " style=\"font-size: " + num(Math.max(6, Math.min(11, 2 * Math.PI * r / n * 0.9))) + "px\"" : "";
        for (int i = 0; i < n; i++) {
            String fill = net[i] > 0 ? "#2f855a" : net[i] < 0 ? "#dd6b20" : "#a0aec0";
            s.append("<circle cx=\"").append(num(at[i][0])).append("\" cy=\"").append(num(at[i][1]))
                    .append("\" r=\"").append(num(dot)).append("\" fill=\"").append(fill)
                    .append("\" stroke=\"#fff\" stroke-width=\"").append(dot > 5 ? "2" : "1").append("\"><title>")
                    .append(Html.escape(nodes.get(i))).append("</title></circle>\n");
            double a = at[i][2];
            double lx = cx + (r + dot + 6) * Math.cos(a);
            double ly = cy + (r + dot + 6) * Math.sin(a);
            boolean right = Math.cos(a) >= 0;
            String anchor = radial ? (right ? "start" : "end")
                    : Math.cos(a) > 0.2 ? "start" : Math.cos(a) < -0.2 ? "end" : "middle";
            String turn = radial ? " transform=\"rotate(" + num(Math.toDegrees(right ? a : a + Math.PI)) + " " + num(lx) + " "
                    + num(ly) + ")\"" : "";
            s.append("<text class=\"label\" x=\"").append(num(lx)).append("\" y=\"").append(num(radial ? ly + 3 : ly + 4))
                    .append("\" text-anchor=\"").append(anchor).append('"').append(turn).append(font).append('>')
                    .append(Html.escape(nodes.get(i))).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /** The end point moved back along the curve's last tangent by {@code by} pixels (to the node's rim). */
    private static double[] shorten(double[] b, double mx, double my, double by) {
        double dx = b[0] - mx;
        double dy = b[1] - my;
        double len = Math.hypot(dx, dy);
        return len == 0 ? new double[] {b[0], b[1]} : new double[] {b[0] - dx / len * by, b[1] - dy / len * by};
    }

    private static StringBuilder start(String label) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\">\n");
    }

    private static void axes(StringBuilder s, Scale sx, Scale sy, String xLabel, String yLabel, boolean integerX) {
        axesY(s, sy, yLabel);
        for (double t : sx.ticks()) {
            if (integerX && Math.abs(t - Math.rint(t)) > 1e-9) {
                continue;
            }
            s.append("<line class=\"grid\" x1=\"").append(num(sx.at(t))).append("\" x2=\"").append(num(sx.at(t)))
                    .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM + 5).append("\" stroke=\"#718096\"/>\n");
            s.append("<text class=\"tick\" x=\"").append(num(sx.at(t))).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">").append(sx.label(t)).append("</text>\n");
        }
        s.append("<text class=\"axis-label\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>\n");
    }

    private static void axesY(StringBuilder s, Scale sy, String yLabel) {
        for (double t : sy.ticks()) {
            s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(num(sy.at(t))).append("\" y2=\"").append(num(sy.at(t))).append("\" stroke=\"#e2e8f0\"/>\n");
            s.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(sy.at(t) + 4))
                    .append("\" text-anchor=\"end\">").append(sy.label(t)).append("</text>\n");
        }
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" y2=\"")
                .append(HEIGHT - BOTTOM).append("\" stroke=\"#718096\"/>\n");
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(HEIGHT - BOTTOM)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#718096\"/>\n");
        s.append("<text class=\"axis-label\" x=\"").append(LEFT).append("\" y=\"").append(TOP - 14).append("\" text-anchor=\"start\">")
                .append(Html.escape(yLabel)).append("</text>\n");
    }

    private static void legend(StringBuilder s, List<Series> series) {
        double x = WIDTH - RIGHT;
        for (int k = series.size() - 1; k >= 0; k--) {
            String name = series.get(k).name();
            double w = 22 + 6.5 * name.length();
            x -= w + 10;
            s.append("<rect x=\"").append(num(x)).append("\" y=\"").append(TOP - 24).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLORS[k % COLORS.length]).append("\"/>\n");
            s.append("<text class=\"legend\" x=\"").append(num(x + 16)).append("\" y=\"").append(TOP - 14).append("\">")
                    .append(Html.escape(name)).append("</text>\n");
        }
    }

    /** A label cut to about the width it has (6.5 px a character), ending in an ellipsis when cut. */
    static String fit(String label, double width) {
        int max = Math.max(3, (int) (width / 6.5));
        return label.length() <= max ? label : label.substring(0, max - 1) + "…";
    }

    private static boolean plottable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double[] range(double[] x, boolean log) {
        return widen(minMax(List.of(new Series("", x)), log), log);
    }

    private static double[] range(List<Series> series, boolean log, boolean fromZero) {
        double[] r = minMax(series, log);
        if (fromZero && Double.isFinite(r[0])) {
            r[0] = Math.min(r[0], 0);
            r[1] = Math.max(r[1], 0);
            double room = 0.05 * (r[1] - r[0]); // so the tallest bar stays clear of the legend
            r[0] = r[0] < 0 ? r[0] - room : r[0];
            r[1] = r[1] > 0 ? r[1] + room : r[1];
        }
        return widen(r, log);
    }

    private static double[] minMax(List<Series> series, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (plottable(v, log)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    /** The range grown by {@code share} of its width on each side, so points stay off the frame. */
    private static double[] pad(double[] r, double share) {
        double room = share * (r[1] - r[0]);
        return new double[] {r[0] - room, r[1] + room};
    }

    /** A range with room: empty becomes [0, 1], a single value gets a margin. */
    private static double[] widen(double[] r, boolean log) {
        if (!Double.isFinite(r[0])) {
            return log ? new double[] {0.1, 10} : new double[] {0, 1};
        }
        if (log) {
            return new double[] {Math.pow(10, Math.floor(Math.log10(r[0]))), Math.pow(10, Math.ceil(Math.log10(r[1]) + 1e-12))};
        }
        if (r[1] - r[0] <= 1e-12 * Math.max(1, Math.abs(r[0]))) {
            double m = Math.abs(r[0]) > 0 ? Math.abs(r[0]) * 0.1 : 1;
            return new double[] {r[0] - m, r[1] + m};
        }
        return r;
    }

    /** A linear or base-10 logarithmic map from data to pixels, with its tick values. */
    private record Scale(double lo, double hi, double from, double to, boolean log) {
        double at(double v) {
            double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return from + f * (to - from);
        }

        double step() {
            return niceStep((hi - lo) / 5);
        }

        /** A tick label with as many decimals as the tick step needs. */
        String label(double t) {
            if (log) {
                return logTick(t);
            }
            double step = step();
            if (t == 0) {
                return "0";
            }
            if (step < 1e-6 || Math.abs(t) >= 1e9) {
                return String.format(Locale.ROOT, "%.3e", t);
            }
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return new java.math.BigDecimal(t).setScale(decimals, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            if (log) {
                int a = (int) Math.round(Math.log10(lo));
                int b = (int) Math.round(Math.log10(hi));
                int every = Math.max(1, (b - a + 5) / 6);
                for (int e = a; e <= b; e += every) {
                    out.add(Math.pow(10, e));
                }
                return out;
            }
            double step = step();
            for (long i = (long) Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
                double t = i * step;
                out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            return out;
        }
    }

    static double niceStep(double rough) {
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    /** A tick label: up to 6 significant digits, no exponent for everyday magnitudes. */
    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return Numbers.format(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String logTick(double v) {
        int e = (int) Math.round(Math.log10(v));
        return e >= -3 && e <= 4 ? tick(v) : "1e" + e;
    }

    /** Pixel coordinates to 0.01. */
    static String num(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
