package io.fraudstream.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The registry an instance serves on {@code /metrics}, with the one filter Kafka Streams' client meters need.
 *
 * <p>Kafka Streams names a store's RocksDB meters the same for every kind of store ({@code kafka.stream.state.*},
 * such as {@code estimate-num-keys} or {@code block-cache-usage}) but tags the store by a key that depends on its
 * kind: {@code rocksdb.state.id} for a key-value store, {@code rocksdb.window.state.id} and
 * {@code rocksdb.session.state.id} for segmented ones, and {@code in.memory.state.id} for an in-memory key-value
 * store ({@code fraudstream.state.key-value-stores=memory}: their restore and end-to-end latency meters). Prometheus
 * allows one set of tag keys per meter name, so the kind registered second was refused (one warning, then
 * silence): on this topology, the key-value stores' RocksDB meters (pending join, learner, evaluator) were missing
 * from every scrape. Every store is tagged {@code rocksdb.state.id} here, the key dashboards already query, whatever
 * it is kept in; store names are unique within an application, so nothing is merged. Micrometer's
 * Kafka binder compares a metric's tags with the registered meters' before this filter renames them, so when the
 * client's metrics change it may bind a window store's meter again: the registry keeps the one it has (the same
 * Kafka metric) and logs "This Gauge has been already registered" once. That warning is harmless.
 */
public final class PrometheusRegistry {
    private static final String STATE_METERS = "kafka.stream.state";
    private static final String STORE_TAG = "rocksdb.state.id";
    /** The other kinds' tag keys, as Kafka Streams' state meters carry them. */
    private static final List<String> OTHER_STORE_TAGS = List.of("rocksdb.window.state.id",
            "rocksdb.session.state.id", "in.memory.state.id", "in.memory.window.state.id",
            "in.memory.session.state.id", "in.memory.lru.state.id");

    private PrometheusRegistry() {
    }

    public static PrometheusMeterRegistry create() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String tag : OTHER_STORE_TAGS) {
            registry.config().meterFilter(MeterFilter.renameTag(STATE_METERS, tag, STORE_TAG));
        }
        return registry;
    }
}
