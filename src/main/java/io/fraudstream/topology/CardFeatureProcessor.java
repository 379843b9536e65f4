package io.fraudstream.topology;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.stage.CardFeatures;
import io.fraudstream.stage.EnrichedTransaction;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams adapter of {@link CardFeatures}. Input is keyed by card (the repartition by card puts every
 * transaction of a card in one task); the card's transactions within the longest window live in a window store with
 * duplicates retained, so retention bounds the state and an out-of-order transaction sees exactly the history
 * before its own time.
 */
final class CardFeatureProcessor extends HistoryStage<Transaction, EnrichedTransaction> {
    private final CardHistory history;
    private CardFeatures stage;

    CardFeatureProcessor(final String storeName, final String sinceStoreName, final CardHistory history) {
        super(storeName, sinceStoreName);
        this.history = history;
    }

    @Override
    void init() {
        stage = new CardFeatures(history, StoreAdapters.cardEvents(store), start);
    }

    @Override
    public void process(final Record<String, Transaction> record) {
        context.forward(record.withValue(stage.enrich(record.value())));
    }
}
