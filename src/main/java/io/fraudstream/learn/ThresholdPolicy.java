package io.fraudstream.learn;

import io.fraudstream.eval.Curves;
import io.fraudstream.model.CostMatrix;

/**
 * How the review and block thresholds are chosen, on held-out outcomes in their natural distribution.
 *
 * <p>The review threshold by {@link Kind}: FIXED keeps the configured one; COST minimises the total cost of the
 * held-out outcomes under the {@link CostMatrix}; PRECISION takes the lowest threshold whose precision is at least
 * the target (the most recall at that precision); BUDGET the lowest threshold whose alerts, scaled from the
 * holdout to the whole stream, stay within the alert budget per day. The block threshold is then the lowest
 * threshold at or above the review threshold whose precision reaches {@code blockPrecision}, so BLOCK is kept for
 * what is nearly certain and REVIEW is the band below; when no threshold reaches it, the configured block
 * threshold (never below review); FIXED keeps both configured thresholds. Thresholds are only placed between distinct scores: ties are decided together.
 * A transaction scoring at or above a threshold is alerted.
 */
public record ThresholdPolicy(Kind kind, double reviewThreshold, double blockThreshold, double targetPrecision,
                              double alertsPerDay, double blockPrecision, CostMatrix costs) {
    public enum Kind { FIXED, COST, PRECISION, BUDGET }

    /** The chosen thresholds and what they give on the holdout (NaN where not measured). */
    public record Choice(double review, double block, double precision, double recall, double cost) {
    }

    public static ThresholdPolicy fixed(final double review, final double block) {
        return new ThresholdPolicy(Kind.FIXED, review, block, 0.5, 100, 0.9, CostMatrix.defaults());
    }

    /**
     * Chooses thresholds from held-out scores.
     *
     * @param scores      scores of the held-out outcomes
     * @param fraud       their labels
     * @param amounts     their amounts
     * @param streamShare the share of the whole stream the holdout represents (its sampling rate)
     * @param days        the event-time span the holdout covers, in days
     */
    public Choice choose(final double[] scores, final boolean[] fraud, final double[] amounts,
                         final double streamShare, final double days) {
        final int n = scores.length;
        final int[] order = Curves.descending(scores);
        int totalFrauds = 0;
        double missedAll = 0;
        for (int i = 0; i < n; i++) {
            if (fraud[i]) {
                totalFrauds++;
                missedAll += costs.missed(amounts[i]);
            }
        }
        // cut c = alert the first c (by score); only cuts between distinct scores are allowed
        final int[] tpAt = new int[n + 1];
        final double[] costAt = new double[n + 1];
        costAt[0] = missedAll;
        for (int c = 1; c <= n; c++) {
            final int i = order[c - 1];
            tpAt[c] = tpAt[c - 1] + (fraud[i] ? 1 : 0);
            costAt[c] = costAt[c - 1] + costs.reviewCost() - (fraud[i] ? costs.missed(amounts[i]) : 0);
        }
        int reviewCut = -1;
        if (kind != Kind.FIXED) {
            int best = 0;
            for (int c = 0; c <= n; c++) {
                if (c > 0 && c < n && scores[order[c - 1]] == scores[order[c]]) {
                    continue; // inside a tie
                }
                final boolean better = switch (kind) {
                    case COST -> costAt[c] < costAt[best];
                    case PRECISION -> c > 0 && (double) tpAt[c] / c >= targetPrecision;
                    case BUDGET -> days > 0 && streamShare > 0 && c / streamShare / days <= alertsPerDay;
                    default -> false;
                };
                if (better) {
                    best = c;
                }
            }
            reviewCut = best;
        }
        final double review = reviewCut < 0 ? reviewThreshold : thresholdAt(scores, order, reviewCut);
        double block = Double.NaN;
        for (int c = 1; c <= n && kind != Kind.FIXED; c++) {
            if (c < n && scores[order[c - 1]] == scores[order[c]]) {
                continue;
            }
            final double t = scores[order[c - 1]];
            if (t >= review && (double) tpAt[c] / c >= blockPrecision) {
                block = Double.isNaN(block) ? Math.max(t, review) : Math.min(block, Math.max(t, review));
            }
        }
        if (Double.isNaN(block)) {
            block = Math.max(review, blockThreshold);
        }
        int alerted = 0;
        int tp = 0;
        double cost = 0;
        for (int i = 0; i < n; i++) {
            final boolean alert = scores[i] >= review;
            alerted += alert ? 1 : 0;
            tp += alert && fraud[i] ? 1 : 0;
            cost += costs.cost(fraud[i], alert, amounts[i]);
        }
        return new Choice(review, block, alerted == 0 ? Double.NaN : (double) tp / alerted,
                totalFrauds == 0 ? Double.NaN : (double) tp / totalFrauds, cost);
    }

    /** The threshold that alerts exactly the first {@code cut} scores: the cut-th score, or above the top. */
    private static double thresholdAt(final double[] scores, final int[] order, final int cut) {
        if (cut == 0) {
            return order.length == 0 ? 1 : Math.min(1, Math.nextUp(scores[order[0]]));
        }
        return scores[order[cut - 1]];
    }
}
