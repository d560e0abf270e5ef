package org.peermarket.grid;

import java.util.Map;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * How branch ratings (MVA, used as MW limits in the DC check) are set. A rating of 0 in the case means
 * unlimited, as in MATPOWER; such a branch is never congested.
 */
public sealed interface RatingRule {
    /** Ratings per branch in case order; {@code baseFlowMw} is the base-case DC flow (only some rules read it). */
    double[] ratings(GridCase grid, double[] baseFlowMw);

    /** RATE_A from the case. */
    record FromCase() implements RatingRule {
        @Override
        public double[] ratings(GridCase grid, double[] baseFlowMw) {
            double[] r = new double[grid.branches().size()];
            for (int l = 0; l < r.length; l++) {
                double rate = grid.branches().get(l).rateA();
                r[l] = rate > 0 ? rate : Double.POSITIVE_INFINITY;
            }
            return r;
        }
    }

    /** Ratings by 1-based branch index; branches not listed keep RATE_A from the case. */
    record Explicit(Map<Integer, Double> byBranch) implements RatingRule {
        public Explicit {
            byBranch = Map.copyOf(byBranch);
        }

        @Override
        public double[] ratings(GridCase grid, double[] baseFlowMw) {
            double[] r = new FromCase().ratings(grid, baseFlowMw);
            for (Map.Entry<Integer, Double> e : byBranch.entrySet()) {
                int l = e.getKey();
                if (l < 1 || l > r.length) {
                    throw new ValidationException(new Problem("grid.ratings.branches." + l, String.valueOf(e.getValue()),
                            grid.name() + " has branches 1 to " + r.length));
                }
                if (!(e.getValue() > 0)) {
                    throw new ValidationException(new Problem("grid.ratings.branches." + l, String.valueOf(e.getValue()),
                            "a rating must be positive"));
                }
                r[l - 1] = e.getValue();
            }
            return r;
        }
    }

    /** factor * |base-case DC flow|, at least {@code floorMw}: for feeders whose case has no ratings. */
    record BaseFlow(double factor, double floorMw) implements RatingRule {
        public BaseFlow {
            if (!(factor > 0)) {
                throw new ValidationException(new Problem("grid.ratings.factor", String.valueOf(factor), "must be positive"));
            }
            if (!(floorMw > 0)) {
                throw new ValidationException(new Problem("grid.ratings.floor", String.valueOf(floorMw), "must be positive"));
            }
        }

        @Override
        public double[] ratings(GridCase grid, double[] baseFlowMw) {
            double[] r = new double[grid.branches().size()];
            for (int l = 0; l < r.length; l++) {
                r[l] = Math.max(floorMw, factor * Math.abs(baseFlowMw[l]));
            }
            return r;
        }
    }
}
