package io.fraudstream.stage;

import io.fraudstream.feature.CardHistory;

/**
 * When a history stage's knowledge begins: the earliest event time it has seen, kept in its store so that a restart
 * keeps it. Windows reaching back before it are incomplete (see {@link CardHistory} on
 * warm-up).
 */
public final class HistoryStart {
    /** Where the start is kept: a changelogged one-value store under Kafka Streams, a field in process. */
    public interface Store {
        /** The start saved, or null when nothing was seen yet. */
        Long get();

        void put(long since);
    }

    private final Store store;
    private long since;

    public HistoryStart(final Store store) {
        this.store = store;
        final Long saved = store.get();
        this.since = saved == null ? Long.MAX_VALUE : saved;
    }

    /** Notes an event at {@code time}; returns the start of the known history, that event included. */
    public long observe(final long time) {
        if (time < since) {
            since = time;
            store.put(time);
        }
        return since;
    }

    /** The start of the known history without noting an event ({@link Long#MAX_VALUE} while none was seen). */
    public long since() {
        return since;
    }

    /** A start kept in memory only (the in-process engine's). */
    public static Store inMemory() {
        return new Store() {
            private Long since;

            @Override
            public Long get() {
                return since;
            }

            @Override
            public void put(final long value) {
                since = value;
            }
        };
    }
}
