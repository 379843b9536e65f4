package io.fraudstream.model;

import java.util.Arrays;

/**
 * The trees of a gradient-boosted ensemble, flattened into parallel arrays (compact on the model topic, no object per
 * node). Node {@code n} splits on feature {@code feature[n]} (an index into the snapshot's feature names): values
 * {@code <= threshold[n]} go to {@code left[n]}, greater ones and missing ones (NaN) to {@code right[n]}; a leaf has
 * {@code feature[n] == -1}. {@code value[n]} is the node's contribution to the log-odds were it a leaf (the shrunk
 * Newton step of its examples): leaves add theirs; internal nodes' values give the per-feature contributions along a
 * decision path (Saabas), the reason codes of a tree model.
 *
 * @param roots     first node of each tree
 * @param feature   split feature per node, -1 for a leaf
 * @param threshold split threshold per node
 * @param left      left child per node (-1 for a leaf)
 * @param right     right child per node (-1 for a leaf)
 * @param value     log-odds contribution per node
 */
public record TreeEnsemble(int[] roots, int[] feature, double[] threshold, int[] left, int[] right, double[] value) {
    public TreeEnsemble {
        final int n = feature.length;
        if (threshold.length != n || left.length != n || right.length != n || value.length != n) {
            throw new IllegalArgumentException("tree arrays differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
                throw new IllegalArgumentException("node " + i + ": children must follow it");
            }
        }
        for (int r : roots) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("root " + r + " out of range");
            }
        }
    }

    public int trees() {
        return roots.length;
    }

    /** The log-odds the trees add for a dense feature vector (NaN: missing). */
    public double margin(final double[] x) {
        double m = 0;
        for (int root : roots) {
            int n = root;
            while (feature[n] >= 0) {
                n = x[feature[n]] <= threshold[n] ? left[n] : right[n];
            }
            m += value[n];
        }
        return m;
    }

    /**
     * The log-odds the trees add, and each feature's share of it along the decision paths added into
     * {@code contributions} (indexed like the features): at every split, the change of node value from the node to
     * the child taken is credited to the split feature; the root values are the trees' baseline, credited to none.
     */
    public double margin(final double[] x, final double[] contributions) {
        double m = 0;
        for (int root : roots) {
            int n = root;
            m += value[n];
            while (feature[n] >= 0) {
                final int next = x[feature[n]] <= threshold[n] ? left[n] : right[n];
                contributions[feature[n]] += value[next] - value[n];
                m += value[next] - value[n];
                n = next;
            }
        }
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TreeEnsemble t && Arrays.equals(roots, t.roots) && Arrays.equals(feature, t.feature)
                && Arrays.equals(threshold, t.threshold) && Arrays.equals(left, t.left)
                && Arrays.equals(right, t.right) && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(feature) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TreeEnsemble{trees=" + roots.length + ", nodes=" + feature.length + '}';
    }
}
