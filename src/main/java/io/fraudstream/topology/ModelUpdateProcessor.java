package io.fraudstream.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Global processor: installs each champion and challenger record of the model topic into the {@link ModelStore},
 * which parses and checks it. The source reads raw bytes: a record that does not parse must not fail the global
 * thread (a global store's records cannot go to the dead-letter topic), so the store refuses and counts it.
 */
final class ModelUpdateProcessor implements Processor<String, byte[], Void, Void> {
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
    public void process(final Record<String, byte[]> record) {
        store.install(record.key(), record.value());
    }
}
