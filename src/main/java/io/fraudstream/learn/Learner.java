package io.fraudstream.learn;

import io.fraudstream.feature.FeatureVector;

/**
 * What {@link Learning} needs of a model family's learner: online updates from the stream, weighted steps on a
 * resampled batch for a challenger, and snapshots to score with. Scoring depends on the snapshot alone, never on
 * how it was trained, so another family (a tree ensemble) plugs in here and in {@link Model}. Online logistic
 * regression ({@link OnlineLogisticLearner}) is the one family today.
 */
public interface Learner {
    /** Learns from one labelled example of the stream, weighted by its class and by {@code exampleWeight}. */
    void update(FeatureVector x, boolean fraud, double exampleWeight);

    /** One step on a resampled training example with this weight; what describes the stream does not change. */
    void train(FeatureVector x, boolean fraud, double weight);

    /** Averages the parameters over the following {@link #train} steps, until {@link #endAverage}. */
    void beginAverage();

    /** Installs the average since {@link #beginAverage}. */
    void endAverage();

    /** Keeps only this share of the step-size history, so that a batch can still move the parameters. */
    void scaleSteps(double memory);

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

    /** The complete state, for a changelogged store; read back by {@link #restore}. */
    byte[] toBytes();

    static Learner create(final LearnerConfig config) {
        return new OnlineLogisticLearner(config);
    }

    static Learner restore(final LearnerConfig config, final byte[] state) {
        return OnlineLogisticLearner.fromBytes(config, state);
    }
}
