package io.fraudstream.topology;

import io.fraudstream.codec.MerchantCountersCodec;
import io.fraudstream.codec.MerchantDayCodec;
import io.fraudstream.metrics.MerchantMeters;
import io.fraudstream.stage.MerchantCounts;
import io.fraudstream.stage.MerchantEvent;
import io.fraudstream.stage.MerchantPublication;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Kafka Streams adapter of {@link MerchantCounts}, keyed by merchant (the single writer of its merchants' counters):
 * scored transactions and fraud labels count, and the days' new counters ({@link MerchantDayCodec}) go to the
 * merchant-activity topic, which feeds every scoring task's {@link MerchantActivityStore}. A fraud's change is
 * published at once; a transaction's is held ({@link MerchantPublication}) and published with the other days held,
 * every {@code features.merchant.publish-interval} of wall-clock time or sooner: one record per merchant and day
 * and interval instead of one per transaction. Counters live in a window store, one value per merchant and day,
 * whose retention drops days no window reaches any more.
 *
 * <p>Under exactly-once, what is published in a punctuation commits with the counts it carries. What a crash leaves
 * held and unpublished is found again at start: the marker of the earliest held day commits with the counts, and
 * every day from it on is held again, read back from the store.
 */
final class MerchantCountProcessor extends HistoryStage<MerchantEvent, byte[]> {
    private final MerchantMeters meters;
    private final Duration interval;
    private final long delayMillis;
    private MerchantCounts stage;
    private MerchantPublication publication;

    MerchantCountProcessor(final String storeName, final String sinceStoreName, final MerchantMeters meters,
                           final Duration interval, final Duration delay) {
        super(storeName, sinceStoreName);
        this.meters = meters;
        this.interval = interval;
        this.delayMillis = delay.toMillis();
    }

    @Override
    void init() {
        stage = new MerchantCounts(StoreAdapters.merchantDays(store), start);
        publication = new MerchantPublication(StoreAdapters.heldFrom(sinceStore), delayMillis);
        if (publication.heldFrom() != MerchantPublication.NONE) {
            try (KeyValueIterator<Windowed<String>, byte[]> it = store.fetchAll(publication.heldFrom(),
                    Long.MAX_VALUE)) {
                while (it.hasNext()) {
                    final KeyValue<Windowed<String>, byte[]> kv = it.next();
                    publication.restore(new MerchantCounts.Update(kv.key.key(), kv.key.window().start(),
                            MerchantCountersCodec.decode(kv.value), start.since()));
                    meters.merchantDaysHeld(1);
                }
            }
        }
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME,
                now -> publish(Math.max(0, context.currentStreamTimeMs())));
    }

    @Override
    public void process(final Record<String, MerchantEvent> record) {
        final MerchantEvent e = record.value();
        if (e.fraud()) {
            final MerchantCounts.Update u = stage.fraud(record.key(), e.time());
            if (publication.publishedNow(u)) {
                meters.merchantDaysHeld(-1);
            }
            forward(u, record.timestamp());
        } else if (publication.hold(stage.transaction(record.key(), e.time()), e.time())) {
            meters.merchantDaysHeld(1);
        }
        meters.merchantEventCounted(); // after what it holds or publishes: counted and none held means published
        if (publication.due(context.currentStreamTimeMs())) {
            publish(record.timestamp());
        }
    }

    @Override
    public void close() {
        meters.merchantDaysHeld(-publication.size()); // the task's next owner finds them from the marker
    }

    private void publish(final long timestamp) {
        meters.merchantDaysHeld(-publication.drain(u -> forward(u, timestamp)));
    }

    private void forward(final MerchantCounts.Update u, final long timestamp) {
        context.forward(new Record<>(MerchantDayCodec.key(u), MerchantDayCodec.encode(u), timestamp));
        meters.merchantActivityPublished();
    }
}
