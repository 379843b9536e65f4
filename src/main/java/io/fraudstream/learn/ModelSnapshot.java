package io.fraudstream.learn;

import java.util.Arrays;

/**
 * An immutable, versioned model as published on the model topic. Scoring depends only on this snapshot,
 * never on how it was trained. Logistic family: {@code p = sigmoid(bias + sum_i weights[i] * z_i)} with
 * {@code z_i = clip((x_i - means[i]) / scales[i], ±zClip)}; absent numeric features score as their mean
 * (z = 0), absent indicators as 0.
 *
 * @param version         1, 2, ... (0 is the built-in prior-only model)
 * @param parentVersion   version this one was trained from
 * @param createdAt       epoch milliseconds
 * @param family          model family, {@code logistic}
 * @param features        feature names, in parameter order
 * @param weights         one weight per feature
 * @param means           per-feature mean used for standardisation (0 for indicators)
 * @param scales          per-feature standard deviation used for standardisation (1 for indicators)
 * @param bias            intercept, already corrected for the class weights used in training
 * @param reviewThreshold scores at or above it are REVIEW
 * @param blockThreshold  scores at or above it are BLOCK
 * @param trainedFraud    fraud examples seen in training so far
 * @param trainedLegit    legitimate examples seen in training so far
 * @param schema          id of the {@link io.fraudstream.feature.FeatureSchema} the model was trained with
 * @param holdoutPrAuc    its PR-AUC on the held-out outcomes when it was promoted (null: not measured)
 * @param parentHoldoutPrAuc the PR-AUC of the champion it replaced on the same outcomes (null: not measured)
 * @param training        how its last retraining batch was made (null: trained online only)
 */
public record ModelSnapshot(long version, long parentVersion, long createdAt, String family, String[] features,
                            double[] weights, double[] means, double[] scales, double bias,
                            double reviewThreshold, double blockThreshold, long trainedFraud, long trainedLegit,
                            String schema, Double holdoutPrAuc, Double parentHoldoutPrAuc, Training training) {
    public static final String LOGISTIC = "logistic";
    public static final double Z_CLIP = 10;

    /**
     * The retraining round behind a model: the class mix trained on and what the thresholds give on the holdout.
     *
     * @param round           retraining round (0, 1, ...)
     * @param sampling        sampling mode of the batch
     * @param batchSize       examples in the batch (synthetic included)
     * @param fraudShare      share of frauds in the batch (the class mix trained on)
     * @param synthetic       synthetic fraud examples in the batch
     * @param thresholdPolicy how the thresholds were chosen
     * @param holdoutPrecision precision at the review threshold on the holdout (null: not measured)
     * @param holdoutRecall   recall at the review threshold on the holdout (null: not measured)
     */
    public record Training(long round, String sampling, int batchSize, double fraudShare, int synthetic,
                           String thresholdPolicy, Double holdoutPrecision, Double holdoutRecall) {
    }

    public ModelSnapshot {
        final int n = features.length;
        if (weights.length != n || means.length != n || scales.length != n) {
            throw new IllegalArgumentException("model " + version + ": parameter arrays differ in length");
        }
        if (!(reviewThreshold <= blockThreshold)) {
            throw new IllegalArgumentException("model " + version + ": review threshold above block threshold");
        }
    }

    /** The model used before any has been trained: every transaction scores the prior fraud rate. */
    public static ModelSnapshot prior(final double fraudRate, final double reviewThreshold, final double blockThreshold,
                                      final String schema) {
        return new ModelSnapshot(0, 0, 0, LOGISTIC, new String[0], new double[0], new double[0], new double[0],
                Math.log(fraudRate / (1 - fraudRate)), reviewThreshold, blockThreshold, 0, 0, schema, null, null, null);
    }

    /**
     * This snapshot as promoted: its thresholds, its promotion evidence (PR-AUC on the holdout, its own and its
     * parent's) and how it was trained.
     */
    public ModelSnapshot promoted(final double review, final double block, final double prAuc,
                                  final double parentPrAuc, final Training how) {
        return new ModelSnapshot(version, parentVersion, createdAt, family, features, weights, means, scales, bias,
                review, block, trainedFraud, trainedLegit, schema,
                Double.isNaN(prAuc) ? null : prAuc, Double.isNaN(parentPrAuc) ? null : parentPrAuc, how);
    }

    /** This model re-issued as {@code newVersion} (a rollback): same parameters, parent = the version it replaces. */
    public ModelSnapshot reissued(final long newVersion, final long replaces, final long at) {
        return new ModelSnapshot(newVersion, replaces, at, family, features, weights, means, scales, bias,
                reviewThreshold, blockThreshold, trainedFraud, trainedLegit, schema, holdoutPrAuc, parentHoldoutPrAuc,
                training);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ModelSnapshot m && version == m.version && parentVersion == m.parentVersion
                && createdAt == m.createdAt && family.equals(m.family) && Arrays.equals(features, m.features)
                && Arrays.equals(weights, m.weights) && Arrays.equals(means, m.means)
                && Arrays.equals(scales, m.scales) && Double.compare(bias, m.bias) == 0
                && Double.compare(reviewThreshold, m.reviewThreshold) == 0
                && Double.compare(blockThreshold, m.blockThreshold) == 0
                && trainedFraud == m.trainedFraud && trainedLegit == m.trainedLegit
                && java.util.Objects.equals(schema, m.schema) && java.util.Objects.equals(holdoutPrAuc, m.holdoutPrAuc)
                && java.util.Objects.equals(parentHoldoutPrAuc, m.parentHoldoutPrAuc)
                && java.util.Objects.equals(training, m.training);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "ModelSnapshot{version=" + version + ", features=" + features.length + ", bias=" + bias + '}';
    }
}
