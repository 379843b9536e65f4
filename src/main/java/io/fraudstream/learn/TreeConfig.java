package io.fraudstream.learn;

import io.fraudstream.model.ModelFamily;

/**
 * Hyper-parameters of the gradient-boosted trees ({@link GradientBoostedTrees}).
 *
 * @param trees          trees per model
 * @param depth          depth of each tree (at most 2^depth leaves)
 * @param shrinkage      learning rate: each leaf's Newton step is multiplied by it
 * @param l2             L2 penalty on leaf values (lambda)
 * @param minChildWeight least Hessian (weighted p(1 − p)) in each child of a split
 * @param bins           histogram bins per feature (quantiles of the batch), at most 126
 * @param maturityMillis fit only batch examples at least this much event time older than the batch's newest: recent
 *                       transactions are labelled by class-dependent delays (frauds within hours, legitimate ones
 *                       after days), so the recent slice over-represents fraud and the trees learn "looks recent →
 *                       fraud" from drifting features; 0 fits the whole batch
 * @param bags           models of the {@code balanced-trees} family's EasyEnsemble ({@link EasyEnsemble})
 * @param feedbackWeight the share (α) of a model fitted to the alert feedback alone in the aggregated log-odds, the
 *                       model of the delayed labels having 1 − α ({@link FeedbackWindow}); 0 fits none
 */
public record TreeConfig(int trees, int depth, double shrinkage, double l2, double minChildWeight, int bins,
                         long maturityMillis, int bags, double feedbackWeight) {
    /** The default number of models in a balanced-trees ensemble. */
    public static final int DEFAULT_BAGS = 4;

    /** Trees fitting the whole batch, the default number of bags, no feedback model. */
    public TreeConfig(final int trees, final int depth, final double shrinkage, final double l2,
                      final double minChildWeight, final int bins) {
        this(trees, depth, shrinkage, l2, minChildWeight, bins, 0, DEFAULT_BAGS, 0);
    }

    public TreeConfig {
        if (trees < 1 || depth < 1 || depth > 12) {
            throw new IllegalArgumentException("trees must be >= 1 and depth in 1..12");
        }
        if (!(shrinkage > 0 && shrinkage <= 1) || !(l2 >= 0) || !(minChildWeight >= 0)) {
            throw new IllegalArgumentException("shrinkage must be in (0, 1], l2 and minChildWeight >= 0");
        }
        if (bins < 2 || bins > 126 || maturityMillis < 0) {
            throw new IllegalArgumentException("bins must be in 2..126 and maturity >= 0");
        }
        if (bags < 2 || !(feedbackWeight >= 0 && feedbackWeight < 1)) {
            throw new IllegalArgumentException("bags must be >= 2 and feedbackWeight in [0, 1)");
        }
    }

    /** Trees in a snapshot of {@code family} (a feedback model's included): 0 for a family without trees. */
    public int treesPerModel(final ModelFamily family) {
        final int feedback = feedbackWeight > 0 ? trees : 0;
        return switch (family) {
            case LOGISTIC -> 0;
            case TREES -> trees + feedback;
            case BALANCED_TREES -> trees * bags + feedback;
        };
    }

    /**
     * Upper bound of the JSON size of a snapshot of {@code family} (0 for a linear one, a few KB): every tree full
     * (2^(depth+1) − 1 nodes) at 64 bytes a node (measured: 44 on average, full-precision numbers), plus 64 KB for
     * the rest of the snapshot.
     */
    public long worstCaseSnapshotBytes(final ModelFamily family) {
        return family.trees() ? (long) treesPerModel(family) * ((1L << (depth + 1)) - 1) * 64 + 65_536 : 0;
    }

    /**
     * The fixed configuration the learning tests and benchmarks were tuned with (32 bins). Not what a deployment
     * runs: those defaults are {@code config.Key}'s (126 bins), read by {@code Settings}.
     */
    public static TreeConfig defaults() {
        return new TreeConfig(60, 4, 0.15, 1, 0.5, 32, 7 * 86_400_000L, DEFAULT_BAGS, 0.5);
    }
}
