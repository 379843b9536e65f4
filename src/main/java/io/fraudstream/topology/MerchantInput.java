package io.fraudstream.topology;

import io.fraudstream.stage.EnrichedTransaction;

/**
 * What reaches the merchant stage, keyed by merchant: a transaction to enrich, or a fraud label for one of the
 * merchant's earlier transactions (then {@code transaction} is null and {@code fraudAt} is that transaction's time).
 *
 * @param transaction a transaction, or null
 * @param fraudAt     event time of the transaction a fraud label is for
 */
record MerchantInput(EnrichedTransaction transaction, long fraudAt) {
    static MerchantInput of(final EnrichedTransaction t) {
        return new MerchantInput(t, 0);
    }

    static MerchantInput fraudAt(final long time) {
        return new MerchantInput(null, time);
    }
}
