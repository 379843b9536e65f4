package io.fraudstream.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry an instance serves on {@code /metrics}, with the one filter Kafka Streams' client meters need.
 *
 * <p>Kafka Streams names a store's RocksDB meters the same for every kind of store ({@code kafka.stream.state.*},
 * such as {@code estimate-num-keys} or {@code block-cache-usage}) but tags the store by a key that depends on its
 * kind: {@code rocksdb.state.id} for a key-value store, {@code rocksdb.window.state.id} and
 * {@code rocksdb.session.state.id} for segmented ones. Prometheus allows one set of tag keys per meter name, so
 * the kind registered second was refused (one warning, then silence): on this topology, the key-value stores'
 * RocksDB meters (pending join, learner, evaluator) were missing from every scrape. Every store is tagged
 * {@code rocksdb.state.id} here; store names are unique within an application, so nothing is merged. Micrometer's
 * Kafka binder compares a metric's tags with the registered meters' before this filter renames them, so when the
 * client's metrics change it may bind a window store's meter again: the registry keeps the one it has (the same
 * Kafka metric) and logs "This Gauge has been already registered" once. That warning is harmless.
 */
public final class PrometheusRegistry {
    private static final String STATE_METERS = "kafka.stream.state";
    private static final String STORE_TAG = "rocksdb.state.id";

    private PrometheusRegistry() {
    }

    public static PrometheusMeterRegistry create() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
                .meterFilter(MeterFilter.renameTag(STATE_METERS, "rocksdb.window.state.id", STORE_TAG))
                .meterFilter(MeterFilter.renameTag(STATE_METERS, "rocksdb.session.state.id", STORE_TAG));
        return registry;
    }
}
