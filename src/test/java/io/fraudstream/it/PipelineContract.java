package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.app.Main;
import io.fraudstream.config.ConfigException;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Score;
import io.fraudstream.event.ScoreJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.runtime.FraudstreamApp;
import io.fraudstream.topology.DeadLetterHandler;
import io.fraudstream.topology.TopicKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on a real broker, with plain clients on the outside: transactions and labels in, scores and
 * dead letters out, models learnt and hot-swapped, PR-AUC published. Subclasses choose the broker.
 */
@Tag("integration")
abstract class PipelineContract {
    private static final int FIRST_BATCH = 4000;
    private static final int SECOND_BATCH = 1000;

    /** Bootstrap address of the broker under test. */
    abstract String bootstrapServers();

    @Test
    void scoresLearnsHotSwapsMeasuresAndDeadLettersOnARealBroker() throws Exception {
        final Settings settings = settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "500"));
        final Random random = new Random(11);
        // recent event times: a broker's time-based retention (7 days by default) deletes older records as they land
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

        try (FraudstreamApp app = FraudstreamApp.start(settings);
             KafkaProducer<String, byte[]> producer = Clients.producer(bootstrapServers());
             KafkaConsumer<String, byte[]> scores = Clients.readCommitted(bootstrapServers());
             KafkaConsumer<String, byte[]> dlq = Clients.readCommitted(bootstrapServers())) {
            final String txTopic = settings.topic(Key.TOPIC_TRANSACTIONS);
            final String labelTopic = settings.topic(Key.TOPIC_LABELS);
            int frauds = 0;
            final List<Label> firstLabels = new ArrayList<>();
            for (int i = 0; i < FIRST_BATCH; i++) {
                final boolean fraud = random.nextDouble() < 0.02;
                frauds += fraud ? 1 : 0;
                final Transaction t = transaction("a" + i, t0.plusSeconds(i), fraud, random);
                producer.send(new ProducerRecord<>(txTopic, t.id(), TransactionJson.write(t)));
                if (i == 100) { // bad input in the middle of the stream
                    producer.send(new ProducerRecord<>(txTopic, "broken", "{\"id\": \"broken\", ".getBytes(StandardCharsets.UTF_8)));
                    producer.send(new ProducerRecord<>(txTopic, "negative", ("{\"id\":\"negative\",\"timestamp\":\""
                            + t0 + "\",\"amount\":-12.5}").getBytes(StandardCharsets.UTF_8)));
                }
                firstLabels.add(new Label(t.id(), fraud, t.timestamp() + 60_000));
            }
            producer.flush();
            assertThat(frauds).isGreaterThan(40);

            final List<ConsumerRecord<String, byte[]>> first = Clients.readUntil(scores,
                    settings.topic(Key.TOPIC_SCORES), r -> r.size() >= FIRST_BATCH, Duration.ofSeconds(120));
            assertThat(first).hasSize(FIRST_BATCH);
            assertThat(ids(first)).hasSize(FIRST_BATCH).doesNotContain("broken", "negative");
            // the labels come once every transaction of the batch is scored, so the prior scored them all
            for (Label label : firstLabels) {
                producer.send(new ProducerRecord<>(labelTopic, label.transactionId(), LabelJson.write(label)));
            }
            producer.flush();

            // labels flow into the learner: versions are published and reach the scorer
            final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (app.meters().scoring().modelVersion() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(app.meters().scoring().modelVersion()).isGreaterThanOrEqualTo(2);
            // so far every outcome was scored by the prior-only model: all scores tie, AP = the fraud rate
            final WindowMetrics before = awaitWindow(app, "last1000", FIRST_BATCH);
            assertThat(before.prAuc()).isCloseTo((double) before.positives() / before.count(),
                    Assertions.within(1e-9));
            final List<Label> secondLabels = new ArrayList<>();
            for (int i = 0; i < SECOND_BATCH; i++) {
                final boolean fraud = random.nextDouble() < 0.03;
                final Transaction t = transaction("b" + i, t0.plusSeconds(FIRST_BATCH + i), fraud, random);
                producer.send(new ProducerRecord<>(txTopic, t.id(), TransactionJson.write(t)));
                secondLabels.add(new Label(t.id(), fraud, t.timestamp() + 60_000));
            }
            producer.flush();
            final List<ConsumerRecord<String, byte[]>> second = Clients.readUntil(scores,
                    settings.topic(Key.TOPIC_SCORES), r -> r.size() >= SECOND_BATCH, Duration.ofSeconds(60));
            assertThat(second).hasSize(SECOND_BATCH);
            final List<Score> later = second.stream().map(r -> ScoreJson.parse(r.value())).toList();
            assertThat(later).allSatisfy(s -> assertThat(s.modelVersion()).isGreaterThanOrEqualTo(2));
            assertThat(later.stream().mapToDouble(Score::score).distinct().count()).isGreaterThan(100);

            // the invalid records are in the dead-letter topic, original bytes and reason kept
            final List<ConsumerRecord<String, byte[]>> dead = Clients.readUntil(dlq, settings.topic(Key.TOPIC_DLQ),
                    r -> r.size() >= 2, Duration.ofSeconds(30));
            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("broken", "negative");
            final Map<String, String> reasons = new HashMap<>();
            dead.forEach(r -> reasons.put(r.key(), new String(r.headers().lastHeader(DeadLetterHandler.REASON_HEADER)
                    .value(), StandardCharsets.UTF_8)));
            assertThat(reasons).containsEntry("broken", "json.malformed").containsEntry("negative", "amount.negative");
            assertThat(new String(dead.stream().filter(r -> r.key().equals("negative")).findFirst().orElseThrow()
                    .headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
                    .contains("amount: must be >= 0, was -12.5");

            // label the second batch: the window now holds outcomes scored by learnt models, and PR-AUC moves
            secondLabels.forEach(l -> producer.send(new ProducerRecord<>(labelTopic, l.transactionId(), LabelJson.write(l))));
            producer.flush();
            final WindowMetrics after = awaitWindow(app, "last1000", FIRST_BATCH + SECOND_BATCH);
            assertThat(after.count()).isEqualTo(1000);
            assertThat(after.positives()).isGreaterThan(10);
            assertThat(after.prAuc()).isBetween(5.0 * after.positives() / after.count(), 1.0);

            // and the same numbers over HTTP in Prometheus format
            final String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.metricsUrl()))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("fraud_transactions_scored_total " + (double) (FIRST_BATCH + SECOND_BATCH))
                    .contains("fraud_transactions_invalid_total{reason=\"amount.negative\"} 1.0")
                    .contains("fraud_window_pr_auc{labels=\"known\",model=\"champion\",window=\"last1000\"} " + after.prAuc())
                    .contains("kafka_stream_"); // the Kafka Streams client metrics are bound too
            // the task and node meters appear after the assignment; the dashboard's end-to-end latency needs this one
            assertThat(awaitScrape(app, "kafka_stream_processor_node_record_e2e_latency_max\\{[^}]*"
                    + "processor_node_id=\"scores-sink\"[^}]*\\} [0-9]")).isTrue();
            // RocksDB's own meters, of key-value and window stores alike (Kafka tags them rocksdb.state.id and
            // rocksdb.window.state.id; Prometheus keeps one set of tag keys per name, so one kind was dropped before)
            for (String store : List.of("pending-store", "card-history-store")) {
                assertThat(awaitScrape(app, "kafka_stream_state_estimate_num_keys\\{[^}]*rocksdb_state_id=\""
                        + store + "\"[^}]*\\} [0-9]")).as(store).isTrue();
            }

            // rolling back is one command: v1 comes back as the next version, and every scorer uses it at once
            final long current = app.meters().scoring().modelVersion();
            assertThat(Main.execute("rollback", "--bootstrap-servers", bootstrapServers(),
                    "--to-version", "1", "--set", Key.TOPIC_MODEL.key() + "=" + settings.topic(Key.TOPIC_MODEL)))
                    .isZero();
            final long rollbackDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (app.meters().scoring().modelVersion() == current && System.nanoTime() < rollbackDeadline) {
                Thread.sleep(100);
            }
            assertThat(app.meters().scoring().modelVersion()).isEqualTo(current + 1);
            final Transaction probe = transaction("after-rollback", t0.plusSeconds(FIRST_BATCH + SECOND_BATCH), false,
                    random);
            producer.send(new ProducerRecord<>(txTopic, probe.id(), TransactionJson.write(probe)));
            producer.flush();
            final List<ConsumerRecord<String, byte[]>> third = Clients.readUntil(scores,
                    settings.topic(Key.TOPIC_SCORES), r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(ScoreJson.parse(third.get(0).value()).modelVersion()).isEqualTo(current + 1);
        }
    }

    @Test
    void aTreeModelOfSeveralMegabytesIsPublishedThroughTheBrokerAndScoredWith() throws Exception {
        // 100 trees of depth 9, free to split down to single examples, on 60 noisy features: a snapshot over the
        // 1 MB a Kafka message may have by default (the model topic, the learner's changelog and its producer are
        // configured for ModelSnapshot.MAX_BYTES)
        final Map<String, String> big = new HashMap<>(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "5000",
                Key.LEARNER_FAMILY.key(), "trees", Key.TREES_COUNT.key(), "100", Key.TREES_DEPTH.key(), "9",
                Key.TREES_MIN_CHILD_WEIGHT.key(), "0", Key.TREES_L2.key(), "0.01", Key.LEARNER_HOLDOUT_PERCENT.key(), "0",
                Key.LABELS_MATURITY.key(), "0s", Key.FEATURES_HISTORY.key(), "false"));
        // every outcome in the reservoirs and the batch, so that the trees have thousands of distinct examples
        big.putAll(Map.of(Key.RESERVOIR_LEGIT_ADMISSION.key(), "1", Key.RESERVOIR_FRAUD_SIZE.key(), "5000",
                Key.SAMPLING_MODE.key(), "natural", Key.SAMPLING_BATCH_SIZE.key(), "5000",
                Key.TREES_FEEDBACK_WEIGHT.key(), "0")); // one model of 100 trees, no feedback model beside it
        final Settings settings = settings(big);
        final Random random = new Random(5);
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        try (FraudstreamApp app = FraudstreamApp.start(settings);
             KafkaProducer<String, byte[]> producer = Clients.producer(bootstrapServers());
             KafkaConsumer<String, byte[]> models = Clients.readCommitted(bootstrapServers())) {
            for (int i = 0; i < 5000; i++) {
                final Map<String, Double> features = new HashMap<>();
                for (int f = 0; f < 60; f++) {
                    features.put("noise" + f, random.nextGaussian());
                }
                final boolean fraud = random.nextDouble() < 0.3;
                final Transaction t = new Transaction("big" + i, t0.plusSeconds(i).toEpochMilli(), 10 + i % 50,
                        "card" + i, "m1", "EUR", features, Map.of());
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_TRANSACTIONS), t.recordKey(),
                        TransactionJson.write(t)));
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_LABELS), t.id(),
                        LabelJson.write(new Label(t.id(), fraud, t.timestamp() + 1000))));
            }
            producer.flush();
            final List<ConsumerRecord<String, byte[]>> published = Clients.readUntil(models,
                    settings.topic(Key.TOPIC_MODEL), r -> r.stream().anyMatch(m -> TopicKeys.CHAMPION.equals(m.key())),
                    Duration.ofSeconds(300)); // a liveness bound, not a timing: a slow CI machine once took over 120 s
            final ConsumerRecord<String, byte[]> champion = published.stream()
                    .filter(m -> TopicKeys.CHAMPION.equals(m.key())).findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no model within 300 s; learner outcomes " + app.meters().counter("fraud.learner.outcomes")
                                    + ", rounds " + app.meters().counter("fraud.learner.rounds")
                                    + ", round running " + app.meters().learner().roundRunning()));
            assertThat(champion.value().length).as("snapshot bytes").isGreaterThan(1 << 20);
            final ModelSnapshot snapshot = EventSerdes
                    .json(ModelSnapshot.class).deserializer().deserialize(null, champion.value());
            assertThat(snapshot.family()).isEqualTo(ModelFamily.TREES);
            assertThat(snapshot.trees().trees()).isEqualTo(100);
            // every scorer installed it
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (app.meters().scoring().modelVersion() < snapshot.version() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(app.meters().scoring().modelVersion()).isEqualTo(snapshot.version());
        }
    }

    @Test
    void aModelTopicMadeElsewhereThatCannotTakeTheLargestModelFailsTheStartNamingIt() throws Exception {
        // 4 bags of 60 trees and a feedback model of 60, of depth 7: up to 4.9 MB
        final Settings settings = settings(Map.of(Key.TREES_DEPTH.key(), "7"));
        final String topic = settings.topic(Key.TOPIC_MODEL);
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1)
                    .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "1048576")))).all().get();
        }
        Assertions.assertThatThrownBy(() -> TopicAdmin.ensureTopics(settings))
                .isInstanceOf(ConfigException.class).hasMessageContaining(topic)
                .hasMessageContaining("max.message.bytes").hasMessageContaining(Key.TREES_DEPTH.key() + "=7");
    }

    @Test
    void inputTopicsMadeElsewhereSetThePartitionsUnlessTheSettingsGiveThem() throws Exception {
        final Settings notGiven = ItSettings.partitionsNotGiven(bootstrapServers());
        final String txTopic = notGiven.topic(Key.TOPIC_TRANSACTIONS);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(txTopic, 1, (short) -1),
                    new NewTopic(notGiven.topic(Key.TOPIC_LABELS), 1, (short) -1))).all().get();
        }
        // given, a count the cluster's topics do not have is refused at start, naming the key
        final Settings given = notGiven.with(Map.of(Key.TOPICS_PARTITIONS.key(), "3"));
        Assertions.assertThatThrownBy(() -> TopicAdmin.ensureTopics(given))
                .isInstanceOf(ConfigException.class).hasMessageContaining(notGiven.topic(Key.TOPIC_LABELS))
                .hasMessageContaining("has 1 partitions").hasMessageContaining(Key.TOPICS_PARTITIONS.key());
        // not given, the topics' own count is taken, and transactions keyed by card are scored through them
        assertThat(TopicAdmin.ensureTopics(notGiven).partitions()).isEqualTo(1);
        final Random random = new Random(5);
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        try (FraudstreamApp app = FraudstreamApp.start(notGiven);
             KafkaProducer<String, byte[]> producer = Clients.producer(bootstrapServers());
             KafkaConsumer<String, byte[]> scores = Clients.readCommitted(bootstrapServers())) {
            for (int i = 0; i < 50; i++) {
                final Transaction t = transaction("p" + i, t0.plusSeconds(i), false, random);
                producer.send(new ProducerRecord<>(txTopic, t.recordKey(), TransactionJson.write(t)));
            }
            producer.flush();
            assertThat(ids(Clients.readUntil(scores, notGiven.topic(Key.TOPIC_SCORES), r -> r.size() >= 50,
                    Duration.ofSeconds(90)))).hasSize(50);
            assertThat(app.meters().counter("fraud.transactions.rekeyed")).isZero();
        }
    }

    @Test
    void aReplicationFactorTheClusterCannotGiveFailsTheStartNamingTheKey() {
        final Settings settings = settings(Map.of(Key.TOPICS_REPLICATION_FACTOR.key(), "100"));
        Assertions.assertThatThrownBy(() -> TopicAdmin.ensureTopics(settings))
                .isInstanceOf(ConfigException.class).hasMessageContaining(settings.topic(Key.TOPIC_TRANSACTIONS))
                .hasMessageContaining(Key.TOPICS_REPLICATION_FACTOR.key() + "=100");
    }

    /** Settings of a run on the broker under test: topics of its own (safe on a shared cluster), fast commits. */
    private Settings settings(final Map<String, String> overrides) {
        return ItSettings.of(bootstrapServers(), overrides);
    }

    /** The window's metrics once {@code outcomes} labels have been joined and a publication has followed. */
    private static WindowMetrics awaitWindow(final FraudstreamApp app, final String window, final int outcomes)
            throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (app.meters().counter("fraud.labels") < outcomes && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.meters().counter("fraud.labels")).isEqualTo(outcomes);
        Thread.sleep(1500); // the learner/evaluator task commits and the 300 ms publication runs
        return app.meters().evaluation().window(window, "known", "champion");
    }

    /** Whether the app's Prometheus scrape shows a line matching {@code pattern} within 30 s. */
    private static boolean awaitScrape(final FraudstreamApp app, final String pattern) throws Exception {
        final Pattern line = Pattern.compile(pattern);
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            final String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.metricsUrl()))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            if (line.matcher(scrape).find()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static Set<String> ids(final List<ConsumerRecord<String, byte[]>> records) {
        final Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.key()));
        return ids;
    }

    /** A transaction whose fraud shows in its amount and a feature, with overlap. */
    static Transaction transaction(final String id, final Instant time, final boolean fraud, final Random random) {
        final double amount = Math.exp(3 + 0.8 * random.nextGaussian() + (fraud ? 1.5 : 0));
        final double distance = -Math.log(1 - random.nextDouble()) * (fraud ? 200 : 20);
        return new Transaction(id, time.toEpochMilli(), Math.round(amount * 100) / 100.0, "card-" + random.nextInt(300),
                "m-" + random.nextInt(50), "EUR", Map.of("distance_km", distance),
                Map.of("channel", fraud && random.nextBoolean() ? "ecom" : "pos"));
    }
}
