package io.fraudstream.topology;

import io.fraudstream.eval.FraudMeters;
import io.fraudstream.eval.RollingOutcomes;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.LabelledOutcome;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Rolling metrics over the last N labelled outcomes, from the score each transaction had at decision time.
 * The window lives in a changelogged store (slot → score, label, alerted, sequence number); the in-memory
 * ring buffer is rebuilt from it at start, so a restart keeps the window. Metrics are recomputed on a
 * wall-clock interval, published to the meters and, as JSON, to the metrics topic.
 */
final class EvaluateProcessor implements Processor<String, LabelledOutcome, String, MetricsSnapshot> {
    private final String storeName;
    private final int windowSize;
    private final Duration interval;
    private final FraudMeters meters;
    private final String windowName;
    private ProcessorContext<String, MetricsSnapshot> context;
    private KeyValueStore<Integer, byte[]> store;
    private RollingOutcomes window;

    EvaluateProcessor(final String storeName, final int windowSize, final Duration interval, final FraudMeters meters) {
        this.storeName = storeName;
        this.windowSize = windowSize;
        this.interval = interval;
        this.meters = meters;
        this.windowName = windowName(windowSize);
    }

    static String windowName(final int windowSize) {
        return "last" + windowSize;
    }

    @Override
    public void init(final ProcessorContext<String, MetricsSnapshot> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.window = new RollingOutcomes(windowSize);
        try (KeyValueIterator<Integer, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<Integer, byte[]> kv = it.next();
                if (kv.key >= windowSize) {
                    continue; // the window was made smaller since: drop slots past its end
                }
                final ByteBuffer b = ByteBuffer.wrap(kv.value);
                final long seq = b.getLong();
                final float score = b.getFloat();
                final byte flags = b.get();
                window.restore(kv.key, score, (flags & 1) != 0, (flags & 2) != 0, seq + 1);
            }
        }
        meters.window(windowName, window.metrics());
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(final Record<String, LabelledOutcome> record) {
        final LabelledOutcome o = record.value();
        final long seq = window.total();
        final int slot = window.add(o.score(), o.fraud(), o.alerted());
        store.put(slot, ByteBuffer.allocate(13).putLong(seq).putFloat((float) o.score())
                .put((byte) ((o.fraud() ? 1 : 0) | (o.alerted() ? 2 : 0))).array());
    }

    private void publish(final long now) {
        final WindowMetrics m = window.metrics();
        meters.window(windowName, m);
        context.forward(new Record<>(windowName, MetricsSnapshot.of(windowName, now, window.total(), m), now));
    }
}
