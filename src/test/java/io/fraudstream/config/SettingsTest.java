package io.fraudstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static Map<String, String> base() {
        final Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "k:9092");
        return m;
    }

    private static Map<String, String> with(final String key, final String value) {
        final Map<String, String> m = base();
        m.put(key, value);
        return m;
    }

    /** Every accessor hands out what its key's type parsed (a wrong cast would throw here, not in production). */
    @Test
    void everyAccessorReadsItsKeysType() throws ReflectiveOperationException {
        final Settings s = Settings.from(base());
        int read = 0;
        for (Method m : Settings.class.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() == Settings.class && m.getReturnType() != void.class) {
                assertThat(m.invoke(s)).as(m.getName()).isNotNull();
                read++;
            }
        }
        for (Key k : Key.values()) {
            if (k.key().startsWith(Key.PREFIX + "topic.")) {
                assertThat(s.topic(k)).isEqualTo(k.defaultValue());
            }
        }
        assertThat(read).isGreaterThan(30);
    }

    /** No key escapes the check at start: a value its type refuses fails, naming the key and what it accepts. */
    @Test
    void everyKeyIsCheckedAtStart() {
        int refused = 0;
        for (Key k : Key.values()) {
            for (String bad : List.of("", "-7", "not-a-value!")) {
                boolean parses = true;
                try {
                    k.type().parse(bad);
                } catch (IllegalArgumentException e) {
                    parses = false;
                }
                if (!parses) {
                    assertThatThrownBy(() -> Settings.from(with(k.key(), bad))).as(k.key() + "=" + bad)
                            .isInstanceOf(ConfigException.class).hasMessageContaining(k.key());
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(2 * Key.values().length);
    }

    @Test
    void defaultsMatchTheKeyTable() {
        final Settings s = Settings.from(base());
        assertThat(s.partitions()).isEqualTo(3);
        assertThat(s.replicationFactor()).isEqualTo((short) -1);
        assertThat(s.pendingHorizon()).isEqualTo(Duration.ofDays(60));
        assertThat(s.applicationId()).isEqualTo("fraudstream");
        assertThat(s.streamsProperties()).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2).containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "transactions.dlq");
    }

    @Test
    void anUnknownFraudstreamKeyFailsNamingIt() {
        assertThatThrownBy(() -> Settings.from(with("fraudstream.model.publish.evry", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'fraudstream.model.publish.evry'");
    }

    @Test
    void anUnknownKafkaKeyFailsNamingIt() {
        assertThatThrownBy(() -> Settings.from(with("bootstrap.server", "x:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'bootstrap.server'");
        assertThat(Settings.from(with("producer.linger.ms", "5")).kafka()).containsEntry("producer.linger.ms", "5");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> Settings.from(with("fraudstream.topics.partitions", "three")))
                .hasMessageContaining("fraudstream.topics.partitions").hasMessageContaining("integer");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.pending.horizon", "soon")))
                .hasMessageContaining("fraudstream.pending.horizon");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.learner.class.weight", "heavy")))
                .hasMessageContaining("fraudstream.learner.class.weight");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.threshold.review", "0.9")))
                .hasMessageContaining("fraudstream.threshold.review").hasMessageContaining("fraudstream.threshold.block");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.learner.family", "forest")))
                .hasMessageContaining("fraudstream.learner.family").hasMessageContaining("logistic, trees");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.trees.bins", "500")))
                .hasMessageContaining("fraudstream.trees.bins");
        // trees whose worst-case snapshot would not fit a model message: 60 of depth 8 and a feedback model of 60
        // fit (3.9 MB), depth 10 not; the default balanced-trees family (4 × 60 + 60) does not fit at depth 8
        final Map<String, String> single = new HashMap<>(with("fraudstream.trees.depth", "8"));
        single.put("fraudstream.learner.family", "logistic,trees");
        assertThat(Settings.from(single).trees().worstCaseSnapshotBytes(ModelFamily.TREES))
                .isLessThan(ModelSnapshot.MAX_BYTES);
        assertThatThrownBy(() -> Settings.from(with("fraudstream.trees.depth", "8")))
                .hasMessageContaining("9.9 MB");
        // a balanced-trees model holds trees.bags times as many: 4 × 100 of depth 8 do not fit, 2 × 100 do
        final Map<String, String> bagged = new HashMap<>(with("fraudstream.trees.depth", "8"));
        bagged.put("fraudstream.trees.count", "100");
        bagged.put("fraudstream.learner.family", "trees,balanced-trees");
        assertThatThrownBy(() -> Settings.from(bagged)).hasMessageContaining("fraudstream.trees.depth")
                .hasMessageContaining("balanced-trees");
        bagged.put("fraudstream.trees.bags", "2");
        // and the feedback model (on by default) adds trees.count more: 2 × 100 + 100 do not fit, 2 × 100 alone do
        assertThatThrownBy(() -> Settings.from(bagged)).hasMessageContaining("fraudstream.trees.feedback.weight=0");
        bagged.put("fraudstream.trees.feedback.weight", "0");
        assertThat(Settings.from(bagged).trees().treesPerModel(ModelFamily.BALANCED_TREES)).isEqualTo(200);
        final Map<String, String> deep = new HashMap<>(with("fraudstream.trees.depth", "10"));
        deep.put("fraudstream.trees.count", "100");
        assertThatThrownBy(() -> Settings.from(deep)).hasMessageContaining("fraudstream.trees.depth")
                .hasMessageContaining("fraudstream.trees.count").hasMessageContaining("fraudstream.trees.bags")
                .hasMessageContaining("65.6 MB"); // 4 bags of 100 trees of depth 10, and a feedback model of 100
        deep.put("fraudstream.learner.family", "logistic,trees");
        assertThatThrownBy(() -> Settings.from(deep)).hasMessageContaining("26.3 MB");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.metrics.windows", "10000,,1h")))
                .hasMessageContaining("fraudstream.metrics.windows");
        assertThatThrownBy(() -> Settings.from(with("fraudstream.metrics.windows", "1h,1h")))
                .hasMessageContaining("fraudstream.metrics.windows").hasMessageContaining("twice");
        // no count window larger than the bound of every window
        assertThatThrownBy(() -> Settings.from(with("fraudstream.metrics.windows", "500000,1h")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fraudstream.metrics.windows")
                .hasMessageContaining("last500000").hasMessageContaining("fraudstream.metrics.window.max-outcomes");
        final Map<String, String> bounded = new HashMap<>(with("fraudstream.metrics.windows", "500000,1h"));
        bounded.put("fraudstream.metrics.window.max-outcomes", "500000");
        assertThat(Settings.from(bounded).evaluation().maxOutcomes()).isEqualTo(500_000);
        // what waits to mature is bounded; a bound below one fails at start, naming the key
        assertThat(Settings.from(Map.of("bootstrap.servers", "127.0.0.1:9092")).evaluation().maxPending())
                .isEqualTo(1_000_000);
        assertThat(Settings.from(with("fraudstream.metrics.mature.max-pending", "5000")).evaluation().maxPending())
                .isEqualTo(5_000);
        assertThatThrownBy(() -> Settings.from(with("fraudstream.metrics.mature.max-pending", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fraudstream.metrics.mature.max-pending");
        // mature windows can be left out, learning keeps its maturity
        final Map<String, String> noMature = new HashMap<>(with("fraudstream.metrics.mature", "false"));
        assertThat(Settings.from(noMature).evaluation().maturityMillis()).isZero();
        assertThat(Settings.from(noMature).labelsMaturity()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(Settings.from(with("fraudstream.metrics.mature", "true")).evaluation().maturityMillis())
                .isEqualTo(Duration.ofDays(7).toMillis());
        assertThatThrownBy(() -> Settings.from(with("commit.interval.ms", "often")))
                .hasMessageContaining("commit.interval.ms");
        assertThatThrownBy(() -> Settings.from(Map.of())).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void environmentVariablesOverrideTheFile(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("f.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nfraudstream.topics.partitions=6\n");
        final Settings s = Settings.load(file, Map.of("FRAUDSTREAM_TOPICS_PARTITIONS", "12",
                "FRAUDSTREAM_KAFKA_BOOTSTRAP_SERVERS", "env:9092", "PATH", "/bin"));
        assertThat(s.partitions()).isEqualTo(12);
        assertThat(s.bootstrapServers()).isEqualTo("env:9092");
    }

    @Test
    void unknownEnvironmentVariablesAreIgnoredWithAWarningAndANearMissGetsADidYouMean(@TempDir final Path dir)
            throws Exception {
        final Path file = dir.resolve("f.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\n");
        // Kubernetes sets these for a Service named fraudstream
        final Settings s = Settings.load(file, Map.of("FRAUDSTREAM_SERVICE_HOST", "10.0.0.1",
                "FRAUDSTREAM_SERVICE_PORT", "9464", "FRAUDSTREAM_TOPIC_PARTITIONS", "1"));
        assertThat(s.partitions()).isEqualTo(3);
        assertThat(s.warnings()).hasSize(3).anySatisfy(w -> assertThat(w).contains("FRAUDSTREAM_SERVICE_HOST")
                .doesNotContain("did you mean")).anySatisfy(w -> assertThat(w)
                .contains("'FRAUDSTREAM_TOPIC_PARTITIONS'", "did you mean 'FRAUDSTREAM_TOPICS_PARTITIONS'"));
    }

    @Test
    void everyPlainClientGetsTheClusterAndItsSecurityAndItsOwnPrefixedKeys() {
        final Settings s = Settings.from(Map.of("bootstrap.servers", "b:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "secret", "ssl.truststore.location", "/t.jks",
                "commit.interval.ms", "50", "producer.acks", "1", "consumer.max.poll.records", "7",
                "admin.request.timeout.ms", "9000"));
        for (Map<String, Object> client : List.of(s.producerProperties(), s.consumerProperties(),
                s.adminProperties())) {
            assertThat(client).containsEntry("bootstrap.servers", "b:9093").containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", "secret")
                    .containsEntry("ssl.truststore.location", "/t.jks").doesNotContainKey("commit.interval.ms");
        }
        assertThat(s.producerProperties()).containsEntry("acks", "1").doesNotContainKey("max.poll.records");
        assertThat(s.consumerProperties()).containsEntry("max.poll.records", "7").doesNotContainKey("acks");
        assertThat(s.adminProperties()).containsEntry("request.timeout.ms", "9000");
    }

    @Test
    void anUnknownKeyInTheFileFailsNamingItAndTheNearestKnownOne() {
        assertThatThrownBy(() -> Settings.from(Map.of("bootstrap.servers", "b:9092", "fraudstream.pending.horizn", "1d")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'fraudstream.pending.horizn'")
                .hasMessageContaining("did you mean 'fraudstream.pending.horizon'");
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofDays(60))).isEqualTo("60d");
    }
}
