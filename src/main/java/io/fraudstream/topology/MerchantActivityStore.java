package io.fraudstream.topology;

import io.fraudstream.codec.MerchantDayCodec;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.metrics.MerchantMeters;
import io.fraudstream.stage.MerchantCounts;
import io.fraudstream.stage.MerchantDayTable;
import io.fraudstream.stage.MerchantFeatures;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Global store of the merchants' day counters ({@link MerchantDayTable}) that every scoring task reads its merchant
 * features from, filled from the merchant-activity topic the merchant-count tasks publish to. So a scoring task needs
 * no repartition by merchant: merchant windows end {@code features.merchant.delay} (7 days) before the transaction,
 * far behind the moment a count is published.
 *
 * <p>Records are taken as they come ({@link GlobalRecordStore}): a record that does not read as a day's counters
 * ({@link MerchantDayCodec}) is logged, counted ({@code fraud_merchant_activity_rejected_total} by reason) and left
 * out; the counters already held stay. Memory: about 250 bytes per merchant and day with activity, for the days of
 * the retention; nothing on disk (the topic is the changelog).
 */
public final class MerchantActivityStore extends GlobalRecordStore implements MerchantFeatures.Source {
    private static final Logger LOG = LoggerFactory.getLogger(MerchantActivityStore.class);
    private final MerchantDayTable table;
    private final MerchantMeters meters;

    MerchantActivityStore(final String name, final long retentionMs, final MerchantMeters meters) {
        super(name);
        this.table = new MerchantDayTable(retentionMs);
        this.meters = meters;
    }

    @Override
    public void install(final String key, final byte[] value) {
        final MerchantCounts.Update u;
        try {
            u = MerchantDayCodec.decode(value);
        } catch (InvalidRecordException e) {
            LOG.warn("Refusing the {} record of the merchant-activity topic ({}): {}", key, e.reason(),
                    e.getMessage());
            meters.merchantActivityRejected(e.reason());
            return;
        }
        table.put(u.merchant(), u.day(), u.counters(), u.since());
        meters.merchantActivityApplied();
    }

    @Override
    public MerchantFeatures.Days fetch(final String merchant, final long firstDay, final long lastDay) {
        return table.fetch(merchant, firstDay, lastDay);
    }

    @Override
    public long since() {
        return table.since();
    }

    static StoreBuilder<MerchantActivityStore> builder(final String name, final long retentionMs,
                                                       final MerchantMeters meters) {
        return new GlobalStoreBuilder<>(name, () -> new MerchantActivityStore(name, retentionMs, meters));
    }
}
