package io.fraudstream.topology;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builder of an in-memory global store ({@link GlobalRecordStore}): no cache, no changelog — its source topic is its
 * changelog, reprocessed through the store at start-up.
 *
 * @param <S> the store
 */
final class GlobalStoreBuilder<S extends StateStore> implements StoreBuilder<S> {
    private final String name;
    private final Supplier<S> build;

    GlobalStoreBuilder(final String name, final Supplier<S> build) {
        this.name = name;
        this.build = build;
    }

    @Override
    public StoreBuilder<S> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<S> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<S> withLoggingEnabled(final Map<String, String> config) {
        throw new UnsupportedOperationException("store " + name + " is global: its source topic is its changelog");
    }

    @Override
    public StoreBuilder<S> withLoggingDisabled() {
        return this;
    }

    @Override
    public S build() {
        return build.get();
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
