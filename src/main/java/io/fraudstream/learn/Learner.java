package io.fraudstream.learn;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Example;
import java.util.List;

/**
 * What {@link Learning} needs of a model family's learner: online updates from the stream, a fit to a resampled
 * batch for a challenger, and snapshots to score with. Scoring depends on the snapshot alone, never on how it was
 * trained ({@link Model}). Three families: online logistic regression ({@link OnlineLogisticLearner}),
 * gradient-boosted trees and an EasyEnsemble of them ({@link GradientBoostedTrees}). Learning only: how a learner
 * is stored is its family's codec's business ({@link LearnerCodec}).
 */
public interface Learner {
    /** The family of the snapshots it makes. */
    ModelFamily family();

    /** Learns from one labelled example of the stream, weighted by its class and by {@code exampleWeight}. */
    void update(FeatureVector x, boolean fraud, double exampleWeight);

    /**
     * Fits the learner to a resampled batch, each example with its weight (class mix, costs): {@code epochs} passes
     * and {@code stepMemory} (the share of its step-size history kept) for an online learner; trees fit the batch
     * whole.
     */
    void fit(List<Example> batch, double[] weights, int epochs, double stepMemory);

    /**
     * As {@link #fit(List, double[], int, double)}, with the alert feedback kept apart from the batch
     * ({@link FeedbackWindow}), for a family that aggregates a model of it; the others ignore it.
     */
    default void fit(final List<Example> batch, final double[] weights, final List<Example> feedback,
                     final int epochs, final double stepMemory) {
        fit(batch, weights, epochs, stepMemory);
    }

    /** An independent copy, e.g. to train a challenger from. */
    Learner copy();

    /** Takes a published model's parameters as its own (a rollback). */
    void resetTo(ModelSnapshot model);

    /** log of the factor by which learning from the stream inflates the fraud odds (class weights). */
    double streamOddsInflation();

    /** The (decayed) fraud share of the stream seen, NaN before any example. */
    double streamFraudRate();

    /** Frauds seen in the stream. */
    long seenFraud();

    /** A scoring snapshot, its intercept lowered by {@code logOddsInflation} so scores estimate probabilities. */
    ModelSnapshot snapshot(long version, long parentVersion, long createdAt, double reviewThreshold,
                           double blockThreshold, String schema, double logOddsInflation);

    /** A fresh learner of {@code family}. */
    static Learner create(final ModelFamily family, final LearnerConfig linear, final TreeConfig trees) {
        return family.trees() ? new GradientBoostedTrees(family, trees, linear)
                : new OnlineLogisticLearner(linear);
    }
}
