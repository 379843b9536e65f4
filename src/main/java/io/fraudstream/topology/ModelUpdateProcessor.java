package io.fraudstream.topology;

import io.fraudstream.learn.ModelSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Global processor: installs each champion and challenger snapshot from the model topic into the {@link ModelStore}. */
final class ModelUpdateProcessor implements Processor<String, ModelSnapshot, Void, Void> {
    private final String storeName;
    private ModelStore store;

    ModelUpdateProcessor(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, ModelSnapshot> record) {
        store.install(record.key(), record.value());
    }
}
