package io.fraudstream.topology;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.FeatureVector;

/**
 * A transaction on its way to the scorer, with the history features computed so far (empty before the first
 * history stage, or when history features are off).
 *
 * @param transaction the transaction
 * @param history     history features, in stage order
 */
record EnrichedTransaction(Transaction transaction, FeatureVector history) {
    static EnrichedTransaction of(final Transaction t) {
        return new EnrichedTransaction(t, new FeatureVector(new String[0], new double[0]));
    }

    EnrichedTransaction plus(final FeatureVector more) {
        final int a = history.size();
        final String[] names = java.util.Arrays.copyOf(history.names(), a + more.size());
        final double[] values = java.util.Arrays.copyOf(history.values(), a + more.size());
        System.arraycopy(more.names(), 0, names, a, more.size());
        System.arraycopy(more.values(), 0, values, a, more.size());
        return new EnrichedTransaction(transaction, new FeatureVector(names, values));
    }
}
