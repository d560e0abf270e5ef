package org.peermarket.model;

import java.util.Map;

/**
 * The scenario's {@code grid} key: which network (a built-in MATPOWER case name or a file path), how its lines
 * are rated, and whether the case's own loads and generation are the base the peers' injections add to
 * ({@code base: case}) or the peers alone load the network ({@code base: none}).
 */
public record GridSpec(String caseRef, Ratings ratings, String base) {
    public static final String BASE_CASE = "case";
    public static final String BASE_NONE = "none";

    /**
     * Line ratings in MW: {@code case} (RATE_A; 0 unlimited), {@code explicit} ({@code branches}: 1-based branch
     * index to rating, others from the case) or {@code base-flow} (max(floor, factor * |base-case DC flow|)).
     */
    public record Ratings(String rule, Map<Integer, Double> branches, double factor, double floor) {
        public static final String CASE = "case";
        public static final String EXPLICIT = "explicit";
        public static final String BASE_FLOW = "base-flow";
        public static final Ratings FROM_CASE = new Ratings(CASE, Map.of(), 0, 0);

        public Ratings {
            branches = Map.copyOf(branches);
        }
    }
}
