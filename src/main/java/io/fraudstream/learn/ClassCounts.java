package io.fraudstream.learn;

/**
 * What a learner knows of the stream's classes: counts that decay with a half-life in outcomes (behind the class
 * weights and the fraud rate that corrects a batch's class mix) and the plain totals seen. Shared by both families;
 * stored inside each learner's state by {@link LearnerCodec}.
 */
final class ClassCounts {
    private final double decay;
    double fraud;
    double legit;
    long seenFraud;
    long seenLegit;

    ClassCounts(final long halfLife) {
        this.decay = Math.pow(0.5, 1.0 / halfLife);
    }

    void observe(final boolean isFraud) {
        fraud = fraud * decay + (isFraud ? 1 : 0);
        legit = legit * decay + (isFraud ? 0 : 1);
        if (isFraud) {
            seenFraud++;
        } else {
            seenLegit++;
        }
    }

    /** This class's weight under the configured scheme, from the decayed counts. */
    double classWeight(final LearnerConfig config, final boolean isFraud) {
        return config.classWeight(isFraud, fraud, legit);
    }

    /** The decayed fraud share, NaN before any outcome. */
    double fraudRate() {
        return fraud + legit > 0 ? fraud / (fraud + legit) : Double.NaN;
    }

    long seenFraud() {
        return seenFraud;
    }

    long seenLegit() {
        return seenLegit;
    }
}
