package org.peermarket.study.pipeline;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.peermarket.model.SweepGrid;

/**
 * One policy point of a sweep, run on every draw: the feeder (a built-in case), the DSO policy ({@code lfm-only}: no
 * P2P market; {@code none}: unchecked P2P; {@code block}; {@code incentive}), its parameters (theta: occupancy from
 * which a line is at risk; w: the incentive's weight; NaN where they do not apply) and whether loads are heavy.
 * The named scenarios s0 ... s1-heavy are such points on case69.
 */
public record SweepCell(String name, String feeder, String policy, double theta, double w, boolean heavy)
        implements Serializable {
    static final String DEFAULT_FEEDER = "case69";

    /** A named scenario of docs/euniversal-study.md as a point. */
    public static SweepCell named(String name) {
        boolean heavy = name.endsWith("-heavy");
        String kind = heavy ? name.substring(0, name.length() - "-heavy".length()) : name;
        return switch (kind) {
            case "s0" -> new SweepCell(name, DEFAULT_FEEDER, "lfm-only", Double.NaN, Double.NaN, heavy);
            case "s1" -> new SweepCell(name, DEFAULT_FEEDER, "none", Double.NaN, Double.NaN, heavy);
            case "s2" -> new SweepCell(name, DEFAULT_FEEDER, "block", 0.8, Double.NaN, heavy);
            case "s3-100" -> new SweepCell(name, DEFAULT_FEEDER, "incentive", 1.0, 0.2, heavy);
            case "s3-80" -> new SweepCell(name, DEFAULT_FEEDER, "incentive", 0.8, 0.2, heavy);
            default -> throw new IllegalArgumentException("no such scenario: " + name);
        };
    }

    /** Every point of a grid, feeder by feeder, policy by policy, theta then w in the listed order. */
    public static List<SweepCell> grid(SweepGrid g) {
        List<SweepCell> out = new ArrayList<>();
        for (String feeder : g.cases()) {
            for (String policy : g.policies()) {
                out.addAll(points(feeder, policy, g));
            }
        }
        return out;
    }

    private static List<SweepCell> points(String feeder, String policy, SweepGrid g) {
        List<SweepCell> out = new ArrayList<>();
        switch (policy) {
            case "lfm-only", "none" -> out.add(new SweepCell(feeder + "/" + policy, feeder, policy, Double.NaN,
                    Double.NaN, false));
            case "block" -> g.thetas().forEach(t -> out.add(new SweepCell(feeder + "/block/theta=" + text(t), feeder,
                    policy, t, Double.NaN, false)));
            default -> g.thetas().forEach(t -> g.ws().forEach(w -> out.add(new SweepCell(feeder + "/incentive/theta="
                    + text(t) + "/w=" + text(w), feeder, policy, t, w, false))));
        }
        return out;
    }

    /** The shortest plain text of a number: 0.8, 1, 0.25. */
    static String text(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public boolean hasP2p() {
        return !policy.equals("lfm-only");
    }
}
