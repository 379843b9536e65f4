package io.fraudstream.topology;

import io.fraudstream.codec.MerchantDayCodec;
import io.fraudstream.metrics.MerchantMeters;
import io.fraudstream.stage.MerchantCounts;
import io.fraudstream.stage.MerchantEvent;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams adapter of {@link MerchantCounts}, keyed by merchant (the single writer of its merchants' counters):
 * scored transactions and fraud labels count; each change is published as the day's new counters
 * ({@link MerchantDayCodec}) to the merchant-activity topic, which feeds every scoring task's
 * {@link MerchantActivityStore}. Counters live in a window store, one value per merchant and day, whose retention
 * drops days no window reaches any more.
 */
final class MerchantCountProcessor extends HistoryStage<MerchantEvent, byte[]> {
    private final MerchantMeters meters;
    private MerchantCounts stage;

    MerchantCountProcessor(final String storeName, final String sinceStoreName, final MerchantMeters meters) {
        super(storeName, sinceStoreName);
        this.meters = meters;
    }

    @Override
    void init() {
        stage = new MerchantCounts(StoreAdapters.merchantDays(store), start);
    }

    @Override
    public void process(final Record<String, MerchantEvent> record) {
        final MerchantEvent e = record.value();
        final MerchantCounts.Update u = e.fraud() ? stage.fraud(record.key(), e.time())
                : stage.transaction(record.key(), e.time());
        meters.merchantEventCounted();
        context.forward(record.withKey(MerchantDayCodec.key(u)).withValue(MerchantDayCodec.encode(u)));
    }
}
