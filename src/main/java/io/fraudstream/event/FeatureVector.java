package io.fraudstream.event;

import java.util.Arrays;

/**
 * A sparse, named feature vector: {@code names[i]} has value {@code values[i]}. Names starting with
 * {@value #INDICATOR_PREFIX} are 0/1 indicators (hashed categorical attributes): absent means 0 and they
 * are not standardised, nor are the bounded built-in features ({@code FeatureExtractor.BOUNDED}). Every other feature is numeric: absent means "unknown", scored as the feature's mean.
 */
public record FeatureVector(String[] names, double[] values) {
    public static final String INDICATOR_PREFIX = "a.";
    /** No features (shared: a zero-length vector has nothing to change). */
    public static final FeatureVector EMPTY = new FeatureVector(new String[0], new double[0]);

    /**
     * Largest magnitude of a feature value. Every value fraudstream computes or passes through is kept within
     * ±{@value}, so that sums, squares and standardisation over millions of examples stay finite (1e12 squared is
     * 1e24; the doubles reach 1e308): a finite input never becomes ±∞ or NaN downstream.
     */
    public static final double MAX_MAGNITUDE = 1e12;

    public FeatureVector {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
    }

    /** {@code v} clamped to ±{@link #MAX_MAGNITUDE}; NaN (never produced from finite input) becomes 0. */
    public static double bounded(final double v) {
        return v != v ? 0 : Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, v));
    }

    public int size() {
        return names.length;
    }

    public static boolean isIndicator(final String name) {
        return name.startsWith(INDICATOR_PREFIX);
    }

    /** This vector followed by {@code more}. */
    public FeatureVector plus(final FeatureVector more) {
        final int a = names.length;
        final String[] n = Arrays.copyOf(names, a + more.names.length);
        final double[] v = Arrays.copyOf(values, a + more.values.length);
        System.arraycopy(more.names, 0, n, a, more.names.length);
        System.arraycopy(more.values, 0, v, a, more.values.length);
        return new FeatureVector(n, v);
    }

    /** Value of a feature by name, or NaN when absent (linear scan: for tests and reports, not hot paths). */
    public double get(final String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof FeatureVector f && Arrays.equals(names, f.names) && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }
}
