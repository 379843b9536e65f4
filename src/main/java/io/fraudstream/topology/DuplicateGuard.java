package io.fraudstream.topology;

import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Transaction;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A transaction id seen again within the pending horizon of event time is not scored twice: the copy is
 * dead-lettered with reason {@code duplicate} (the first score stands, and only it waits for the label), so a
 * producer's retry or replay never doubles a score, an alert, a card's history or an outcome.
 *
 * <p>The ids live in a window store (one empty entry per transaction at its event time, retention the horizon):
 * expiry is the store's own segment drop, never a scan. A copy is recognised in the task the stream's key sends it
 * to — after the repartition by card with history features, else by the producer's key — so copies of one
 * transaction must carry the same card (or, without history, the same key), as a re-sent record does.
 */
final class DuplicateGuard implements FixedKeyProcessor<String, Transaction, Transaction> {
    private static final byte[] SEEN = new byte[0];
    private final String storeName;
    private final long horizonMs;
    private FixedKeyProcessorContext<String, Transaction> context;
    private WindowStore<String, byte[]> seen;

    DuplicateGuard(final String storeName, final Duration horizon) {
        this.storeName = storeName;
        this.horizonMs = horizon.toMillis();
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, Transaction> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(final FixedKeyRecord<String, Transaction> record) {
        final Transaction t = record.value();
        final long from = Math.max(0, t.timestamp() - horizonMs);
        try (WindowStoreIterator<byte[]> it = seen.fetch(t.id(), from, t.timestamp() + horizonMs)) {
            if (it.hasNext()) {
                throw new InvalidRecordException("duplicate", "transaction " + t.id()
                        + " was already scored (event time " + Instant.ofEpochMilli(it.next().key) + "); a copy is never scored twice");
            }
        }
        seen.put(t.id(), SEEN, t.timestamp());
        context.forward(record);
    }
}
