package io.fraudstream.event;

import java.util.List;

/**
 * What was known and decided when a transaction was scored; waits in the pending store for its label.
 *
 * @param transactionId id
 * @param eventTime     transaction time, epoch ms
 * @param amount        amount
 * @param cardId        card, may be null
 * @param merchantId    merchant, may be null
 * @param features      the feature vector the model saw
 * @param score         score at decision time
 * @param decision      decision at decision time
 * @param threshold     threshold the decision was taken against
 * @param modelVersion  model that scored it
 * @param scoredAt      wall-clock time of scoring, epoch ms
 * @param reasons       top contributions to the score
 */
public record ScoredTransaction(String transactionId, long eventTime, double amount, String cardId,
                                String merchantId, FeatureVector features, double score, Decision decision,
                                double threshold, long modelVersion, long scoredAt, List<Reason> reasons) {
    /** The verdict as published on the scores topic. */
    public Score verdict() {
        return new Score(transactionId, score, decision, threshold, modelVersion, scoredAt, reasons);
    }
}
