package io.fraudstream.model;

import java.util.Arrays;

/**
 * A {@link TreeEnsemble} laid out for scoring many rows at once: every tree made complete to the ensemble's depth
 * and stored in heap order (the children of node {@code n} are {@code 2n+1} and {@code 2n+2}), so a row walks a tree
 * by arithmetic, without loading child pointers, and the choice of child is a select instead of a branch the CPU
 * mispredicts about half the time. A leaf above the full depth is padded with splits whose two sides both end in its
 * value (feature 0 at +∞: every row goes left, a missing value right, to the same value), so every row ends on
 * the leaf the pointer walk ends on.
 *
 * <p>Rows are scored tree by tree over a block of rows, one level of the tree at a time: a tree's nodes stay in
 * the first-level cache and the steps of different rows are independent, so they overlap in the CPU (measured in
 * {@code docs/performance.md}). Each row's margin is still the sum of its leaves' values in tree order from 0, the
 * sum {@link TreeEnsemble#margin(double[])} forms: the same double, bit for bit.
 *
 * <p>Only for ensembles at most {@link #MAX_DEPTH} deep (padding doubles per level); deeper ones use the walk.
 */
final class CompleteTrees {
    /** Deepest ensemble laid out complete: 2^12 leaves per tree. */
    static final int MAX_DEPTH = 12;
    /** Rows scored tree by tree together (a block of dense rows stays in the second-level cache). */
    static final int BLOCK = 256;

    private final int depth;
    private final int trees;
    /** Per tree, its 2^depth − 1 split features in heap order. */
    private final int[] feature;
    private final double[] threshold;
    /** Per tree, its 2^depth leaf values, left to right. */
    private final double[] leaf;

    private CompleteTrees(final int depth, final int trees) {
        this.depth = depth;
        this.trees = trees;
        this.feature = new int[trees * ((1 << depth) - 1)];
        this.threshold = new double[feature.length];
        this.leaf = new double[trees << depth];
    }

    /** The complete layout of {@code ensemble}, or null when it is deeper than {@link #MAX_DEPTH}. */
    static CompleteTrees of(final TreeEnsemble ensemble) {
        int depth = 0;
        for (int root : ensemble.roots()) {
            depth = Math.max(depth, depthBelow(ensemble, root));
            if (depth > MAX_DEPTH) {
                return null;
            }
        }
        final CompleteTrees complete = new CompleteTrees(depth, ensemble.trees());
        for (int t = 0; t < complete.trees; t++) {
            complete.place(ensemble, ensemble.roots()[t], t, 0, 0);
        }
        return complete;
    }

    private static int depthBelow(final TreeEnsemble e, final int n) {
        return e.feature()[n] < 0 ? 0 : 1 + Math.max(depthBelow(e, e.left()[n]), depthBelow(e, e.right()[n]));
    }

    /** Places node {@code n} of the ensemble at heap position {@code at}, {@code level} splits below its root. */
    private void place(final TreeEnsemble e, final int n, final int t, final int at, final int level) {
        final int internal = (1 << depth) - 1;
        if (level == depth) {
            leaf[(t << depth) + at - internal] = e.value()[n];
            return;
        }
        final int i = t * internal + at;
        if (e.feature()[n] >= 0) {
            feature[i] = e.feature()[n];
            threshold[i] = e.threshold()[n];
            place(e, e.left()[n], t, 2 * at + 1, level + 1);
            place(e, e.right()[n], t, 2 * at + 2, level + 1);
        } else { // a leaf above the full depth: both sides lead to its value
            feature[i] = 0;
            threshold[i] = Double.POSITIVE_INFINITY;
            place(e, n, t, 2 * at + 1, level + 1);
            place(e, n, t, 2 * at + 2, level + 1);
        }
    }

    /**
     * The margins of {@code rows} dense rows of {@code width} values each, stored one after another in {@code x}
     * (at most {@link #BLOCK}), into {@code margin[0..rows)}.
     */
    void margins(final double[] x, final int width, final int rows, final double[] margin) {
        Arrays.fill(margin, 0, rows, 0);
        final int internal = (1 << depth) - 1;
        final int[] at = new int[rows]; // each row's node in the current tree, level by level
        for (int t = 0; t < trees; t++) {
            final int nodes = t * internal;
            Arrays.fill(at, 0);
            for (int level = 0; level < depth; level++) {
                for (int r = 0; r < rows; r++) {
                    final int i = nodes + at[r];
                    at[r] = 2 * at[r] + (x[r * width + feature[i]] <= threshold[i] ? 1 : 2);
                }
            }
            final int leaves = (t << depth) - internal;
            for (int r = 0; r < rows; r++) {
                margin[r] += leaf[leaves + at[r]];
            }
        }
    }
}
