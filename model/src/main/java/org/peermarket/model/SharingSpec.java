package org.peermarket.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a community's gain is shared ({@code sharing: {rule, samples, seed, exact_max, renewable,
 * needs}}; docs/profit-sharing.md). {@code rule} is the chosen rule (every rule is reported, the
 * chosen one is marked); Shapley is exact for at most {@code exactMax} members and sampled from
 * {@code samples} random orders (seeded) beyond; {@code renewable} lists the peers whose
 * production counts for the renewable rule (absent: every producer); {@code needs} gives
 * needs-based weights by peer id (absent: each peer's stand-alone consumption).
 */
public record SharingSpec(String rule, int samples, long seed, int exactMax, Optional<List<String>> renewable,
                          Map<String, Double> needs) {
    public static final List<String> RULES = List.of("equal", "contribution", "shapley", "needs", "renewable");
    public static final int DEFAULT_SAMPLES = 1000;
    public static final int DEFAULT_EXACT_MAX = 20;

    public SharingSpec {
        renewable = renewable.map(List::copyOf);
        needs = Map.copyOf(needs);
    }
}
