package io.fraudstream.learn;

import io.fraudstream.model.ModelFamily;

/**
 * How {@link Learning} stores its learners, by family: the updated part, written with every outcome, and the fitted
 * part, written only when a fit or a reset changes it (none for the linear family, whose state is all updated). The
 * formats are {@link LinearLearnerCodec}'s and {@link TreeLearnerCodec}'s; the learners themselves only learn.
 */
final class LearnerCodec {
    private final LearnerConfig linear;
    private final TreeConfig trees;

    LearnerCodec(final LearnerConfig linear, final TreeConfig trees) {
        this.linear = linear;
        this.trees = trees;
    }

    /** What every outcome moves: all of a linear learner, a tree learner's class counts. */
    byte[] updated(final Learner l) {
        return l instanceof GradientBoostedTrees t ? TreeLearnerCodec.encodeUpdated(t)
                : LinearLearnerCodec.encode((OnlineLogisticLearner) l);
    }

    /** What only a fit or a reset changes (a tree ensemble); null when there is none. */
    byte[] fitted(final Learner l) {
        return l instanceof GradientBoostedTrees t ? TreeLearnerCodec.encodeFitted(t) : null;
    }

    /** A learner from its {@link #updated} and {@link #fitted} parts (null: nothing fitted yet). */
    Learner decode(final ModelFamily family, final byte[] updated, final byte[] fitted) {
        return family == ModelFamily.TREES ? TreeLearnerCodec.decode(trees, linear, updated, fitted)
                : LinearLearnerCodec.decode(linear, updated);
    }

    /** A learner kept whole, as the learner state of format 4 kept each. */
    Learner decodeWhole(final ModelFamily family, final byte[] whole) {
        return family == ModelFamily.TREES ? TreeLearnerCodec.decodeWhole(trees, linear, whole)
                : LinearLearnerCodec.decode(linear, whole);
    }
}
