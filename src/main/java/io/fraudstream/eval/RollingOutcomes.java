package io.fraudstream.eval;

import java.util.Arrays;

/**
 * The last {@code capacity} labelled outcomes (score at decision time, label, alerted) in a ring buffer,
 * and their metrics.
 *
 * <p>Design: O(1) per update; a read sorts the window, O(N log N) (a few milliseconds for N = 10 000), so
 * reads run on an interval, not per outcome. Average precision is exact: see {@link Curves#averagePrecision}.
 */
public final class RollingOutcomes {
    private final float[] scores;
    private final boolean[] labels;
    private final boolean[] alerted;
    private long total;

    public RollingOutcomes(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        scores = new float[capacity];
        labels = new boolean[capacity];
        alerted = new boolean[capacity];
    }

    public int capacity() {
        return scores.length;
    }

    /** Total outcomes ever added (also the position of the next one). */
    public long total() {
        return total;
    }

    public int size() {
        return (int) Math.min(total, scores.length);
    }

    /** Adds an outcome, evicting the oldest when full; returns the slot written. */
    public int add(final double score, final boolean fraud, final boolean wasAlerted) {
        final int slot = (int) (total % scores.length);
        set(slot, score, fraud, wasAlerted);
        total++;
        return slot;
    }

    /** Restores one slot and the total (used when rebuilding from the state store). */
    public void restore(final int slot, final double score, final boolean fraud, final boolean wasAlerted,
                        final long restoredTotal) {
        set(slot, score, fraud, wasAlerted);
        total = Math.max(total, restoredTotal);
    }

    private void set(final int slot, final double score, final boolean fraud, final boolean wasAlerted) {
        scores[slot] = (float) score;
        labels[slot] = fraud;
        alerted[slot] = wasAlerted;
    }

    public WindowMetrics metrics() {
        final int n = size();
        if (n == 0) {
            return WindowMetrics.EMPTY;
        }
        int positives = 0;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            positives += labels[i] ? 1 : 0;
            if (alerted[i]) {
                tp += labels[i] ? 1 : 0;
                fp += labels[i] ? 0 : 1;
            }
        }
        final double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        final double recall = positives == 0 ? Double.NaN : (double) tp / positives;
        return new WindowMetrics(n, positives, tp, fp, precision, recall,
                averagePrecision(Arrays.copyOf(scores, n), Arrays.copyOf(labels, n)));
    }

    /** Step-wise average precision; NaN unless both classes are present. */
    static double averagePrecision(final float[] scores, final boolean[] labels) {
        final double[] s = new double[scores.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores[i];
        }
        return Curves.averagePrecision(s, labels);
    }
}
