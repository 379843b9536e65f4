package io.fraudstream.topology;

import io.fraudstream.event.EventTimeWindow;
import io.fraudstream.event.Label;
import io.fraudstream.event.Transaction;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keeps event time inside the {@link EventTimeWindow}, in two steps, because Kafka Streams takes a record's time
 * from the timestamp extractor before any processor sees it:
 * <ol>
 *   <li>{@link #extractor}: a record inside the window gets its own event time; one outside gets its partition's
 *   current stream time instead (0 before the first), so it moves neither stream time nor anything keyed on it;</li>
 *   <li>this processor, right after the source: a record whose time is not its own event time was refused by the
 *   extractor, and is thrown out as {@code timestamp.future} or {@code timestamp.too-old}; the processing exception
 *   handler dead-letters its original bytes.</li>
 * </ol>
 * The verdict is the extractor's alone (the wall clock is read once per record), so both steps always agree.
 */
final class EventTimeGuard<V> implements FixedKeyProcessor<String, V, V> {
    private final EventTimeWindow window;
    private final ToLongFunction<V> eventTime;
    private FixedKeyProcessorContext<String, V> context;

    EventTimeGuard(final EventTimeWindow window, final ToLongFunction<V> eventTime) {
        this.window = window;
        this.eventTime = eventTime;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, V> record) {
        final long own = eventTime.applyAsLong(record.value());
        if (record.timestamp() != own) {
            throw window.rejection(own > record.timestamp() ? EventTimeWindow.Verdict.FUTURE
                    : EventTimeWindow.Verdict.TOO_OLD, own);
        }
        context.forward(record);
    }

    /** Event time of transactions and labels, kept inside {@code window} around {@code clock} and stream time. */
    static TimestampExtractor extractor(final EventTimeWindow window, final LongSupplier clock) {
        return (record, partitionTime) -> {
            final long own;
            if (record.value() instanceof Transaction t) {
                own = t.timestamp();
            } else if (record.value() instanceof Label l) {
                own = l.timestamp();
            } else {
                return record.timestamp();
            }
            return window.check(own, partitionTime, clock.getAsLong()) == EventTimeWindow.Verdict.ACCEPT ? own
                    : Math.max(partitionTime, 0);
        };
    }
}
