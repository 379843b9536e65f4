package io.fraudstream.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact ranking metrics of scores against labels. Tied scores are one threshold: they enter the curves
 * together, PR-AUC is scikit-learn's step-wise {@code average_precision_score}, ROC-AUC the Mann-Whitney
 * statistic with tied pairs counting one half. Both are NaN unless both classes are present.
 */
public final class Curves {
    private Curves() {
    }

    /**
     * Indices sorted by score, descending (ties keep index order, so the result is deterministic), in
     * {@link Double#compare}'s order (NaN highest, 0.0 above −0.0), without boxing: a stable radix sort of the
     * indices on the scores' bits (mapped to longs of the same order), eight bits a pass, skipping the bytes all
     * scores share. O(n): it ranks a long replay's millions of outcomes, and the reservoirs at every round.
     */
    public static int[] descending(final double[] scores) {
        final int n = scores.length;
        long[] keys = new long[n];
        int[] order = new int[n];
        long differ = 0;
        for (int i = 0; i < n; i++) {
            final long bits = Double.doubleToLongBits(scores[i]); // one NaN
            // Double.compare's order as unsigned longs, then reversed: an ascending sort is a descending ranking
            keys[i] = ~(bits ^ ((bits >> 63) | Long.MIN_VALUE));
            order[i] = i;
            differ |= keys[i] ^ keys[0];
        }
        long[] keysOut = new long[n];
        int[] orderOut = new int[n];
        final int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            if ((differ >>> shift & 0xFF) == 0) {
                continue; // every key has this byte: the pass would change nothing
            }
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (keys[i] >>> shift & 0xFF) + 1]++;
            }
            for (int d = 0; d < 256; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                final int at = count[(int) (keys[i] >>> shift & 0xFF)]++;
                keysOut[at] = keys[i];
                orderOut[at] = order[i];
            }
            final long[] k = keys;
            keys = keysOut;
            keysOut = k;
            final int[] o = order;
            order = orderOut;
            orderOut = o;
        }
        return order;
    }

    private static int positives(final boolean[] labels) {
        int p = 0;
        for (boolean l : labels) {
            p += l ? 1 : 0;
        }
        return p;
    }

    /**
     * PR-AUC, from the two classes' scores sorted apart and walked together from the top, one distinct score at a
     * time (a retraining round computes several on its holdout: two primitive sorts of the classes, not a ranking
     * of every example).
     */
    public static double averagePrecision(final double[] scores, final boolean[] labels) {
        final int positives = positives(labels);
        if (positives == 0 || positives == labels.length) {
            return Double.NaN;
        }
        final double[] pos = new double[positives];
        final double[] neg = new double[labels.length - positives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos); // ascending, in Double.compare's order: walked from the end
        Arrays.sort(neg);
        double ap = 0;
        double previousRecall = 0;
        int tp = 0;
        int seen = 0;
        p = pos.length - 1;
        q = neg.length - 1;
        while (p >= 0 || q >= 0) {
            final double s = q < 0 || p >= 0 && Double.compare(pos[p], neg[q]) > 0 ? pos[p] : neg[q];
            while (p >= 0 && Double.compare(pos[p], s) == 0) {
                tp++;
                seen++;
                p--;
            }
            while (q >= 0 && Double.compare(neg[q], s) == 0) {
                seen++;
                q--;
            }
            final double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / seen);
            previousRecall = recall;
        }
        return ap;
    }

    public static double rocAuc(final double[] scores, final boolean[] labels) {
        final int positives = positives(labels);
        final int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        final int[] order = descending(scores);
        double wins = 0; // pairs (fraud, legit) with the fraud ranked higher; ties count one half
        int negativesAbove = 0;
        for (int i = 0; i < order.length; ) {
            final double s = scores[order[i]];
            int pos = 0;
            int neg = 0;
            while (i < order.length && Double.compare(scores[order[i]], s) == 0) {
                if (labels[order[i]]) {
                    pos++;
                } else {
                    neg++;
                }
                i++;
            }
            wins += pos * ((double) (negatives - negativesAbove - neg) + 0.5 * neg);
            negativesAbove += neg;
        }
        return wins / ((double) positives * negatives);
    }

    /** A point of a curve. */
    public record Point(double x, double y) {
    }

    /** Precision-recall curve (x = recall, y = precision), one point per distinct threshold, at most {@code max}. */
    public static List<Point> prCurve(final double[] scores, final boolean[] labels, final int max) {
        return curve(scores, labels, max, true);
    }

    /** ROC curve (x = false positive rate, y = true positive rate), from (0,0) to (1,1), at most {@code max} points. */
    public static List<Point> rocCurve(final double[] scores, final boolean[] labels, final int max) {
        return curve(scores, labels, max, false);
    }

    private static List<Point> curve(final double[] scores, final boolean[] labels, final int max, final boolean pr) {
        final int positives = positives(labels);
        final int negatives = labels.length - positives;
        final List<Point> all = new ArrayList<>();
        if (positives == 0 || negatives == 0) {
            return all;
        }
        if (!pr) {
            all.add(new Point(0, 0));
        }
        final int[] order = descending(scores);
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < order.length; ) {
            final double s = scores[order[i]];
            while (i < order.length && Double.compare(scores[order[i]], s) == 0) {
                if (labels[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            all.add(pr ? new Point((double) tp / positives, (double) tp / (tp + fp))
                    : new Point((double) fp / negatives, (double) tp / positives));
        }
        if (all.size() <= max) {
            return all;
        }
        final List<Point> thinned = new ArrayList<>(max);
        for (int k = 0; k < max; k++) {
            thinned.add(all.get((int) ((long) k * (all.size() - 1) / (max - 1))));
        }
        return thinned;
    }
}
