package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Score;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.ModelSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code state.key-value-stores=memory} changes where the key-value stores keep their data and nothing else: every
 * one of them is Kafka Streams' in-memory store, no window store is, and the same stream gives the same scores,
 * outcomes (joined and taken as legitimate at the horizon) and models as with RocksDB. That such stores come back
 * after a SIGKILL is {@code CrashRecoveryIT}'s part.
 */
@Tag("topology")
class KeyValueStoresInMemoryTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final List<String> KEY_VALUE_STORES = List.of(FraudTopology.PENDING_STORE,
            FraudTopology.LEARNER_STORE, FraudTopology.HOLDOUT_STORE, FraudTopology.METRICS_WINDOW_STORE,
            FraudTopology.CARD_SINCE_STORE, FraudTopology.MERCHANT_SINCE_STORE);
    private static final List<String> WINDOW_STORES = List.of(FraudTopology.SEEN_STORE, FraudTopology.CARD_STORE,
            FraudTopology.MERCHANT_STORE);

    /** What one run wrote: scores, outcomes, model records, and whether each store was persistent. */
    private record Run(List<Score> scores, List<LabelledOutcome> outcomes, List<KeyValue<String, ModelSnapshot>> models,
                       Map<String, Boolean> persistent) {
    }

    @Test
    void inMemoryKeyValueStoresGiveTheSameScoresOutcomesAndModelsAsRocksDb() {
        final Run rocksDb = run("rocksdb");
        final Run memory = run("memory");

        for (String store : KEY_VALUE_STORES) {
            assertThat(rocksDb.persistent().get(store)).as(store).isTrue();
            assertThat(memory.persistent().get(store)).as(store).isFalse();
        }
        for (String store : WINDOW_STORES) {
            assertThat(memory.persistent().get(store)).as(store).isTrue();
        }
        // not a comparison of nothing: every transaction scored, every one joined or taken as legitimate, rounds ran
        assertThat(rocksDb.scores()).hasSize(2_001);
        assertThat(rocksDb.outcomes()).hasSize(2_000)
                .filteredOn(o -> LabelledOutcome.SOURCE_HORIZON.equals(o.source())).hasSize(100);
        assertThat(rocksDb.models().stream().filter(m -> TopicKeys.CHAMPION.equals(m.key))).hasSizeGreaterThan(2);
        assertThat(memory.scores()).isEqualTo(rocksDb.scores());
        assertThat(memory.outcomes()).isEqualTo(rocksDb.outcomes());
        assertThat(memory.models()).isEqualTo(rocksDb.models());
    }

    /**
     * 2 000 transactions on 40 cards, a second apart, 4% fraud with the amount as the signal; all but every 20th
     * labelled a minute later (the unlabelled ones wait for the 1 h horizon, which a last transaction passes).
     */
    private static Run run(final String stores) {
        final Settings settings = FraudTopologyTest.settings(Map.of(Key.STATE_KEY_VALUE_STORES.key(), stores,
                Key.MODEL_PUBLISH_EVERY.key(), "400", Key.LABELS_MATURITY.key(), "0s"));
        final FraudMeters meters = FraudMeters.detached();
        final Properties props = FraudTopology.streamsConfig(settings, meters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fraudstream-kv-" + stores).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(FraudTopology.build(settings, meters), props, T0)) {
            final StringSerializer keys = new StringSerializer();
            final TestInputTopic<String, byte[]> transactions = driver.createInputTopic("transactions", keys,
                    new ByteArraySerializer());
            final TestInputTopic<String, byte[]> labels = driver.createInputTopic("labels", keys,
                    new ByteArraySerializer());
            final Random random = new Random(5);
            Instant t = T0;
            for (int i = 0; i < 2_000; i++) {
                t = t.plusSeconds(1);
                final boolean fraud = random.nextDouble() < 0.04;
                final Transaction tx = new Transaction("t" + i, t.toEpochMilli(),
                        fraud ? 250 + random.nextDouble() * 700 : 5 + random.nextDouble() * 300, "card-" + i % 40,
                        "m-" + i % 7, "EUR", Map.of(), Map.of());
                transactions.pipeInput(tx.recordKey(), TransactionJson.write(tx), tx.timestamp());
                if (i % 20 != 0) {
                    final Instant labelled = t.plus(Duration.ofMinutes(1));
                    labels.pipeInput(tx.id(), LabelJson.write(new Label(tx.id(), fraud, labelled.toEpochMilli())),
                            labelled.toEpochMilli());
                }
            }
            final Transaction last = new Transaction("last", t.plus(Duration.ofHours(2)).toEpochMilli(), 10,
                    "card-0", "m-0", "EUR", Map.of(), Map.of());
            transactions.pipeInput(last.recordKey(), TransactionJson.write(last), last.timestamp());
            final StringDeserializer keysOut = new StringDeserializer();
            final List<KeyValue<String, ModelSnapshot>> models = new ArrayList<>(driver.createOutputTopic("model",
                    keysOut, EventSerdes.json(ModelSnapshot.class).deserializer()).readKeyValuesToList());
            final Map<String, Boolean> persistent = new HashMap<>();
            driver.getAllStateStores().forEach((name, store) -> persistent.put(name, store.persistent()));
            return new Run(driver.createOutputTopic("scores", keysOut, EventSerdes.score().deserializer())
                    .readValuesToList(),
                    driver.createOutputTopic("outcomes", keysOut,
                            new OutcomeCodec(settings.schema()).serde(false).deserializer()).readValuesToList(),
                    models, persistent);
        }
    }
}
