package io.fraudstream.learn;

import io.fraudstream.model.ModelFamily;
import io.fraudstream.sample.Reservoir;
import io.fraudstream.sample.SamplingConfig;
import java.util.List;

/**
 * Everything that shapes {@link Learning}: the online learner, the batch sampling schedule, the reservoirs, the
 * thresholds, example-dependent cost weights, the promotion gate, when rounds fall due, the seed, the families,
 * the trees' hyper-parameters, the drift monitor and the alert feedback. Built from the settings in {@code config}.
 */
public record LearningConfig(LearnerConfig learner, SamplingConfig sampling, Reservoir.Kind reservoirKind,
                             int fraudReservoir, int legitReservoir, long reservoirHalfLifeMillis,
                             double legitAdmission, ThresholdPolicy thresholds, boolean costWeights,
                             PromotionGate gate, int publishEvery, long publishIntervalMillis, long seed,
                             List<ModelFamily> families, TreeConfig trees, DriftConfig drift,
                             FeedbackConfig feedback) {
    public LearningConfig {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("at least one model family");
        }
        families = List.copyOf(families);
    }

    /** Without a drift monitor. */
    public LearningConfig(final LearnerConfig learner, final SamplingConfig sampling,
                          final Reservoir.Kind reservoirKind, final int fraudReservoir, final int legitReservoir,
                          final long reservoirHalfLifeMillis, final double legitAdmission,
                          final ThresholdPolicy thresholds, final boolean costWeights, final PromotionGate gate,
                          final int publishEvery, final long publishIntervalMillis, final long seed,
                          final List<ModelFamily> families, final TreeConfig trees) {
        this(learner, sampling, reservoirKind, fraudReservoir, legitReservoir, reservoirHalfLifeMillis,
                legitAdmission, thresholds, costWeights, gate, publishEvery, publishIntervalMillis, seed, families,
                trees, DriftConfig.off(), FeedbackConfig.defaults());
    }

    /** The linear family alone. */
    public LearningConfig(final LearnerConfig learner, final SamplingConfig sampling,
                          final Reservoir.Kind reservoirKind, final int fraudReservoir, final int legitReservoir,
                          final long reservoirHalfLifeMillis, final double legitAdmission,
                          final ThresholdPolicy thresholds, final boolean costWeights,
                          final PromotionGate gate, final int publishEvery, final long publishIntervalMillis,
                          final long seed) {
        this(learner, sampling, reservoirKind, fraudReservoir, legitReservoir, reservoirHalfLifeMillis,
                legitAdmission, thresholds, costWeights, gate, publishEvery, publishIntervalMillis, seed,
                List.of(ModelFamily.LOGISTIC), TreeConfig.defaults());
    }

    /** This configuration with other tree hyper-parameters. */
    public LearningConfig withTrees(final TreeConfig newTrees) {
        return new LearningConfig(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, gate, publishEvery,
                publishIntervalMillis, seed, families, newTrees, drift, feedback);
    }

    /** This configuration with another champion/challenger gate. */
    public LearningConfig withGate(final PromotionGate newGate) {
        return new LearningConfig(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, newGate, publishEvery,
                publishIntervalMillis, seed, families, trees, drift, feedback);
    }

    /** This configuration with other model families (challengers of each family every round). */
    public LearningConfig withFamilies(final List<ModelFamily> newFamilies) {
        return new LearningConfig(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, gate, publishEvery,
                publishIntervalMillis, seed, newFamilies, trees, drift, feedback);
    }

    /** This configuration with another drift monitor. */
    public LearningConfig withDrift(final DriftConfig newDrift) {
        return new LearningConfig(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, gate, publishEvery,
                publishIntervalMillis, seed, families, trees, newDrift, feedback);
    }

    /** This configuration with another window of alert feedback. */
    public LearningConfig withFeedback(final FeedbackConfig newFeedback) {
        return new LearningConfig(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, gate, publishEvery,
                publishIntervalMillis, seed, families, trees, drift, newFeedback);
    }
}
