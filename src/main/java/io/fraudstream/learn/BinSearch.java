package io.fraudstream.learn;

import java.util.Arrays;

/**
 * The histogram bin of a value among a feature's bin edges (strictly ascending): the number of edges below it, as
 * a lower-bound binary search finds it, by a search that takes a step or not instead of branching on each
 * comparison. A batch's values come in no order, so a branching search mispredicts about half its comparisons;
 * binning every column of every batch is done each round.
 */
final class BinSearch {
    private BinSearch() {
    }

    /**
     * The edges followed by +∞ up to a power of two, less one, so that {@link #binOf} halves its range without a
     * bound check (the padding is above every edge and every finite value: it changes no bin).
     */
    static double[] padded(final double[] edges) {
        final double[] padded = Arrays.copyOf(edges, Math.max(0, Integer.highestOneBit(edges.length) * 2 - 1));
        Arrays.fill(padded, edges.length, padded.length, Double.POSITIVE_INFINITY);
        return padded;
    }

    /** The number of {@code edges} (as {@link #padded} made them) below {@code v}, which is not NaN. */
    static int binOf(final double[] edges, final double v) {
        int below = 0;
        for (int step = (edges.length + 1) >>> 1; step > 0; step >>>= 1) {
            below += edges[below + step - 1] < v ? step : 0;
        }
        return below;
    }
}
