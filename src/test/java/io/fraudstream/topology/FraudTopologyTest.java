package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.TestDirs;
import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.Curves;
import io.fraudstream.event.Alert;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Score;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.learn.Holdout;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("topology")
class FraudTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private TopologyTestDriver driver;
    private FraudMeters meters;
    private TestInputTopic<String, byte[]> transactions;
    private TestInputTopic<String, byte[]> labels;
    private TestInputTopic<String, ModelSnapshot> model;
    private TestOutputTopic<String, Score> scores;
    private TestOutputTopic<String, Score> alerts;
    private TestOutputTopic<byte[], byte[]> dlq;
    private TestOutputTopic<String, LabelledOutcome> outcomes;
    private TestOutputTopic<String, ModelSnapshot> models;
    /** Every candidate of every round, promoted or not, as {@link #champions} read them. */
    private final List<ModelSnapshot> challengers = new ArrayList<>();

    static Settings settings(final Map<String, String> overrides) {
        final Map<String, String> raw = new HashMap<>(Map.of(
                "bootstrap.servers", "unused:9092",
                "application.id", "fraudstream-test",
                Key.MODEL_PUBLISH_EVERY.key(), "200",
                Key.PENDING_HORIZON.key(), "1h",
                // rounds on the stream thread: each model is out before the next record (the background thread
                // has a test of its own, and every broker test runs it)
                Key.LEARNER_BACKGROUND.key(), "false",
                Key.METRICS_BACKGROUND.key(), "false"));
        raw.putAll(overrides);
        return Settings.from(raw);
    }

    private void start(final Settings settings) {
        meters = FraudMeters.detached();
        final Properties props = FraudTopology.streamsConfig(settings, meters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fraudstream-ttd").toString());
        driver = new TopologyTestDriver(FraudTopology.build(settings, meters), props, T0);
        final StringSerializer ks = new StringSerializer();
        transactions = driver.createInputTopic("transactions", ks, new ByteArraySerializer());
        labels = driver.createInputTopic("labels", ks, new ByteArraySerializer());
        model = driver.createInputTopic("model", ks, EventSerdes.json(ModelSnapshot.class).serializer());
        final StringDeserializer kd = new StringDeserializer();
        scores = driver.createOutputTopic("scores", kd, EventSerdes.score().deserializer());
        alerts = driver.createOutputTopic("alerts", kd, EventSerdes.score().deserializer());
        dlq = driver.createOutputTopic("transactions.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic("outcomes", kd, new OutcomeCodec(settings.schema()).serde(false).deserializer());
        models = driver.createOutputTopic("model", kd, EventSerdes.json(ModelSnapshot.class).deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /**
     * Sends transactions {@code prefix + i} for i in [from, to), a second apart after {@code start}, 3% fraud, whose
     * amount is the signal (frauds from {@code fraudFrom} up to 700 more, the others from 5 up to {@code legitSpan}
     * more), each labelled half a second later; returns the last transaction's time.
     */
    private Instant sendLabelled(final String prefix, final int from, final int to, final Instant start,
                                 final Random random, final double fraudFrom, final double legitSpan) {
        Instant t = start;
        for (int i = from; i < to; i++) {
            t = t.plusSeconds(1);
            final boolean fraud = random.nextDouble() < 0.03;
            final double amount = fraud ? fraudFrom + random.nextDouble() * 700 : 5 + random.nextDouble() * legitSpan;
            send(tx(prefix + i, t, amount));
            label(prefix + i, fraud, t.plusMillis(500));
        }
        return t;
    }

    static Transaction tx(final String id, final Instant time, final double amount) {
        return new Transaction(id, time.toEpochMilli(), amount, "card-" + id.hashCode() % 7, "m-1", "EUR", Map.of(),
                Map.of());
    }

    private void send(final Transaction t) {
        transactions.pipeInput(t.id(), TransactionJson.write(t), t.timestamp());
    }

    private void label(final String id, final boolean fraud, final Instant time) {
        labels.pipeInput(id, LabelJson.write(new Label(id, fraud, time.toEpochMilli())), time.toEpochMilli());
    }

    @Test
    void scoresWithThePriorOnlyModelBeforeAnyModelExists() {
        start(settings(Map.of(Key.MODEL_PRIOR.key(), "0.01")));
        send(tx("t1", T0, 42.0));
        final TestRecord<String, Score> out = scores.readRecord();
        assertThat(out.key()).isEqualTo("t1");
        assertThat(out.value().score()).isCloseTo(0.01, within(1e-9));
        assertThat(out.value().decision()).isEqualTo(Decision.APPROVE);
        assertThat(out.value().modelVersion()).isZero();
        assertThat(out.value().threshold()).isEqualTo(0.2);
        assertThat(out.timestamp()).isEqualTo(T0.toEpochMilli()); // event time, not the Kafka record time
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(meters.counter("fraud.transactions.scored")).isEqualTo(1.0);
    }

    @Test
    void invalidTransactionsAreCountedByReasonAndScoringGoesOn() {
        // The dead-letter records themselves are checked by DeadLetterHandlerTest and on a real broker
        // (PipelineIT): Streams 4.3 sends deserialization DLQ records only through a real task's record
        // collector, which TopologyTestDriver does not give the deserializer.
        start(settings(Map.of()));
        transactions.pipeInput("bad-1", "{not json".getBytes(StandardCharsets.UTF_8));
        transactions.pipeInput("bad-2", "{\"id\":\"bad-2\",\"timestamp\":1,\"amount\":-5}".getBytes(StandardCharsets.UTF_8));
        send(tx("good", T0, 10));

        assertThat(scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good");
        assertThat(meters.registry().get("fraud.transactions.invalid").tag("reason", "amount.negative").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.registry().get("fraud.transactions.invalid").tag("reason", "json.malformed").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void aLabelKeyedByAnythingButItsTransactionIdIsDeadLettered() {
        start(settings(Map.of()));
        labels.pipeInput("case-17", LabelJson.write(new Label("t1", true, T0.toEpochMilli())));
        final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHandler.REASON_HEADER)).isEqualTo("key.mismatch");
    }

    @Test
    void labelsJoinWhatWasScoredInEitherOrderCarryingTheScoreAtDecisionTime() {
        start(settings(Map.of()));
        send(tx("a", T0, 10));
        final double scoreOfA = scores.readValue().score();
        model.pipeInput(TopicKeys.CHAMPION, constantModel(7, 0.9)); // a later model must not leak into a's outcome
        label("a", true, T0.plus(Duration.ofMinutes(5)));
        label("b", false, T0.plus(Duration.ofMinutes(6))); // label before its transaction
        send(tx("b", T0.plus(Duration.ofMinutes(7)), 20));

        final List<LabelledOutcome> out = outcomes.readValuesToList();
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("a", "b");
        assertThat(out.get(0).fraud()).isTrue();
        assertThat(out.get(0).score()).isEqualTo(scoreOfA);
        assertThat(out.get(0).modelVersion()).isZero();
        assertThat(out.get(0).labelDelay()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(out.get(1).fraud()).isFalse();
        assertThat(out.get(1).modelVersion()).isEqualTo(7);
        assertThat(out.get(1).features().get("amount.log")).isCloseTo(Math.log1p(20), within(1e-12));
    }

    @Test
    void aTransactionWithoutLabelBeyondTheHorizonIsTakenAsLegitimate() {
        start(settings(Map.of()));
        send(tx("quiet", T0, 10));
        send(tx("later", T0.plus(Duration.ofMinutes(59)), 10));
        assertThat(outcomes.isEmpty()).isTrue();
        send(tx("much-later", T0.plus(Duration.ofMinutes(62)), 10)); // stream time passes T0 + 1h
        final List<LabelledOutcome> out = outcomes.readValuesToList();
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("quiet");
        assertThat(out.get(0).fraud()).isFalse();
        assertThat(out.get(0).source()).isEqualTo(LabelledOutcome.SOURCE_HORIZON);
    }

    @Test
    void aNewModelOnTheModelTopicIsUsedByTheNextTransactionWithoutRestart() {
        start(settings(Map.of()));
        send(tx("before", T0, 10));
        assertThat(scores.readValue().modelVersion()).isZero();
        model.pipeInput(TopicKeys.CHAMPION, constantModel(3, 0.95));
        send(tx("after", T0, 10));
        final Score after = scores.readValue();
        assertThat(after.modelVersion()).isEqualTo(3);
        assertThat(after.score()).isCloseTo(0.95, within(1e-9));
        assertThat(after.decision()).isEqualTo(Decision.BLOCK);
        assertThat(after.threshold()).isEqualTo(0.6);
        final TestRecord<String, byte[]> alert = driver.createOutputTopic("alerts", new StringDeserializer(),
                new ByteArrayDeserializer()).readRecord();
        final Alert a = EventSerdes.alert().deserializer().deserialize("alerts", alert.value());
        assertThat(a.score().transactionId()).isEqualTo("after");
        assertThat(a.score().decision()).isEqualTo(Decision.BLOCK);
        // what an analyst needs without a join
        assertThat(a.amount()).isEqualTo(10);
        assertThat(a.cardId()).isEqualTo(tx("after", T0, 10).cardId());
        assertThat(a.merchantId()).isEqualTo("m-1");
        assertThat(a.eventTime()).isEqualTo(T0.toEpochMilli());
        assertThat(meters.scoring().modelVersion()).isEqualTo(3);
    }

    @Test
    void aModelTrainedUnderAnotherFeatureSchemaIsRefusedCountedAndTheCurrentOneKept() {
        start(settings(Map.of()));
        model.pipeInput(TopicKeys.CHAMPION, constantModel(3, 0.95));
        final ModelSnapshot good = constantModel(4, 0.5);
        // the same model, trained where history features were off: its schema differs
        model.pipeInput(TopicKeys.CHAMPION, new ModelSnapshot(4, 3, good.createdAt(), good.family(), good.features(),
                good.weights(), good.means(), good.scales(), good.bias(), 0.2, 0.6, 0, 0,
                settings(Map.of(Key.FEATURES_HISTORY.key(), "false")).schema().id(), null, null, null));
        send(tx("t", T0, 10));
        assertThat(scores.readValue().modelVersion()).isEqualTo(3);
        assertThat(meters.counter("fraud.model.rejected")).isEqualTo(1);
        assertThat(meters.scoring().modelVersion()).isEqualTo(3);
    }

    @Test
    void aCandidateWorseThanTheChampionOnTheHoldoutIsNotPublished() {
        // the gate on its own: candidates are the online learner as it stands — no batches from the reservoirs,
        // whose truthful examples from before the lies would slow the lies down — with class weights, so that the
        // lying frauds turn the weights within the run
        start(settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "500", Key.FEATURES_HISTORY.key(), "false",
                Key.LEARNER_HOLDOUT_PERCENT.key(), "30", Key.LEARNER_HOLDOUT_SIZE.key(), "600",
                Key.LEARNER_HOLDOUT_MIN_FRAUDS.key(), "10", Key.LEARNER_PROMOTION_MARGIN.key(), "0.01",
                Key.SAMPLING_MODE.key(), "none", Key.LEARNER_CLASS_WEIGHT.key(), "balanced",
                // judged on transactions at least 5 minutes older than the newest label (here: 300 outcomes ago)
                Key.LABELS_MATURITY.key(), "5m")));
        final Random random = new Random(5);
        Instant t = T0;
        for (int i = 0; i < 6000; i++) {
            t = t.plusSeconds(1);
            final String id = "p" + i;
            final boolean fraud = random.nextDouble() < 0.05;
            final double amount = fraud ? 300 + random.nextDouble() * 700 : 5 + random.nextDouble() * 200;
            // from the 3000th on, the outcomes trained on lie (large amounts labelled legitimate and small ones
            // fraud); the held-out ones keep telling the truth, so every candidate gets worse than the champion
            final boolean lie = i >= 3000 && !Holdout.isHeldOut(id, 30);
            send(tx(id, t, lie ? (fraud ? 5 + random.nextDouble() * 200 : 300 + random.nextDouble() * 700) : amount));
            label(id, fraud, t.plusMillis(500));
        }
        final List<ModelSnapshot> published = champions();
        final long beforeLies = published.stream().filter(m -> m.createdAt() < T0.plusSeconds(3000).toEpochMilli())
                .count();
        assertThat(beforeLies).isGreaterThanOrEqualTo(4);
        // the lies take a while to turn the weights; once they have, every candidate is rejected
        assertThat(meters.counter("fraud.model.candidates.rejected")).isGreaterThanOrEqualTo(3);
        assertThat(published.get(published.size() - 1).createdAt()).isLessThan(T0.plusSeconds(4500).toEpochMilli());
        assertThat(published.size()).isEqualTo(12 - (int) meters.counter("fraud.model.candidates.rejected"));
        // every candidate, rejected ones too, went out as the challenger the evaluator measures beside the champion
        assertThat(challengers).hasSize(12);
        assertThat(challengers.stream().map(ModelSnapshot::createdAt).toList())
                .containsAll(published.stream().map(ModelSnapshot::createdAt).toList());
        for (ModelSnapshot m : published) {
            if (m.holdoutPrAuc() != null && m.parentHoldoutPrAuc() != null) {
                assertThat(m.holdoutPrAuc()).isGreaterThanOrEqualTo(m.parentHoldoutPrAuc() - 0.01);
            }
        }
        assertThat(published.get(published.size() - 1).holdoutPrAuc()).isGreaterThan(0.5);
    }

    @Test
    void treesLearntThroughTheTopologyRankLiveTransactionsAsOnTheirHoldout() {
        start(settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "1000", Key.FEATURES_HISTORY.key(), "false",
                Key.LEARNER_FAMILY.key(), "trees", Key.LEARNER_HOLDOUT_MIN_FRAUDS.key(), "10",
                Key.LABELS_MATURITY.key(), "0s"))); // labels here come at once: every example is mature
        final Random random = new Random(11);
        final Instant t = sendLabelled("y", 0, 8000, T0, random, 250, 300);
        final List<ModelSnapshot> published = champions();
        assertThat(published).isNotEmpty().allMatch(m -> m.family() == ModelFamily.TREES);
        final ModelSnapshot last = published.get(published.size() - 1);
        assertThat(last.calibration()).isNotNull();
        scores.readValuesToList();
        final double[] s = new double[2000];
        final boolean[] y = new boolean[2000];
        for (int i = 0; i < s.length; i++) {
            y[i] = random.nextDouble() < 0.03;
            send(tx("z" + i, t.plusSeconds(i + 1), y[i] ? 250 + random.nextDouble() * 700 : 5 + random.nextDouble() * 300));
            final Score score = scores.readValue();
            assertThat(score.modelVersion()).isEqualTo(last.version());
            s[i] = score.score();
        }
        // live scores rank as the model did on its holdout (amounts above 300 are all fraud; below, a sixth)
        assertThat(Curves.averagePrecision(s, y)).isGreaterThan(0.7)
                .isCloseTo(last.holdoutPrAuc(), Assertions.within(0.15));
    }

    @Test
    void roundsOnTheLearnersOwnThreadPublishTheModelsOfRoundsOnTheStreamThread() throws InterruptedException {
        final List<List<ModelSnapshot>> runs = new ArrayList<>();
        final List<Long> stillScoring = new ArrayList<>();
        for (String background : List.of("false", "true")) {
            close();
            start(settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "500", Key.FEATURES_HISTORY.key(), "false",
                    Key.LEARNER_FAMILY.key(), "logistic,trees", Key.LABELS_MATURITY.key(), "0s",
                    Key.LEARNER_BACKGROUND.key(), background)));
            final Random random = new Random(12);
            Instant t = T0;
            // chunks of 750: each chunk's transactions, then its labels, so that every transaction is scored after
            // the rounds before it ended; a round starts at every 500th label, mid-chunk, and the labels after it
            // are learnt while it runs
            for (int chunk = 0; chunk < 4; chunk++) {
                final List<String> ids = new ArrayList<>();
                final List<Boolean> fraud = new ArrayList<>();
                for (int i = 0; i < 750; i++) {
                    t = t.plusSeconds(1);
                    final boolean f = random.nextDouble() < 0.04;
                    ids.add("c" + chunk + "-" + i);
                    fraud.add(f);
                    send(tx(ids.get(i), t, f ? 250 + random.nextDouble() * 700 : 5 + random.nextDouble() * 300));
                }
                for (int i = 0; i < ids.size(); i++) {
                    label(ids.get(i), fraud.get(i), t.plusSeconds(1));
                    if (meters.learner().roundRunning()) {
                        stillScoring.add((long) meters.counter("fraud.learner.outcomes"));
                    }
                }
                final long deadline = System.nanoTime() + 60_000_000_000L;
                while (meters.learner().roundRunning() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    driver.advanceWallClockTime(Duration.ofMillis(100)); // the learner looks for its result
                }
                assertThat(meters.learner().roundRunning()).isFalse();
            }
            runs.add(champions());
        }
        assertThat(runs.get(0)).hasSizeGreaterThanOrEqualTo(4);
        // the same models, version for version, though each background round ended at a point of its own
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        // and while the rounds ran, the stream thread went on learning outcomes
        assertThat(stillScoring).isNotEmpty();
        assertThat(meters.registry().get("fraud.learner.round.duration").timer().count()).isEqualTo(6);
    }

    @Test
    void theLearnerPublishesVersionsThatSeparateFraudFromLegitimate() {
        // the transaction's own amount is the signal here: history features are tested on their own
        start(settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "500", Key.FEATURES_HISTORY.key(), "false",
                Key.LEARNER_HOLDOUT_PERCENT.key(), "0")));
        final Random random = new Random(7);
        final Instant t = sendLabelled("x", 0, 3000, T0, random, 300, 200);
        final List<ModelSnapshot> published = champions();
        assertThat(published).extracting(ModelSnapshot::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(published.get(5).parentVersion()).isEqualTo(5);
        send(tx("small", t.plusSeconds(1), 20));
        send(tx("large", t.plusSeconds(2), 900));
        final List<Score> last = scores.readValuesToList();
        final Score small = last.get(last.size() - 2);
        final Score large = last.get(last.size() - 1);
        assertThat(small.modelVersion()).isEqualTo(6);
        assertThat(small.score()).isLessThan(0.01);
        assertThat(large.score()).isGreaterThan(30 * small.score());
        assertThat(small.decision()).isEqualTo(Decision.APPROVE);
        assertThat(large.decision()).isNotEqualTo(Decision.APPROVE);

        // live metrics per model version: each version's share of the 3 000 outcomes, on the metrics topic and
        // as gauges tagged version
        final var metrics = driver.createOutputTopic("metrics", new StringDeserializer(),
                EventSerdes.json(MetricsSnapshot.class).deserializer());
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        final Map<String, MetricsSnapshot> latest = metrics.readKeyValuesToMap();
        int outcomesByVersion = 0;
        for (long v = 0; v <= 6; v++) {
            final MetricsSnapshot m = latest.get("last10000/known/champion/v" + v);
            if (m != null) {
                assertThat(m.modelVersion()).isEqualTo(v);
                assertThat(meters.evaluation().version(v).count()).isEqualTo(m.outcomes());
                outcomesByVersion += m.outcomes();
            }
        }
        assertThat(outcomesByVersion).isEqualTo(3000);
        // version 3 decided about 500 transactions (those scored between the 1 000th and 1 500th label)
        final MetricsSnapshot v3 = latest.get("last10000/known/champion/v3");
        assertThat(v3.outcomes()).isBetween(400, 600);
        assertThat(v3.prAuc()).isGreaterThan(0.8);
        assertThat(v3.recall()).isGreaterThan(0.5);
        assertThat(meters.evaluation().version(3).prAuc()).isEqualTo(v3.prAuc());
    }

    @Test
    void aRolledBackModelIsScoredWithAtOnceAndTheLearnerContinuesFromIt() {
        start(settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "500", Key.FEATURES_HISTORY.key(), "false",
                Key.LEARNER_HOLDOUT_PERCENT.key(), "0")));
        final Random random = new Random(7);
        final Instant t = sendLabelled("x", 0, 1500, T0, random, 300, 200);
        final List<ModelSnapshot> published = champions();
        assertThat(published).extracting(ModelSnapshot::version).containsExactly(1L, 2L, 3L);
        // what `rollback --to-version 1` writes: v1 re-issued as v4, replacing v3, as archive and champion
        final ModelSnapshot rollback = published.get(0).reissued(4, 3, t.toEpochMilli());
        model.pipeInput(TopicKeys.archive(4), rollback);
        model.pipeInput(TopicKeys.CHAMPION, rollback);
        scores.readValuesToList();
        outcomes.readValuesToList();
        send(tx("after-rollback", t.plusSeconds(1), 500));
        final Score after = scores.readValue();
        assertThat(after.modelVersion()).isEqualTo(4);
        label("after-rollback", false, t.plusSeconds(2));
        final List<LabelledOutcome> joined = outcomes.readValuesToList();
        assertThat(after.score()).isCloseTo(new Model(published.get(0))
                .score(joined.get(joined.size() - 1).features()), within(1e-12)); // v1's parameters
        sendLabelled("x", 1500, 2000, t, random, 300, 200);
        final List<ModelSnapshot> next = champions();
        assertThat(next).extracting(ModelSnapshot::version).containsExactly(5L);
        assertThat(next.get(0).parentVersion()).isEqualTo(4);
        assertThat(meters.counter("fraud.learner.adopted")).isEqualTo(1);
    }

    /** The models published, once each: the champion records (every version also comes as an archive copy). */
    private List<ModelSnapshot> champions() {
        final List<ModelSnapshot> out = new ArrayList<>();
        for (TestRecord<String, ModelSnapshot> r : models.readRecordsToList()) {
            if (TopicKeys.CHAMPION.equals(r.key())) {
                out.add(r.value());
            } else if (TopicKeys.CHALLENGER.equals(r.key())) {
                challengers.add(r.value());
            } else {
                assertThat(r.key()).isEqualTo(TopicKeys.archive(r.value().version()));
            }
        }
        return out;
    }

    static ModelSnapshot constantModel(final long version, final double score) {
        return new ModelSnapshot(version, version - 1, T0.toEpochMilli(), ModelFamily.LOGISTIC, new String[0],
                new double[0], new double[0], new double[0], Math.log(score / (1 - score)), 0.2, 0.6, 0, 0,
                settings(Map.of()).schema().id(), null, null, null);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
