package io.fraudstream.stage;

import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Transaction;
import java.time.Duration;
import java.time.Instant;

/**
 * A transaction id seen again within the pending horizon of event time is not scored twice: the copy is refused
 * with reason {@code duplicate} (the first score stands, and only it waits for the label), so a producer's retry or
 * replay never doubles a score, an alert, a card's history or an outcome. Ids are kept by event time for the
 * horizon; expiry is the store's business (Kafka Streams drops a window store's old segments, never scanning).
 */
public final class DuplicateCheck {
    /** Transaction ids by event time. */
    public interface Store {
        /** The event time of {@code id} seen within {@code from..to}, or null. */
        Long seen(String id, long from, long to);

        void put(String id, long time);
    }

    private final Store store;
    private final long horizonMs;

    public DuplicateCheck(final Store store, final Duration horizon) {
        this.store = store;
        this.horizonMs = horizon.toMillis();
    }

    /** Notes the transaction; throws {@link InvalidRecordException} (reason {@code duplicate}) for a copy. */
    public void check(final Transaction t) {
        final Long seen = store.seen(t.id(), Math.max(0, t.timestamp() - horizonMs), t.timestamp() + horizonMs);
        if (seen != null) {
            throw new InvalidRecordException("duplicate", "transaction " + t.id() + " was already scored (event time "
                    + Instant.ofEpochMilli(seen) + "); a copy is never scored twice");
        }
        store.put(t.id(), t.timestamp());
    }
}
