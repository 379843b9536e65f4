package io.fraudstream.stage;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Transaction;

/**
 * A transaction on its way to the scorer, with the history features computed so far (empty before the first
 * history stage, or when history features are off).
 *
 * @param transaction the transaction
 * @param history     history features, in stage order
 */
public record EnrichedTransaction(Transaction transaction, FeatureVector history) {
    public static EnrichedTransaction of(final Transaction t) {
        return new EnrichedTransaction(t, FeatureVector.EMPTY);
    }

    public EnrichedTransaction plus(final FeatureVector more) {
        return new EnrichedTransaction(transaction, history.plus(more));
    }
}
