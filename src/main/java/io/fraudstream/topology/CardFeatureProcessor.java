package io.fraudstream.topology;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Per-card history features. Input is keyed by card (the repartition by card puts every transaction of a card in
 * one task); the card's transactions within the longest window live in a window store with duplicates retained,
 * one entry per transaction at its event time, so retention bounds the state and an out-of-order transaction sees
 * exactly the history before its own time. Transactions without a card get no card features.
 */
final class CardFeatureProcessor extends HistoryStage<Transaction> {
    private final CardHistory history;

    CardFeatureProcessor(final String storeName, final String sinceStoreName, final CardHistory history) {
        super(storeName, sinceStoreName);
        this.history = history;
    }

    @Override
    public void process(final Record<String, Transaction> record) {
        final Transaction t = record.value();
        final long since = start.observe(t.timestamp());
        if (t.cardId() == null) {
            context.forward(record.withValue(EnrichedTransaction.of(t)));
            return;
        }
        final long time = t.timestamp();
        final List<CardHistory.Event> events = new ArrayList<>();
        try (WindowStoreIterator<byte[]> it = store.fetch(t.cardId(), time - history.longest().toMillis() + 1, time)) {
            while (it.hasNext()) {
                final KeyValue<Long, byte[]> e = it.next();
                events.add(CardHistory.decode(e.key, e.value));
            }
        }
        final EnrichedTransaction out = EnrichedTransaction.of(t)
                .plus(history.features(time, t.amount(), t.merchantId(), events, since));
        store.put(t.cardId(), CardHistory.encode(t.amount(), t.merchantId()), time);
        context.forward(record.withValue(out));
    }
}
