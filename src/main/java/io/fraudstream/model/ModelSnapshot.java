package io.fraudstream.model;

import io.fraudstream.feature.FeatureSchema;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, versioned model as published on the model topic. Scoring depends only on this snapshot,
 * never on how it was trained. Two families share it:
 * <ul>
 *   <li>{@code logistic}: log-odds {@code m = bias + sum_i weights[i] * z_i} with
 *   {@code z_i = clip((x_i - means[i]) / scales[i], ±zClip)}; absent numeric features score as their mean (z = 0),
 *   absent indicators as 0;</li>
 *   <li>{@code trees}: log-odds {@code m = bias + trees.margin(x)} over the dense vector of {@code features} (absent
 *   numeric features NaN, which go right at every split; absent indicators 0); {@code weights} and {@code means} are
 *   zeros and {@code scales} ones.</li>
 * </ul>
 * The score is {@code sigmoid(m)}, or {@code calibration.apply(m)} when the model was calibrated on the holdout.
 *
 * @param version         1, 2, ... (0 is the built-in prior-only model)
 * @param parentVersion   version this one was trained from
 * @param createdAt       epoch milliseconds
 * @param family          model family (null only in a record naming none fraudstream knows)
 * @param features        feature names, in parameter order
 * @param weights         one weight per feature
 * @param means           per-feature mean used for standardisation (0 for indicators)
 * @param scales          per-feature standard deviation used for standardisation (1 for indicators)
 * @param bias            intercept, already corrected for the class weights used in training
 * @param reviewThreshold scores at or above it are REVIEW
 * @param blockThreshold  scores at or above it are BLOCK
 * @param trainedFraud    fraud examples seen in training so far
 * @param trainedLegit    legitimate examples seen in training so far
 * @param schema          id of the {@link FeatureSchema} the model was trained with
 * @param holdoutPrAuc    its PR-AUC on the held-out outcomes when it was promoted (null: not measured)
 * @param parentHoldoutPrAuc the PR-AUC of the champion it replaced on the same outcomes (null: not measured)
 * @param training        how its last retraining batch was made (null: trained online only)
 * @param trees           the trees of a {@code trees} model (null for {@code logistic})
 * @param calibration     Platt scaling fitted on the holdout when it was promoted (null: none)
 */
public record ModelSnapshot(long version, long parentVersion, long createdAt, ModelFamily family, String[] features,
                            double[] weights, double[] means, double[] scales, double bias,
                            double reviewThreshold, double blockThreshold, long trainedFraud, long trainedLegit,
                            String schema, Double holdoutPrAuc, Double parentHoldoutPrAuc, Training training,
                            TreeEnsemble trees, Calibration calibration) {
    /**
     * The largest model snapshot fraudstream writes, in bytes: the model topic (max.message.bytes), the learner's
     * changelog and the producer (max.request.size) are configured for it, and tree settings whose worst case could
     * exceed it are refused at start.
     */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
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

    /** A logistic model, uncalibrated. */
    public ModelSnapshot(final long version, final long parentVersion, final long createdAt, final ModelFamily family,
                         final String[] features, final double[] weights, final double[] means, final double[] scales,
                         final double bias, final double reviewThreshold, final double blockThreshold,
                         final long trainedFraud, final long trainedLegit, final String schema,
                         final Double holdoutPrAuc, final Double parentHoldoutPrAuc, final Training training) {
        this(version, parentVersion, createdAt, family, features, weights, means, scales, bias, reviewThreshold,
                blockThreshold, trainedFraud, trainedLegit, schema, holdoutPrAuc, parentHoldoutPrAuc, training, null,
                null);
    }

    public ModelSnapshot {
        if (trees != null) {
            for (int j : trees.feature()) {
                if (j >= features.length) {
                    throw new IllegalArgumentException("model " + version + ": a tree splits on an unknown feature");
                }
            }
        }
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
        return new ModelSnapshot(0, 0, 0, ModelFamily.LOGISTIC, new String[0], new double[0], new double[0], new double[0],
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
                Double.isNaN(prAuc) ? null : prAuc, Double.isNaN(parentPrAuc) ? null : parentPrAuc, how, trees,
                calibration);
    }

    /** This snapshot with a calibration (null: none). */
    public ModelSnapshot calibrated(final Calibration c) {
        return new ModelSnapshot(version, parentVersion, createdAt, family, features, weights, means, scales, bias,
                reviewThreshold, blockThreshold, trainedFraud, trainedLegit, schema, holdoutPrAuc, parentHoldoutPrAuc,
                training, trees, c);
    }

    /** This model re-issued as {@code newVersion} (a rollback): same parameters, parent = the version it replaces. */
    public ModelSnapshot reissued(final long newVersion, final long replaces, final long at) {
        return new ModelSnapshot(newVersion, replaces, at, family, features, weights, means, scales, bias,
                reviewThreshold, blockThreshold, trainedFraud, trainedLegit, schema, holdoutPrAuc, parentHoldoutPrAuc,
                training, trees, calibration);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ModelSnapshot m && version == m.version && parentVersion == m.parentVersion
                && createdAt == m.createdAt && family == m.family && Arrays.equals(features, m.features)
                && Arrays.equals(weights, m.weights) && Arrays.equals(means, m.means)
                && Arrays.equals(scales, m.scales) && Double.compare(bias, m.bias) == 0
                && Double.compare(reviewThreshold, m.reviewThreshold) == 0
                && Double.compare(blockThreshold, m.blockThreshold) == 0
                && trainedFraud == m.trainedFraud && trainedLegit == m.trainedLegit
                && Objects.equals(schema, m.schema) && Objects.equals(holdoutPrAuc, m.holdoutPrAuc)
                && Objects.equals(parentHoldoutPrAuc, m.parentHoldoutPrAuc)
                && Objects.equals(training, m.training) && Objects.equals(trees, m.trees)
                && Objects.equals(calibration, m.calibration);
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
