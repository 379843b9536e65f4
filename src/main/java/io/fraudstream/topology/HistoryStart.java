package io.fraudstream.topology;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When a history stage's knowledge begins: the earliest event time its task has seen, kept in a changelogged store
 * so that a restart keeps it. Windows reaching back before it are incomplete (see
 * {@link io.fraudstream.feature.CardHistory} on warm-up).
 */
final class HistoryStart {
    private static final String KEY = "since";
    private final KeyValueStore<String, Long> store;
    private long since;

    HistoryStart(final KeyValueStore<String, Long> store) {
        this.store = store;
        final Long saved = store.get(KEY);
        this.since = saved == null ? Long.MAX_VALUE : saved;
    }

    /** Notes an event at {@code time}; returns the start of the known history, that event included. */
    long observe(final long time) {
        if (time < since) {
            since = time;
            store.put(KEY, time);
        }
        return since;
    }
}
