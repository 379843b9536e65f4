package io.fraudstream.learn;

import io.fraudstream.model.TreeEnsemble;
import java.util.ArrayList;
import java.util.List;

/**
 * How the {@code balanced-trees} family splits a batch and joins its models: EasyEnsemble (Liu, Wu and Zhou, IEEE
 * SMC-B 39, 2009), with gradient-boosted trees as the base learner.
 *
 * <p>Design. The batch's legitimate examples are dealt into {@code bags} disjoint slices, in batch order (the
 * sampler has shuffled it, so the slices are random and the deal is deterministic); each bag is every fraud of the
 * batch plus one slice, so every model sees all the minority and a different part of the majority, and no
 * legitimate example is thrown away. The models are averaged in log-odds — one tree ensemble whose node values are
 * divided by {@code bags} — so the result scores, explains (per-feature contributions) and is stored exactly as a
 * single gradient-boosted model is. Each bag holds about 1/bags of the legitimate weight, which inflates its fraud
 * log-odds by ln(bags) over the batch's: the averaged bias takes that off, so the batch's own correction
 * ({@link RetrainingRound}) still applies, and Platt calibration on the holdout follows. Averaging in log-odds (a
 * geometric mean of odds) rather than in probabilities keeps the model one additive ensemble.
 */
final class EasyEnsemble {
    private EasyEnsemble() {
    }

    /** The examples of each bag: every fraud, then the legitimate examples {@code i} with {@code i % bags == b}. */
    static int[][] bags(final boolean[] fraud, final int bags) {
        final List<Integer> frauds = new ArrayList<>();
        final List<List<Integer>> legit = new ArrayList<>();
        for (int b = 0; b < bags; b++) {
            legit.add(new ArrayList<>());
        }
        int dealt = 0;
        for (int i = 0; i < fraud.length; i++) {
            if (fraud[i]) {
                frauds.add(i);
            } else {
                legit.get(dealt++ % bags).add(i);
            }
        }
        final int[][] out = new int[bags][];
        for (int b = 0; b < bags; b++) {
            final int[] rows = new int[frauds.size() + legit.get(b).size()];
            int k = 0;
            for (int i : frauds) {
                rows[k++] = i;
            }
            for (int i : legit.get(b)) {
                rows[k++] = i;
            }
            out[b] = rows;
        }
        return out;
    }

    /**
     * The models averaged in log-odds with {@code weights}: every tree of each, its node values times its model's
     * weight (the bags' 1/bags each; the feedback model's α and the delayed labels' 1 − α, {@link FeedbackWindow}).
     */
    static TreeEnsemble average(final List<TreeEnsemble> models, final double[] weights) {
        int nodes = 0;
        int trees = 0;
        for (TreeEnsemble m : models) {
            nodes += m.feature().length;
            trees += m.trees();
        }
        final int[] roots = new int[trees];
        final int[] feature = new int[nodes];
        final double[] threshold = new double[nodes];
        final int[] left = new int[nodes];
        final int[] right = new int[nodes];
        final double[] value = new double[nodes];
        int at = 0;
        int tree = 0;
        for (int k = 0; k < models.size(); k++) {
            final TreeEnsemble m = models.get(k);
            for (int r : m.roots()) {
                roots[tree++] = r + at;
            }
            for (int n = 0; n < m.feature().length; n++) {
                feature[at + n] = m.feature()[n];
                threshold[at + n] = m.threshold()[n];
                left[at + n] = m.left()[n] < 0 ? -1 : m.left()[n] + at;
                right[at + n] = m.right()[n] < 0 ? -1 : m.right()[n] + at;
                value[at + n] = m.value()[n] * weights[k];
            }
            at += m.feature().length;
        }
        return new TreeEnsemble(roots, feature, threshold, left, right, value);
    }

    /** The rows {@code rows} of each column. */
    static double[][] rows(final double[][] columns, final int[] rows) {
        final double[][] out = new double[columns.length][rows.length];
        for (int j = 0; j < columns.length; j++) {
            for (int k = 0; k < rows.length; k++) {
                out[j][k] = columns[j][rows[k]];
            }
        }
        return out;
    }
}
