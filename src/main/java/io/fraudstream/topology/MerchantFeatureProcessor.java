package io.fraudstream.topology;

import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.stage.EnrichedTransaction;
import io.fraudstream.stage.MerchantFeatures;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Kafka Streams adapter of {@link MerchantFeatures}, in the scoring task itself: a transaction reads its merchant's
 * counters from the global {@link MerchantActivityStore}, whatever the task's key.
 */
final class MerchantFeatureProcessor implements FixedKeyProcessor<String, EnrichedTransaction, EnrichedTransaction> {
    private final String storeName;
    private final MerchantActivity activity;
    private FixedKeyProcessorContext<String, EnrichedTransaction> context;
    private MerchantFeatures stage;

    MerchantFeatureProcessor(final String storeName, final MerchantActivity activity) {
        this.storeName = storeName;
        this.activity = activity;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, EnrichedTransaction> context) {
        this.context = context;
        final MerchantActivityStore store = context.getStateStore(storeName);
        stage = new MerchantFeatures(activity, store);
    }

    @Override
    public void process(final FixedKeyRecord<String, EnrichedTransaction> record) {
        context.forward(record.withValue(stage.enrich(record.value())));
    }
}
