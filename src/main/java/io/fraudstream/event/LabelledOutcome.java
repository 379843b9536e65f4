package io.fraudstream.event;

/**
 * A scored transaction joined with its label: the score is the one given at decision time, so evaluation
 * never uses later knowledge; the features are the ones the model saw, so learning trains on what scoring had.
 *
 * @param transactionId id
 * @param eventTime     transaction time, epoch ms
 * @param labelTime     when the label became known, epoch ms (for a horizon outcome: when the horizon passed)
 * @param fraud         the label
 * @param source        {@code label} (a label arrived) or {@code horizon} (none came in time: taken as legitimate)
 * @param amount        amount
 * @param cardId        card, may be null
 * @param merchantId    merchant, may be null
 * @param score         score at decision time
 * @param decision      decision at decision time
 * @param modelVersion  model that scored it
 * @param features      features at decision time
 */
public record LabelledOutcome(String transactionId, long eventTime, long labelTime, boolean fraud, String source,
                              double amount, String cardId, String merchantId, double score, Decision decision,
                              long modelVersion, FeatureVector features) {
    public static final String SOURCE_LABEL = "label";
    public static final String SOURCE_HORIZON = "horizon";

    public static LabelledOutcome of(final ScoredTransaction s, final boolean fraud, final long labelTime,
                                     final String source) {
        return new LabelledOutcome(s.transactionId(), s.eventTime(), labelTime, fraud, source, s.amount(), s.cardId(),
                s.merchantId(), s.score(), s.decision(), s.modelVersion(), s.features());
    }

    /**
     * This outcome, if the learner and the evaluator may take it: the outcomes topic is written by fraudstream,
     * but anyone with write access could add to it, and one NaN score or infinite feature would poison the
     * learner's weights or the metrics. Refused: {@code outcome.invalid} (a required field missing),
     * {@code outcome.non-finite} (a score outside [0, 1], an amount or a feature value not finite).
     */
    public LabelledOutcome checked() {
        if (transactionId == null || decision == null || features == null) {
            throw new InvalidRecordException("outcome.invalid", "outcome: transactionId, decision and features are "
                    + "required");
        }
        boolean finite = score >= 0 && score <= 1 && Double.isFinite(amount);
        for (double v : features.values()) {
            finite &= Double.isFinite(v);
        }
        if (!finite) {
            throw new InvalidRecordException("outcome.non-finite", "outcome " + transactionId + ": score " + score
                    + ", amount " + amount + " or a feature value is not finite");
        }
        return this;
    }

    /**
     * What a replay's report keeps of each of millions of outcomes: all but the features and the merchant (most of
     * an outcome's memory, and nothing measured from outcomes reads them).
     */
    public LabelledOutcome summary() {
        return new LabelledOutcome(transactionId, eventTime, labelTime, fraud, source, amount, cardId, null,
                score, decision, modelVersion, FeatureVector.EMPTY);
    }

    /** Label delay, ms. */
    public long labelDelay() {
        return labelTime - eventTime;
    }

    public boolean alerted() {
        return decision != Decision.APPROVE;
    }
}
