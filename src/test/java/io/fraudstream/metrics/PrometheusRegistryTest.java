package io.fraudstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Kafka Streams' state meters of every kind of store, RocksDB or in memory, reach the scrape under its store's name. */
class PrometheusRegistryTest {
    private static final String NAME = "kafka.stream.state.estimate.num.keys";

    @Test
    void keyValueWindowSessionAndInMemoryStoresAreScrapedUnderOneTagKey() {
        final PrometheusMeterRegistry registry = PrometheusRegistry.create();
        register(registry, "rocksdb.window.state.id", "card-history-store", 3);
        register(registry, "rocksdb.state.id", "pending-store", 5);
        register(registry, "rocksdb.session.state.id", "sessions-store", 7);
        register(registry, "in.memory.state.id", "learner-store", 11);
        assertThat(registry.scrape())
                .contains("kafka_stream_state_estimate_num_keys{rocksdb_state_id=\"learner-store\",task_id=\"0_0\"} 11.0")
                .contains("kafka_stream_state_estimate_num_keys{rocksdb_state_id=\"card-history-store\",task_id=\"0_0\"} 3.0")
                .contains("kafka_stream_state_estimate_num_keys{rocksdb_state_id=\"pending-store\",task_id=\"0_0\"} 5.0")
                .contains("kafka_stream_state_estimate_num_keys{rocksdb_state_id=\"sessions-store\",task_id=\"0_0\"} 7.0");
    }

    @Test
    void otherMetersKeepTheirTags() {
        final PrometheusMeterRegistry registry = PrometheusRegistry.create();
        Gauge.builder("kafka.consumer.records.lag", () -> 1).tags(Tags.of("rocksdb.window.state.id", "x"))
                .register(registry);
        assertThat(registry.scrape()).contains("kafka_consumer_records_lag{rocksdb_window_state_id=\"x\"} 1.0");
    }

    private static void register(final PrometheusMeterRegistry registry, final String tag, final String store,
                                 final double value) {
        Gauge.builder(NAME, () -> value).tags(Tags.of(tag, store, "task.id", "0_0")).register(registry);
    }
}
