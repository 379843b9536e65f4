package io.fraudstream.stage;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.event.Transaction;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.model.Model;

/** The score stage: a transaction's features, its score under the current model, the decision and its top reasons. */
public final class Scoring {
    /** Reasons given per score, strongest first. */
    public static final int REASONS = 3;
    private final FeatureExtractor extractor;
    private final int reasons;

    /** Scores with {@link #REASONS} reasons each. */
    public Scoring(final FeatureExtractor extractor) {
        this(extractor, REASONS);
    }

    /**
     * Scores with {@code reasons} reasons each: 0 where no one reads them (a replay's outcomes carry none), which
     * changes no score — the reasons are picked from contributions a score computes either way.
     */
    public Scoring(final FeatureExtractor extractor, final int reasons) {
        this.extractor = extractor;
        this.reasons = reasons;
    }

    /** Scores {@code e} with {@code model} at wall-clock time {@code now}. */
    public ScoredTransaction score(final EnrichedTransaction e, final Model model, final long now) {
        final Transaction t = e.transaction();
        final FeatureVector x = extractor.extract(t, e.history());
        final Model.Assessment assessed = model.assess(x, reasons);
        final double score = assessed.score();
        final Decision decision = model.decide(score);
        return new ScoredTransaction(t.id(), t.timestamp(), t.amount(), t.cardId(), t.merchantId(), x, score, decision,
                model.thresholdFor(decision), model.version(), now, assessed.reasons());
    }
}
