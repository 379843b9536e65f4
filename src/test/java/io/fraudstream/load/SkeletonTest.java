package io.fraudstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.codec.MerchantCountersCodec;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.ScoreJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The skeleton moves what fraudstream moves: a score per transaction, its merchant's counters published per
 * transaction, and an outcome per transaction and label whichever comes first, taken by the last stage.
 */
@Tag("topology")
class SkeletonTest {
    private static final Skeleton.Topics TOPICS = new Skeleton.Topics("tx", "labels", "scores", "outcomes", "activity");
    private static final long T0 = Instant.parse("2026-01-01T05:10:00Z").toEpochMilli();
    private final AtomicLong outcomes = new AtomicLong();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> transactions;
    private TestInputTopic<String, byte[]> labels;

    @BeforeEach
    void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "skeleton-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("skeleton-ttd").toString());
        driver = new TopologyTestDriver(Skeleton.topology(TOPICS, outcomes), props);
        transactions = driver.createInputTopic("tx", new StringSerializer(), new ByteArraySerializer());
        labels = driver.createInputTopic("labels", new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(final String id, final String card, final String merchant, final long time) {
        final Transaction t = new Transaction(id, time, 10, card, merchant, "EUR", Map.of(), Map.of());
        transactions.pipeInput(t.recordKey(), TransactionJson.write(t), time);
    }

    private void label(final String id, final boolean fraud) {
        labels.pipeInput(id, LabelJson.write(new Label(id, fraud, T0 + 60_000)), T0 + 60_000);
    }

    @Test
    void everyTransactionIsScoredCountedAtItsMerchantAndJoinedWithItsLabelInEitherOrder() {
        label("a", true); // before its transaction
        send("a", "c1", "m1", T0);
        send("b", "c1", "m1", T0 + 1000);
        send("c", "c2", null, T0 + 2000);
        assertThat(outcomes.get()).as("no label yet for b and c").isOne();
        label("b", false);
        label("c", false);
        label("x", false); // no transaction: waits

        final List<KeyValue<String, byte[]>> scores = driver.createOutputTopic("scores", new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList();
        assertThat(scores).extracting(kv -> kv.key).containsExactly("a", "b", "c");
        assertThat(scores).extracting(kv -> ScoreJson.parse(kv.value).transactionId()).containsExactly("a", "b", "c");

        final List<KeyValue<String, byte[]>> counted = driver.createOutputTopic("activity", new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList();
        assertThat(counted).extracting(kv -> kv.key).containsExactly("m1", "m1");
        final int[] last = MerchantCountersCodec.decode(counted.get(1).value);
        assertThat(last[5]).as("two transactions in hour 5").isEqualTo(2);
        assertThat(last[4]).isZero();

        assertThat(outcomes.get()).isEqualTo(3);
        final List<KeyValue<String, byte[]>> joined = driver.createOutputTopic("outcomes", new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList();
        assertThat(joined).extracting(kv -> kv.key).containsExactly("a", "b", "c");
        final String first = new String(joined.get(0).value, StandardCharsets.UTF_8);
        assertThat(first).startsWith("{").contains("\"c1\"", "\"m1\"", "true");
    }
}
