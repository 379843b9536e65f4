package io.fraudstream.topology;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Per-card history features. Input is keyed by card (the repartition by card puts every transaction of a card in
 * one task); the card's transactions within the longest window live in a window store with duplicates retained,
 * one entry per transaction at its event time, so retention bounds the state and an out-of-order transaction sees
 * exactly the history before its own time. Transactions without a card get no card features.
 */
final class CardFeatureProcessor implements Processor<String, Transaction, String, EnrichedTransaction> {
    private final String storeName;
    private final String sinceStoreName;
    private HistoryStart start;
    private final CardHistory history;
    private ProcessorContext<String, EnrichedTransaction> context;
    private WindowStore<String, byte[]> store;

    CardFeatureProcessor(final String storeName, final String sinceStoreName, final CardHistory history) {
        this.storeName = storeName;
        this.sinceStoreName = sinceStoreName;
        this.history = history;
    }

    @Override
    public void init(final ProcessorContext<String, EnrichedTransaction> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.start = new HistoryStart(context.getStateStore(sinceStoreName));
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
