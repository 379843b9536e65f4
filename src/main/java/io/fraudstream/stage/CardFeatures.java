package io.fraudstream.stage;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardEvents;
import io.fraudstream.feature.CardHistory;

/**
 * The card stage: a transaction's per-card history features, from the card's earlier transactions within the
 * longest window, then the transaction joins its card's history. Transactions without a card get none.
 *
 * <p>One implementation for both engines: Kafka Streams keeps the history in a window store (duplicates retained,
 * one entry per transaction at its event time, retention bounding the state), the in-process engine in memory.
 */
public final class CardFeatures {
    /** A card's events by event time. */
    public interface Store {
        /** The card's events with {@code from <= time <= to}, in time order (read before the next put). */
        CardEvents fetch(String card, long from, long to);

        void put(String card, CardHistory.Event event);
    }

    private final CardHistory history;
    private final Store store;
    private final HistoryStart start;

    public CardFeatures(final CardHistory history, final Store store, final HistoryStart start) {
        this.history = history;
        this.store = store;
        this.start = start;
    }

    public EnrichedTransaction enrich(final Transaction t) {
        final long since = start.observe(t.timestamp());
        if (t.cardId() == null) {
            return EnrichedTransaction.of(t);
        }
        final long time = t.timestamp();
        final CardEvents events = store.fetch(t.cardId(), time - history.longest().toMillis() + 1, time);
        final EnrichedTransaction out = EnrichedTransaction.of(t)
                .plus(history.features(time, t.amount(), t.merchantId(), events, since));
        store.put(t.cardId(), new CardHistory.Event(time, t.amount(), t.merchantId()));
        return out;
    }
}
