package io.fraudstream.topology;

import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.stage.MerchantFeatures;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams adapter of {@link MerchantFeatures}, keyed by merchant: transactions are enriched and move on;
 * fraud labels (from the outcomes, re-keyed by merchant) only count. Counters live in a window store, one value per
 * merchant and day, whose retention drops days no window reaches any more.
 */
final class MerchantFeatureProcessor extends HistoryStage<MerchantInput> {
    private final MerchantActivity activity;
    private MerchantFeatures stage;

    MerchantFeatureProcessor(final String storeName, final String sinceStoreName, final MerchantActivity activity) {
        super(storeName, sinceStoreName);
        this.activity = activity;
    }

    @Override
    void init() {
        stage = new MerchantFeatures(activity, StoreAdapters.merchantDays(store), start);
    }

    @Override
    public void process(final Record<String, MerchantInput> record) {
        final MerchantInput in = record.value();
        if (in.transaction() == null) {
            stage.fraud(record.key(), in.fraudAt());
        } else {
            context.forward(record.withValue(stage.enrich(in.transaction())));
        }
    }
}
