package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peermarket.study.files.Html;

/**
 * Charts for a long horizon (more than {@link #LIMIT} periods, e.g. 8,760 hours): each series
 * becomes a daily envelope (lowest and highest value of each block of 24 periods) and many
 * series a daily heat map, so the page stays readable and small instead of drawing every point.
 */
final class LongHorizon {
    static final int LIMIT = 400;
    static final int DAY = 24;

    private LongHorizon() {}

    static boolean applies(int periods) {
        return periods > LIMIT;
    }

    static int days(int periods) {
        return (periods + DAY - 1) / DAY;
    }

    /** Days 1..D as chart x values. */
    static double[] dayAxis(int periods) {
        double[] x = new double[days(periods)];
        for (int d = 0; d < x.length; d++) {
            x[d] = d + 1;
        }
        return x;
    }

    enum Fold { MIN, MAX, SUM, MEAN }

    /** One value per day; NaN periods are left out, a day without values is NaN. */
    static double[] daily(double[] v, Fold fold) {
        double[] out = new double[days(v.length)];
        for (int d = 0; d < out.length; d++) {
            double acc = fold == Fold.MIN ? Double.POSITIVE_INFINITY : fold == Fold.MAX ? Double.NEGATIVE_INFINITY : 0;
            int count = 0;
            for (int t = d * DAY; t < Math.min(v.length, (d + 1) * DAY); t++) {
                if (Double.isNaN(v[t])) {
                    continue;
                }
                count++;
                acc = switch (fold) {
                    case MIN -> Math.min(acc, v[t]);
                    case MAX -> Math.max(acc, v[t]);
                    case SUM, MEAN -> acc + v[t];
                };
            }
            out[d] = count == 0 ? Double.NaN : fold == Fold.MEAN ? acc / count : acc;
        }
        return out;
    }

    /** The daily lowest and highest value of a series, as two chart series. */
    static List<SvgChart.Series> envelope(String name, double[] v) {
        return List.of(new SvgChart.Series(name + ", daily lowest", daily(v, Fold.MIN)),
                new SvgChart.Series(name + ", daily highest", daily(v, Fold.MAX)));
    }

    /**
     * A heat map: one row per name, one column per day, colour by value (blue below zero, red
     * above, white at zero; scaled to the largest magnitude), with the scale written below.
     */
    static String heatMap(String title, List<String> names, List<double[]> dailyValues) {
        int days = dailyValues.isEmpty() ? 0 : dailyValues.get(0).length;
        double max = 0;
        for (double[] row : dailyValues) {
            for (double v : row) {
                max = Double.isNaN(v) ? max : Math.max(max, Math.abs(v));
            }
        }
        int left = 60;
        int cell = 2;
        int rowH = Math.max(3, Math.min(12, 600 / Math.max(1, names.size())));
        int width = left + days * cell + 10;
        int height = 30 + names.size() * rowH + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\"><title>").append(Html.escape(title)).append("</title>");
        s.append("<text x=\"").append(left).append("\" y=\"16\" font-size=\"12\">").append(Html.escape(title)).append("</text>");
        for (int r = 0; r < names.size(); r++) {
            int y = 24 + r * rowH;
            if (rowH >= 8 || r % Math.max(1, 10 / rowH) == 0) {
                s.append("<text x=\"").append(left - 4).append("\" y=\"").append(y + rowH - 1)
                        .append("\" font-size=\"").append(Math.min(10, Math.max(7, rowH))).append("\" text-anchor=\"end\">")
                        .append(Html.escape(names.get(r))).append("</text>");
            }
            double[] row = dailyValues.get(r);
            for (int d = 0; d < days; d++) {
                s.append("<rect x=\"").append(left + d * cell).append("\" y=\"").append(y).append("\" width=\"").append(cell)
                        .append("\" height=\"").append(rowH).append("\" fill=\"").append(colour(row[d], max)).append("\"/>");
            }
        }
        int base = 24 + names.size() * rowH + 16;
        s.append("<text x=\"").append(left).append("\" y=\"").append(base).append("\" font-size=\"10\">day 1 to ").append(days)
                .append("; blue = ").append(ReportContext.format(-max)).append(", white = 0, red = ")
                .append(ReportContext.format(max)).append("</text></svg>");
        return s.toString();
    }

    private static String colour(double v, double max) {
        if (Double.isNaN(v) || max == 0) {
            return "#eeeeee";
        }
        double f = Math.min(1, Math.abs(v) / max);
        int fade = (int) Math.round(255 * (1 - f));
        return v >= 0 ? String.format(Locale.ROOT, "#ff%02x%02x", fade, fade) : String.format(Locale.ROOT, "#%02x%02xff", fade, fade);
    }

    static List<String> dayLabels(int periods) {
        List<String> out = new ArrayList<>();
        for (int d = 1; d <= days(periods); d++) {
            out.add(Integer.toString(d));
        }
        return out;
    }
}
