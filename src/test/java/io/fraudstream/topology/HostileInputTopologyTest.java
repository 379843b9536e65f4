package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Score;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.ModelSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hostile record never stops scoring nor moves what the good ones see: event times outside the window, records
 * over the size limits, tombstones and broken models on the model topic. (On a real broker, with the dead-letter
 * records of deserialization failures too: HostileInputIT.)
 */
@Tag("topology")
class HostileInputTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private TopologyTestDriver driver;
    private FraudMeters meters;
    private TestInputTopic<String, byte[]> transactions;
    private TestInputTopic<String, byte[]> labels;
    private TestInputTopic<String, byte[]> model;
    private TestOutputTopic<String, Score> scores;
    private TestOutputTopic<byte[], byte[]> dlq;

    private TestOutputTopic<String, LabelledOutcome> outcomes;

    @BeforeEach
    void start() throws Exception {
        start(FraudTopologyTest.settings(Map.of(Key.INPUT_MAX_FEATURES.key(), "4")));
    }

    private void start(final Settings settings) throws Exception {
        if (driver != null) {
            driver.close();
        }
        meters = FraudMeters.detached();
        final Properties props = FraudTopology.streamsConfig(settings, meters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fraudstream-ttd").toString());
        driver = new TopologyTestDriver(FraudTopology.build(settings, meters), props, T0);
        final StringSerializer ks = new StringSerializer();
        transactions = driver.createInputTopic("transactions", ks, new ByteArraySerializer());
        labels = driver.createInputTopic("labels", ks, new ByteArraySerializer());
        model = driver.createInputTopic("model", ks, new ByteArraySerializer());
        scores = driver.createOutputTopic("scores", new StringDeserializer(), EventSerdes.score().deserializer());
        dlq = driver.createOutputTopic("transactions.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic("outcomes", new StringDeserializer(),
                new OutcomeCodec(settings.schema()).serde(false).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void send(final Transaction t) {
        transactions.pipeInput(t.id(), TransactionJson.write(t), T0.toEpochMilli());
    }

    private double invalid(final String reason) {
        return meters.registry().find("fraud.transactions.invalid").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aFutureDatedTransactionIsDeadLetteredAndMovesNoEventTime() {
        final Instant future = Instant.now().plus(Duration.ofHours(2));
        send(FraudTopologyTest.tx("ahead", future, 10));
        // were stream time at the future record's time, this one would be too old (and the card's window lost)
        send(FraudTopologyTest.tx("good", T0, 10));

        final List<TestRecord<String, Score>> out = scores.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("good");
        assertThat(out.get(0).timestamp()).isEqualTo(T0.toEpochMilli());
        final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0))).isEqualTo("timestamp.future");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"ahead\"");
    }

    @Test
    void aTransactionOlderThanTheMaximumAgeIsDeadLetteredAndLaterOnesAreScored() {
        send(FraudTopologyTest.tx("now", T0, 10));
        send(FraudTopologyTest.tx("stale", T0.minus(Duration.ofDays(2)), 10));
        send(FraudTopologyTest.tx("late-but-fine", T0.minus(Duration.ofHours(3)), 10));

        assertThat(scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("now", "late-but-fine");
        final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).extracting(HostileInputTopologyTest::header).containsExactly("timestamp.too-old");
    }

    @Test
    void aFutureDatedLabelIsDeadLettered() {
        send(FraudTopologyTest.tx("t1", T0, 10));
        final long ahead = Instant.now().plus(Duration.ofDays(365)).toEpochMilli();
        labels.pipeInput("t1", LabelJson.write(new Label("t1", true, ahead)), T0.toEpochMilli());
        assertThat(dlq.readRecordsToList()).extracting(HostileInputTopologyTest::header)
                .containsExactly("timestamp.future");
    }

    @Test
    void anOutcomeDatedAheadOfTheWallClockOrMalformedIsDeadLetteredAndOthersAreLearntFrom() {
        final TestInputTopic<String, LabelledOutcome> written = driver.createInputTopic("outcomes",
                new StringSerializer(), new OutcomeCodec(FraudTopologyTest.settings(Map.of()).schema()).serde(true)
                        .serializer()); // another producer's JSON
        final long ahead = Instant.now().plus(Duration.ofDays(365)).toEpochMilli();
        final FeatureVector x = new FeatureVector(new String[] {"amount.log"}, new double[] {2});
        written.pipeInput("o1", new LabelledOutcome("o1", T0.toEpochMilli(), ahead, true,
                LabelledOutcome.SOURCE_LABEL, 10, "c", "m", 0.5, Decision.APPROVE, 0, x), T0.toEpochMilli());
        written.pipeInput("o2", new LabelledOutcome("o2", T0.toEpochMilli(), T0.toEpochMilli() + 1000, true,
                LabelledOutcome.SOURCE_LABEL, 10, "c", "m", 0.5, Decision.APPROVE, 0, x), T0.toEpochMilli());
        // binary, as fraudstream writes them, but cut short
        driver.createInputTopic("outcomes", new StringSerializer(), new ByteArraySerializer())
                .pipeInput("o3", new byte[] {3, 0, 0, 0}, T0.toEpochMilli());
        final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).extracting(HostileInputTopologyTest::header).containsExactly("timestamp.future");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"o1\"");
        // the test driver does not route its deserialization handler's dead letters (HostileInputIT sees them)
        assertThat(meters.registry().find("fraud.processing.errors").tag("reason", "outcome.malformed").counter()
                .count()).isEqualTo(1);
        assertThat(meters.registry().find("fraud.learner.outcomes").counters().stream()
                .mapToDouble(c -> c.count()).sum()).as("the good outcome was learnt from").isEqualTo(1);
    }

    @Test
    void recordsOverTheSizeLimitsAndTombstonesAreRefusedWithTheirReasonAndScoringGoesOn() {
        transactions.pipeInput("many", ("{\"id\":\"many\",\"timestamp\":1,\"amount\":1,\"features\":"
                + "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}}").getBytes(StandardCharsets.UTF_8));
        transactions.pipeInput("long", ("{\"id\":\"" + "x".repeat(200_000) + "\",\"timestamp\":1,\"amount\":1}")
                .getBytes(StandardCharsets.UTF_8));
        transactions.pipeInput("deep", ("{\"id\":\"deep\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        transactions.pipeInput("tombstone", (byte[]) null);
        send(FraudTopologyTest.tx("good", T0, 10));

        assertThat(scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good");
        assertThat(invalid("features.too-many")).isEqualTo(1);
        assertThat(invalid("value.too-large")).isEqualTo(1); // 200 000 characters are over 65 536 bytes
        assertThat(invalid("json.too-deep")).isEqualTo(1);
        assertThat(invalid("value.empty")).isEqualTo(1);
        assertThat(meters.registry().find("fraud.processing.errors").counters()).isEmpty();
    }

    @Test
    void brokenModelRecordsAreRefusedCountedAndTheCurrentModelKept() {
        final ModelSnapshot good = FraudTopologyTest.constantModel(3, 0.95);
        model.pipeInput(TopicKeys.CHAMPION, EventSerdes.json(ModelSnapshot.class).serializer().serialize(null, good));
        final String json = new String(EventSerdes.json(ModelSnapshot.class).serializer().serialize(null,
                FraudTopologyTest.constantModel(4, 0.5)), StandardCharsets.UTF_8);
        model.pipeInput(TopicKeys.CHAMPION, "{not a model".getBytes(StandardCharsets.UTF_8));
        model.pipeInput(TopicKeys.CHAMPION, (byte[]) null);
        model.pipeInput(TopicKeys.CHAMPION, json.replaceFirst("\"bias\":[^,]+", "\"bias\":\"NaN\"")
                .getBytes(StandardCharsets.UTF_8));
        model.pipeInput(TopicKeys.CHAMPION, json.replace("\"logistic\"", "\"forest\"").getBytes(StandardCharsets.UTF_8));
        model.pipeInput(TopicKeys.CHAMPION, json.replace("\"reviewThreshold\":0.2", "\"reviewThreshold\":-3")
                .getBytes(StandardCharsets.UTF_8));
        model.pipeInput(TopicKeys.CHALLENGER, "[]".getBytes(StandardCharsets.UTF_8));
        send(FraudTopologyTest.tx("t", T0, 10));

        final Score score = scores.readValue();
        assertThat(score.modelVersion()).isEqualTo(3);
        assertThat(score.score()).isEqualTo(0.95, Assertions.within(1e-9));
        assertThat(meters.scoring().modelVersion()).isEqualTo(3);
        for (String reason : List.of("json.malformed", "value.empty", "parameters.non-finite", "family.unknown",
                "thresholds.out-of-range")) {
            assertThat(meters.registry().find("fraud.model.rejected").tag("reason", reason).counter())
                    .as(reason).isNotNull();
        }
        assertThat(meters.counter("fraud.model.rejected")).isEqualTo(6);
    }

    @Test
    void brokenMerchantActivityRecordsAreRefusedCountedAndScoringGoesOn() {
        final TestInputTopic<String, byte[]> activity = driver.createInputTopic("merchant-activity",
                new StringSerializer(), new ByteArraySerializer());
        activity.pipeInput("x", "not counters".getBytes(StandardCharsets.UTF_8));
        activity.pipeInput("y", (byte[]) null);
        activity.pipeInput("z", new byte[300]); // day 0 is a day start: well-formed, zero counters, merchant of NULs
        final byte[] negative = new byte[300];
        negative[20] = (byte) 0x80; // the first counter negative
        activity.pipeInput("w", negative);
        send(FraudTopologyTest.tx("t", T0, 10));

        assertThat(scores.readValuesToList()).hasSize(1);
        assertThat(meters.registry().find("fraud.merchant.activity.rejected").tag("reason", "merchant.malformed")
                .counter().count()).isEqualTo(2);
        assertThat(meters.registry().find("fraud.merchant.activity.rejected").tag("reason", "merchant.tombstone")
                .counter().count()).isEqualTo(1);
        assertThat(meters.counter("fraud.merchant.activity.applied")).isEqualTo(2); // z, and t's own count
    }

    @Test
    void brokenRecordsOnTheInternalTopicsAreRefusedCountedAndScoringGoesOn() {
        final TestInputTopic<String, byte[]> merchantEvents = driver.createInputTopic(
                "fraudstream-test-merchant-events-repartition", new StringSerializer(), new ByteArraySerializer());
        final TestInputTopic<String, byte[]> pending = driver.createInputTopic(
                "fraudstream-test-pending-by-id-repartition", new StringSerializer(), new ByteArraySerializer());
        merchantEvents.pipeInput("m-1", new byte[] {1, 2, 3}, T0.toEpochMilli());
        pending.pipeInput("x", new byte[] {1, 0, 0}, T0.toEpochMilli());
        send(FraudTopologyTest.tx("t", T0, 10));

        assertThat(scores.readValuesToList()).hasSize(1);
        for (String reason : List.of("merchant.event.malformed", "pending.malformed")) {
            assertThat(meters.registry().find("fraud.processing.errors").tag("reason", reason).counter().count())
                    .as(reason).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aTransactionSentTwiceIsScoredOnceAndTheCopyDeadLettered(final boolean history) throws Exception {
        start(FraudTopologyTest.settings(Map.of(Key.FEATURES_HISTORY.key(), Boolean.toString(history))));
        send(FraudTopologyTest.tx("d", T0, 10));
        send(FraudTopologyTest.tx("other", T0.plusSeconds(1), 10));
        send(FraudTopologyTest.tx("d", T0.plusSeconds(5), 10)); // the producer's retry, re-stamped
        assertThat(scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("d", "other");
        assertThat(dlq.readRecordsToList()).extracting(HostileInputTopologyTest::header).containsExactly("duplicate");
    }

    @Test
    void beforeTheJoinTheLatestLabelWinsAfterItTheFirstOutcomeStands() {
        final long t = T0.toEpochMilli();
        labels.pipeInput("early", LabelJson.write(new Label("early", false, t)), t);
        labels.pipeInput("early", LabelJson.write(new Label("early", true, t + 1)), t + 1); // a correction
        send(FraudTopologyTest.tx("early", T0, 10));
        send(FraudTopologyTest.tx("late", T0, 10));
        labels.pipeInput("late", LabelJson.write(new Label("late", true, t + 2)), t + 2);
        labels.pipeInput("late", LabelJson.write(new Label("late", false, t + 3)), t + 3); // contradicts, too late
        // the horizon (1h) passes: the late contradiction, having joined nothing, is counted unmatched
        send(FraudTopologyTest.tx("later", T0.plus(Duration.ofHours(2)), 10));
        labels.pipeInput("later", LabelJson.write(new Label("later", false, t + 7_300_000)), t + 7_300_000);

        final Map<String, Boolean> fraud = new HashMap<>();
        outcomes.readValuesToList().forEach(o -> assertThat(fraud.put(o.transactionId(), o.fraud()))
                .as("one outcome per transaction").isNull());
        assertThat(fraud).containsEntry("early", true).containsEntry("late", true);
        assertThat(meters.counter("fraud.labels.unmatched")).isEqualTo(1);
    }

    @Test
    void afterCompactionLeftOnlyARefusedChampionTheNewestArchivedVersionIsScoredWithNotThePrior() {
        // what a restart reads once compaction has kept every archive copy and only the latest champion record: a
        // tombstone written after the last good model
        final Serializer<ModelSnapshot> json =
                EventSerdes.json(ModelSnapshot.class).serializer();
        model.pipeInput(TopicKeys.archive(3), json.serialize(null, FraudTopologyTest.constantModel(3, 0.3)));
        model.pipeInput(TopicKeys.archive(4), json.serialize(null, FraudTopologyTest.constantModel(4, 0.95)));
        model.pipeInput(TopicKeys.CHAMPION, (byte[]) null);
        send(FraudTopologyTest.tx("t", T0, 10));
        final Score score = scores.readValue();
        assertThat(score.modelVersion()).isEqualTo(4);
        assertThat(score.score()).isEqualTo(0.95, Assertions.within(1e-9));
        // a valid champion record, once seen, is the model: later archive copies do not replace it
        model.pipeInput(TopicKeys.CHAMPION, json.serialize(null, FraudTopologyTest.constantModel(5, 0.5)));
        model.pipeInput(TopicKeys.archive(9), json.serialize(null, FraudTopologyTest.constantModel(9, 0.1)));
        send(FraudTopologyTest.tx("u", T0, 10));
        assertThat(scores.readValue().modelVersion()).isEqualTo(5);
    }

    private static String header(final TestRecord<byte[], byte[]> record) {
        final Header h = record.headers().lastHeader(DeadLetterHandler.REASON_HEADER);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
