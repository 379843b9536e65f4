package io.fraudstream.topology;

import io.fraudstream.codec.CardEventCodec;
import io.fraudstream.codec.LongsCodec;
import io.fraudstream.codec.MerchantCountersCodec;
import io.fraudstream.codec.PendingCodec;
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
import org.apache.kafka.common.serialization.Deserializer;
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
    private static final String INDEX_PREFIX = "\u0000";
    private static final int INDEX_ID_AT = INDEX_PREFIX.length() + 20;
    /** After every index key ('~' sorts after the digits). */
    private static final String EXPIRED_KEY = INDEX_PREFIX + "~expired";

    private StoreAdapters() {
    }

    /**
     * Deletes {@code key}: a null value, which Kafka Streams writes as a delete (and a tombstone on the changelog)
     * without reading first; {@link KeyValueStore#delete} reads the old value to return it, a RocksDB read per delete
     * that no caller here uses.
     */
    static <K> void remove(final KeyValueStore<K, byte[]> store, final K key) {
        store.put(key, null);
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

    /** One entry per transaction at its event time (duplicates retained): {@link CardEventCodec}. */
    static CardFeatures.Store cardEvents(final WindowStore<String, byte[]> store) {
        return new CardFeatures.Store() {
            @Override
            public CardEvents fetch(final String card, final long from, final long to) {
                final CardEvents.Column events = new CardEvents.Column();
                try (WindowStoreIterator<byte[]> it = store.fetch(card, from, to)) {
                    while (it.hasNext()) {
                        final KeyValue<Long, byte[]> e = it.next();
                        final CardHistory.Event event = CardEventCodec.decode(e.key, e.value);
                        events.add(event.time(), event.amount(), event.merchant());
                    }
                }
                return events.all();
            }

            @Override
            public void put(final String card, final CardHistory.Event event) {
                store.put(card, CardEventCodec.encode(event), event.time());
            }
        };
    }

    /** One value per merchant and day, at the day's start: {@link MerchantCountersCodec}. */
    static MerchantCounts.Store merchantDays(final WindowStore<String, byte[]> store) {
        return new MerchantCounts.Store() {
            @Override
            public int[] get(final String merchant, final long day) {
                return MerchantCountersCodec.decode(store.fetch(merchant, day));
            }

            @Override
            public void put(final String merchant, final long day, final int[] counters, final long since) {
                store.put(merchant, MerchantCountersCodec.encode(counters), day); // since: in the task's own since store
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

    /**
     * Pending entries and their expiry index in one store: an entry under its transaction id ({@link PendingCodec}),
     * an index key ({@link #indexKey}, an empty value) per entry under a NUL prefix that sorts before every id, and
     * the time expiry has reached under {@link #EXPIRED_KEY}. Expiry scans the index forward from that time, so it
     * never reads a key it deleted before; and a join does not delete its index key (one delete per label instead
     * of two): the key is met once, by the expiry that passes it, and skipped because its entry is gone. A key
     * indexed behind the time expiry has reached (a late transaction) is indexed at that time instead. A store
     * written by an earlier version (entries only, the index in a store of its own) is indexed once, at start.
     */
    static PendingJoin.Store pending(final KeyValueStore<String, byte[]> store, final PendingCodec codec) {
        final Deserializer<PendingEntry> read = codec.entrySerde().deserializer();
        return new PendingJoin.Store() {
            private long expiredUpTo = readExpired(store, read);

            @Override
            public PendingEntry get(final String id) {
                final byte[] bytes = store.get(id);
                return bytes == null || bytes.length == 0 ? null : read.deserialize(null, bytes);
            }

            @Override
            public void put(final String id, final PendingEntry entry) {
                store.put(id, codec.encodeEntry(entry));
            }

            @Override
            public void delete(final String id) {
                remove(store, id);
            }

            @Override
            public void index(final long time, final String id) {
                store.put(indexKey(Math.max(time, expiredUpTo), id), SEEN);
            }

            @Override
            public void unindex(final long time, final String id) {
                // left for expiry to pass over: see above
            }

            @Override
            public List<String> expired(final long upTo) {
                if (upTo < expiredUpTo) {
                    return List.of();
                }
                final List<String> keys = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> it = store.range(indexKey(expiredUpTo, ""),
                        indexKey(upTo, "\uffff"))) {
                    while (it.hasNext()) {
                        keys.add(it.next().key);
                    }
                }
                final List<String> ids = new ArrayList<>(keys.size());
                for (String key : keys) {
                    remove(store, key);
                    ids.add(key.substring(INDEX_ID_AT));
                }
                expiredUpTo = upTo + 1;
                store.put(EXPIRED_KEY, LongsCodec.encode(upTo + 1));
                return ids;
            }
        };
    }

    /** Where expiry stands; at the first start on a store without an index, the index is built from the entries. */
    private static long readExpired(final KeyValueStore<String, byte[]> store, final Deserializer<PendingEntry> read) {
        final byte[] saved = store.get(EXPIRED_KEY);
        if (saved != null) {
            return LongsCodec.decode(saved)[0];
        }
        final List<String> index = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, byte[]> kv = it.next();
                if (!kv.key.startsWith(INDEX_PREFIX) && kv.value.length > 0) {
                    index.add(indexKey(read.deserialize(null, kv.value).since(), kv.key));
                }
            }
        }
        index.forEach(key -> store.put(key, SEEN));
        store.put(EXPIRED_KEY, LongsCodec.encode(0));
        return 0;
    }

    /** {@code NUL<19-digit epoch ms>|<id>}: ordered by time, then id, before every transaction id. */
    static String indexKey(final long time, final String id) {
        final String t = Long.toString(Math.max(time, 0));
        return INDEX_PREFIX + "0".repeat(19 - t.length()) + t + '|' + id;
    }
}
