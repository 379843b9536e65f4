package io.fraudstream.event;

import java.util.List;

/**
 * The verdict on one transaction, as published on the scores topic.
 *
 * @param transactionId id of the scored transaction
 * @param score         estimated fraud probability, 0..1
 * @param decision      APPROVE, REVIEW or BLOCK
 * @param threshold     the threshold the decision was taken against: the block threshold for BLOCK,
 *                      otherwise the review threshold
 * @param modelVersion  version of the model that scored it (0 = prior-only model)
 * @param scoredAt      wall-clock time of scoring, epoch milliseconds
 * @param reasons       the (up to) three features that pushed the score up most, strongest first
 */
public record Score(String transactionId, double score, Decision decision, double threshold, long modelVersion,
                    long scoredAt, List<Reason> reasons) {
    public Score {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
