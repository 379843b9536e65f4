package io.fraudstream.learn;

/**
 * Order statistics of a column without sorting it: the values a full sort would put at the given ranks, by
 * quickselect over all the ranks at once (O(n log k) for k ranks, against O(n log n)). Binning a batch needs 31
 * quantiles of each of its columns every round, and sorting them was a sixth of a round.
 *
 * <p>Exactly the sort's values: doubles are compared as {@link Double#compare} orders them (−0.0 before 0.0), through
 * their bits mapped to longs of the same order; equal keys are partitioned three ways, so a column of few distinct
 * values (counts, flags) costs a pass per distinct pivot, never a quadratic one. NaN: see each method.
 */
final class Quantiles {
    private static final int SMALL = 24;

    private Quantiles() {
    }

    /** {@code sorted(values)[ranks[i]]} for each of the ascending {@code ranks} (no NaN); {@code values} unchanged. */
    static double[] at(final double[] values, final int[] ranks) {
        return at(values, values.length, ranks);
    }

    /**
     * The same over the {@code present} values of {@code values} that are not NaN (the others are skipped): the
     * column of a feature, missing where NaN, without a copy of its present values.
     */
    static double[] at(final double[] values, final int present, final int[] ranks) {
        final long[] keys = new long[present];
        int k = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                keys[k++] = key(v);
            }
        }
        final long[] found = new long[ranks.length];
        select(keys, 0, keys.length, ranks, 0, ranks.length, found);
        final double[] out = new double[ranks.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(found[i]);
        }
        return out;
    }

    /** A long whose signed order is the double's {@link Double#compare} order. */
    static long key(final double v) {
        final long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double value(final long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /** Finds the ranks {@code ranks[rlo..rhi)} (ascending, within [lo, hi)) of {@code keys[lo..hi)}. */
    private static void select(final long[] keys, final int lo, final int hi, final int[] ranks, final int rlo,
                               final int rhi, final long[] found) {
        if (rlo >= rhi) {
            return;
        }
        if (hi - lo <= SMALL) {
            insertionSort(keys, lo, hi);
            for (int r = rlo; r < rhi; r++) {
                found[r] = keys[ranks[r]];
            }
            return;
        }
        final long pivot = median(keys[lo], keys[(lo + hi) >>> 1], keys[hi - 1]);
        int lt = lo; // [lo, lt) < pivot, [lt, i) == pivot, [gt, hi) > pivot
        int gt = hi;
        int i = lo;
        while (i < gt) {
            final long k = keys[i];
            if (k < pivot) {
                keys[i++] = keys[lt];
                keys[lt++] = k;
            } else if (k > pivot) {
                keys[i] = keys[--gt];
                keys[gt] = k;
            } else {
                i++;
            }
        }
        int r = rlo;
        final int left = r;
        while (r < rhi && ranks[r] < lt) {
            r++;
        }
        select(keys, lo, lt, ranks, left, r, found);
        while (r < rhi && ranks[r] < gt) {
            found[r++] = pivot;
        }
        select(keys, gt, hi, ranks, r, rhi, found);
    }

    private static long median(final long a, final long b, final long c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    private static void insertionSort(final long[] keys, final int lo, final int hi) {
        for (int i = lo + 1; i < hi; i++) {
            final long k = keys[i];
            int j = i - 1;
            while (j >= lo && keys[j] > k) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = k;
        }
    }
}
