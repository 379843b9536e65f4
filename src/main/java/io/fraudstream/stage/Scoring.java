package io.fraudstream.stage;

import io.fraudstream.event.Decision;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.event.Transaction;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.feature.FeatureVector;
import io.fraudstream.learn.Model;

/** The score stage: a transaction's features, its score under the current model, the decision and its top reasons. */
public final class Scoring {
    /** Reasons given per score, strongest first. */
    public static final int REASONS = 3;
    private final FeatureExtractor extractor;

    public Scoring(final FeatureExtractor extractor) {
        this.extractor = extractor;
    }

    /** Scores {@code e} with {@code model} at wall-clock time {@code now}. */
    public ScoredTransaction score(final EnrichedTransaction e, final Model model, final long now) {
        final Transaction t = e.transaction();
        final FeatureVector x = extractor.extract(t, e.history());
        final Model.Assessment assessed = model.assess(x, REASONS);
        final double score = assessed.score();
        final Decision decision = model.decide(score);
        return new ScoredTransaction(t.id(), t.timestamp(), t.amount(), t.cardId(), t.merchantId(), x, score, decision,
                model.thresholdFor(decision), model.version(), now, assessed.reasons());
    }
}
