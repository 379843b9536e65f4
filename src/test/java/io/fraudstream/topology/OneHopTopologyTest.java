package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.metrics.FraudMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scoring path's hops: a transaction keyed by its card is scored in the sub-topology that reads the transactions
 * topic (one exactly-once hop to its score), one keyed otherwise is re-keyed by card and still meets its card's
 * history; merchant features come from the global store, so no repartition by merchant lies before the score.
 */
@Tag("topology")
class OneHopTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private static Settings settings(final boolean keyedByCard) {
        return FraudTopologyTest.settings(Map.of(Key.INPUT_KEYED_BY_CARD.key(), Boolean.toString(keyedByCard)));
    }

    /** The source topics of the sub-topology that holds the node named {@code node}. */
    private static Set<String> sourcesOf(final Topology topology, final String node) {
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            if (sub.nodes().stream().anyMatch(n -> n.name().equals(node))) {
                return sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                        .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                        .collect(Collectors.toSet());
            }
        }
        throw new AssertionError("no node " + node);
    }

    @Test
    void keyedByCardTheScoreIsOneHopFromTheTransactionsTopic() {
        final Set<String> sources = sourcesOf(FraudTopology.build(settings(true)), "score");
        assertThat(sources).contains("transactions")
                .noneMatch(t -> t.contains("merchant")); // merchant features are read, not repartitioned
        assertThat(sourcesOf(FraudTopology.build(settings(false)), "score"))
                .doesNotContain("transactions").anyMatch(t -> t.endsWith("transactions-by-card-repartition"));
    }

    @Test
    void aTransactionKeyedOtherwiseIsReKeyedAndSharesItsCardsHistory() throws Exception {
        final FraudMeters meters = FraudMeters.detached();
        final Settings settings = settings(true);
        final Properties props = FraudTopology.streamsConfig(settings, meters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fraudstream-ttd").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(FraudTopology.build(settings, meters), props, T0)) {
            final TestInputTopic<String, byte[]> transactions = driver.createInputTopic("transactions",
                    new StringSerializer(), new ByteArraySerializer());
            final TestInputTopic<String, byte[]> labels = driver.createInputTopic("labels", new StringSerializer(),
                    new ByteArraySerializer());
            // history known from long before: every window of the test is complete
            final Transaction warmUp = new Transaction("w", T0.minus(Duration.ofDays(60)).toEpochMilli(), 1, "w", "w",
                    "EUR", Map.of(), Map.of());
            transactions.pipeInput("w", TransactionJson.write(warmUp), warmUp.timestamp());
            final String[] keys = {"c1", "b", "c1"}; // b is keyed by its own id: the wrong key
            for (int i = 0; i < keys.length; i++) {
                final Transaction t = new Transaction(String.valueOf((char) ('a' + i)),
                        T0.plus(Duration.ofMinutes(10L * i)).toEpochMilli(), 10, "c1", "m1", "EUR", Map.of(), Map.of());
                transactions.pipeInput(keys[i], TransactionJson.write(t), t.timestamp());
            }
            for (String id : new String[] {"a", "b", "c"}) {
                labels.pipeInput(id, LabelJson.write(new Label(id, false, T0.plus(Duration.ofHours(1)).toEpochMilli())));
            }
            final Map<String, FeatureVector> features = new HashMap<>();
            driver.createOutputTopic("outcomes", new StringDeserializer(),
                    new OutcomeCodec(settings.schema()).serde(false).deserializer())
                    .readValuesToList().forEach((LabelledOutcome o) -> features.put(o.transactionId(), o.features()));
            assertThat(features.get("a").get("card.count.1h")).isZero();
            assertThat(features.get("b").get("card.count.1h")).isEqualTo(1); // re-keyed, it met a
            assertThat(features.get("c").get("card.count.1h")).isEqualTo(2); // and c met both
            assertThat(meters.counter("fraud.transactions.rekeyed")).isEqualTo(1);
            assertThat(meters.counter("fraud.merchant.events.sent")).isEqualTo(4);
            assertThat(meters.counter("fraud.merchant.activity.applied")).isEqualTo(4);
        }
    }
}
