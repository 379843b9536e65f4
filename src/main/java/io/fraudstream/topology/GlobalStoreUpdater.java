package io.fraudstream.topology;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Global processor: hands each record of a global store's topic, as raw bytes, to the store
 * ({@link GlobalRecordStore}), which parses and checks it. A record that does not parse must not fail the global
 * thread, so nothing is deserialised before the store has looked at it.
 */
final class GlobalStoreUpdater implements Processor<String, byte[], Void, Void> {
    private final String storeName;
    private GlobalRecordStore store;

    GlobalStoreUpdater(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        final StateStore s = context.getStateStore(storeName);
        store = (GlobalRecordStore) s;
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        store.install(record.key(), record.value());
    }
}
