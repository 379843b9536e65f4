package io.fraudstream.topology;

import io.fraudstream.feature.CardEvents;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.stage.CardFeatures;
import io.fraudstream.stage.DuplicateCheck;
import io.fraudstream.stage.HistoryStart;
import io.fraudstream.stage.MerchantCounts;
import io.fraudstream.stage.PendingEntry;
import io.fraudstream.stage.PendingJoin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Kafka Streams state stores behind the stage cores' store interfaces (package {@code io.fraudstream.stage}): the
 * processors are thin adapters, and these are all they add to the cores' logic. Each store keeps the byte layout it
 * always had, so state written before survives.
 */
final class StoreAdapters {
    private static final String SINCE_KEY = "since";
    private static final byte[] SEEN = new byte[0];

    private StoreAdapters() {
    }

    static HistoryStart.Store since(final KeyValueStore<String, Long> store) {
        return new HistoryStart.Store() {
            @Override
            public Long get() {
                return store.get(SINCE_KEY);
            }

            @Override
            public void put(final long since) {
                store.put(SINCE_KEY, since);
            }
        };
    }

    /** One entry per transaction at its event time (duplicates retained): {@link CardHistory#encode}. */
    static CardFeatures.Store cardEvents(final WindowStore<String, byte[]> store) {
        return new CardFeatures.Store() {
            @Override
            public CardEvents fetch(final String card, final long from, final long to) {
                final CardEvents.Column events = new CardEvents.Column();
                try (WindowStoreIterator<byte[]> it = store.fetch(card, from, to)) {
                    while (it.hasNext()) {
                        final KeyValue<Long, byte[]> e = it.next();
                        final CardHistory.Event event = CardHistory.decode(e.key, e.value);
                        events.add(event.time(), event.amount(), event.merchant());
                    }
                }
                return events.all();
            }

            @Override
            public void put(final String card, final CardHistory.Event event) {
                store.put(card, CardHistory.encode(event.amount(), event.merchant()), event.time());
            }
        };
    }

    /** One value per merchant and day, at the day's start: {@link MerchantActivity#encode}. */
    static MerchantCounts.Store merchantDays(final WindowStore<String, byte[]> store) {
        return new MerchantCounts.Store() {
            @Override
            public int[] get(final String merchant, final long day) {
                return MerchantActivity.decode(store.fetch(merchant, day));
            }

            @Override
            public void put(final String merchant, final long day, final int[] counters, final long since) {
                store.put(merchant, MerchantActivity.encode(counters), day); // since: in the task's own since store
            }
        };
    }

    /** An empty entry per transaction id at its event time. */
    static DuplicateCheck.Store seen(final WindowStore<String, byte[]> store) {
        return new DuplicateCheck.Store() {
            @Override
            public Long seen(final String id, final long from, final long to) {
                try (WindowStoreIterator<byte[]> it = store.fetch(id, from, to)) {
                    return it.hasNext() ? it.next().key : null;
                }
            }

            @Override
            public void put(final String id, final long time) {
                store.put(id, SEEN, time);
            }
        };
    }

    /** Entries by id in one store, the expiry index (keys only, {@link #indexKey}) in another. */
    static PendingJoin.Store pending(final KeyValueStore<String, PendingEntry> entries,
                                     final KeyValueStore<String, byte[]> expiry) {
        return new PendingJoin.Store() {
            @Override
            public PendingEntry get(final String id) {
                return entries.get(id);
            }

            @Override
            public void put(final String id, final PendingEntry entry) {
                entries.put(id, entry);
            }

            @Override
            public void delete(final String id) {
                entries.delete(id);
            }

            @Override
            public void index(final long time, final String id) {
                expiry.put(indexKey(time, id), SEEN);
            }

            @Override
            public void unindex(final long time, final String id) {
                expiry.delete(indexKey(time, id));
            }

            @Override
            public List<String> expired(final long upTo) {
                final List<String> keys = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> it = expiry.range(indexKey(0, ""), indexKey(upTo, "\uffff"))) {
                    while (it.hasNext()) {
                        keys.add(it.next().key);
                    }
                }
                final List<String> ids = new ArrayList<>(keys.size());
                for (String key : keys) {
                    expiry.delete(key);
                    ids.add(key.substring(20));
                }
                return ids;
            }
        };
    }

    /** {@code <19-digit epoch ms>|<id>}: ordered by time, then id. */
    static String indexKey(final long time, final String id) {
        final String t = Long.toString(Math.max(time, 0));
        return "0".repeat(19 - t.length()) + t + '|' + id;
    }
}
