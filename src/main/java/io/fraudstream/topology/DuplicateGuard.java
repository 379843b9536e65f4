package io.fraudstream.topology;

import io.fraudstream.event.Transaction;
import io.fraudstream.stage.DuplicateCheck;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Kafka Streams adapter of {@link DuplicateCheck}: a copy throws, and the dead-letter handler writes it with reason
 * {@code duplicate}. The ids live in a window store (one empty entry per transaction at its event time, retention the
 * horizon): expiry is the store's own segment drop, never a scan. A copy is recognised in the task the stream's key
 * sends it to — after the repartition by card with history features, else by the producer's key — so copies of one
 * transaction must carry the same card (or, without history, the same key), as a re-sent record does.
 */
final class DuplicateGuard implements FixedKeyProcessor<String, Transaction, Transaction> {
    private final String storeName;
    private final Duration horizon;
    private FixedKeyProcessorContext<String, Transaction> context;
    private DuplicateCheck check;

    DuplicateGuard(final String storeName, final Duration horizon) {
        this.storeName = storeName;
        this.horizon = horizon;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, Transaction> context) {
        this.context = context;
        this.check = new DuplicateCheck(StoreAdapters.seen(context.getStateStore(storeName)), horizon);
    }

    @Override
    public void process(final FixedKeyRecord<String, Transaction> record) {
        check.check(record.value());
        context.forward(record);
    }
}
