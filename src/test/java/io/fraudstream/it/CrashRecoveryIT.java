package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.config.Key;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.topology.FraudTopology;
import io.fraudstream.topology.MetricsSnapshot;
import io.fraudstream.topology.TopicKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fraudstream run} in its own JVM, killed with SIGKILL five times in the middle of a stream (once while a
 * retraining round runs, once while the restarted instance restores its state) and started again each time:
 * every transaction is scored exactly once in the scores topic read with read_committed, and the learner and
 * the evaluator resume from their changelogged state (model versions continue, outcome counts never go back).
 * Once with the key-value stores in RocksDB and once in memory ({@code state.key-value-stores}), where every start
 * restores them whole from their changelogs; each run has topics and an application id of its own.
 */
@Tag("integration")
class CrashRecoveryIT {
    private static final int TOTAL = 30_000;
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();
    private static final Deserializer<ModelSnapshot> MODEL = EventSerdes.json(ModelSnapshot.class).deserializer();
    private static final Deserializer<MetricsSnapshot> SNAPSHOT = EventSerdes.json(MetricsSnapshot.class).deserializer();

    @ParameterizedTest(name = "key-value stores in {0}")
    @ValueSource(strings = {"rocksdb", "memory"})
    void aKilledInstanceRestartsAndEveryTransactionIsScoredExactlyOnce(final String stores) throws Exception {
        final Path dir = TestDirs.create("fraudstream-crash-" + stores);
        final String transactions = ItSettings.ownTopic(Key.TOPIC_TRANSACTIONS, stores);
        final String labels = ItSettings.ownTopic(Key.TOPIC_LABELS, stores);
        final String scored = ItSettings.ownTopic(Key.TOPIC_SCORES, stores);
        final String modelTopic = ItSettings.ownTopic(Key.TOPIC_MODEL, stores);
        final String metricsTopic = ItSettings.ownTopic(Key.TOPIC_METRICS, stores);
        final Path config = dir.resolve("fraudstream.properties");
        final int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // the instance's /metrics and /health, the same across restarts
        }
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + BROKER.bootstrapServers(),
                "application.id=fraudstream-crash-it-" + stores,
                Key.STATE_KEY_VALUE_STORES.key() + "=" + stores,
                ItSettings.ownTopicProperties(stores),
                "state.dir=" + dir.resolve("state"),
                "session.timeout.ms=6000",
                "heartbeat.interval.ms=1000",
                "fraudstream.topics.partitions=2",
                "fraudstream.topics.replication.factor=1",
                "fraudstream.model.publish.every=1000",
                // every round publishes (no holdout gate), so the number of versions counts the outcomes learnt from
                "fraudstream.learner.holdout.percent=0",
                "fraudstream.metrics.interval=500ms",
                "fraudstream.http.port=" + port, ""));
        Process app = launch(config, dir.resolve("run-1.log"));
        // a transaction the test failed to produce is not one the application lost: tell the two apart
        final AtomicReference<Exception> sendFailure = new AtomicReference<>();
        final Random random = new Random(3);
        // recent event times: a broker's time-based retention (7 days by default) deletes older records as they land
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        awaitTopics(Duration.ofSeconds(60), transactions, labels, scored);
        final KafkaProducer<String, byte[]> producer = Clients.producer(BROKER.bootstrapServers());
        try (KafkaConsumer<String, byte[]> scores = Clients.readCommitted(BROKER.bootstrapServers())) {
            final Thread feeder = new Thread(() -> {
                for (int i = 0; i < TOTAL; i++) {
                    final Transaction t = PipelineContract.transaction("c" + i, t0.plusMillis(100L * i),
                            random.nextDouble() < 0.01, random);
                    producer.send(new ProducerRecord<>(transactions, t.recordKey(), TransactionJson.write(t)), (md, e) -> {
                        if (e != null) {
                            sendFailure.compareAndSet(null, e);
                        }
                    });
                    final boolean fraud = t.amount() > 150 || t.features().get("distance_km") > 300;
                    producer.send(new ProducerRecord<>(labels, t.id(), LabelJson.write(
                            new Label(t.id(), fraud, t.timestamp() + 1000))));
                    if (i % 500 == 0) {
                        sleep(50); // a steady stream, so the kill lands in the middle of it
                    }
                }
                producer.flush();
            });
            feeder.setDaemon(true);
            feeder.start();
            // five SIGKILLs (no shutdown hook, open transactions left behind) at points along the stream: one while a
            // retraining round runs, one while the restarted instance restores its state
            final List<ConsumerRecord<String, byte[]>> before = new ArrayList<>();
            for (int k = 1; k <= 4; k++) {
                final int target = k * TOTAL / 8;
                before.addAll(Clients.readUntil(scores, scored, r -> before.size() + r.size() >= target,
                        Duration.ofSeconds(120)));
                assertThat(before.size()).as("scored before kill %d", k).isGreaterThanOrEqualTo(target)
                        .isLessThan(TOTAL);
                if (k == 2) {
                    assertThat(await(port, "fraud_learner_round_running 1.0", Duration.ofSeconds(90)))
                            .as("a retraining round running, to kill it midway").isTrue();
                }
                app.destroyForcibly().waitFor();
                app = launch(config, dir.resolve("run-" + k + ".log"));
                if (k == 3) {
                    assertThat(await(port, "\"state\":\"REBALANCING\"", Duration.ofSeconds(60)))
                            .as("the restarted instance restoring, to kill it then").isTrue();
                    app.destroyForcibly().waitFor();
                    app = launch(config, dir.resolve("run-" + k + "-restore.log"));
                }
            }
            feeder.join(Duration.ofMinutes(5).toMillis());
            assertThat(feeder.isAlive()).as("the test's own producer is still sending after 5 minutes").isFalse();
            assertThat(sendFailure.get()).as("the test's own producer failed to send").isNull();
            final List<ConsumerRecord<String, byte[]>> after = Clients.readUntil(scores, scored,
                    r -> before.size() + r.size() >= TOTAL, Duration.ofSeconds(240));
            // let anything duplicated by a bad recovery show up before counting
            after.addAll(Clients.readUntil(scores, scored, r -> false, Duration.ofSeconds(3)));

            final Map<String, Integer> counts = new HashMap<>();
            before.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
            after.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
            assertThat(counts).hasSize(TOTAL);
            assertThat(counts.values()).allMatch(c -> c == 1);
            assertThat(before.size() + after.size()).isEqualTo(TOTAL);
            // where the key-value stores were: a RocksDB store has a directory of its own, an in-memory one none
            try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
                assertThat(files.anyMatch(f -> f.endsWith(Path.of("rocksdb", FraudTopology.PENDING_STORE))))
                        .as("a pending store on disk").isEqualTo("rocksdb".equals(stores));
            }

            // the learner's and the evaluator's state survived the kill: versions continue, counts never go back
            try (KafkaConsumer<String, byte[]> models = Clients.readCommitted(BROKER.bootstrapServers());
                 KafkaConsumer<String, byte[]> metrics = Clients.readCommitted(BROKER.bootstrapServers())) {
                final List<ConsumerRecord<String, byte[]>> modelRecords = Clients.readUntil(models, modelTopic,
                        r -> r.size() >= 2 * (TOTAL / 1000), Duration.ofSeconds(60));
                modelRecords.addAll(Clients.readUntil(models, modelTopic, r -> false, Duration.ofSeconds(3)));
                final List<ModelSnapshot> published = modelRecords.stream()
                        .filter(r -> TopicKeys.CHAMPION.equals(r.key()))
                        .map(r -> MODEL.deserialize("model", r.value())).toList();
                // one version per 1000 outcomes: none lost and none learnt twice across the kill
                assertThat(published).hasSize(TOTAL / 1000);
                for (int i = 0; i < published.size(); i++) {
                    assertThat(published.get(i).version()).isEqualTo(i + 1L);
                    assertThat(published.get(i).parentVersion()).isEqualTo((long) i);
                }
                final List<Long> totals = Clients.readUntil(metrics, metricsTopic, r -> !r.isEmpty()
                                && SNAPSHOT.deserialize("metrics", r.get(r.size() - 1).value()).totalOutcomes() >= TOTAL,
                        Duration.ofSeconds(90))
                        .stream().map(r -> SNAPSHOT.deserialize("metrics", r.value()).totalOutcomes()).toList();
                assertThat(totals).isNotEmpty().isSorted();
                assertThat(totals.get(totals.size() - 1)).isEqualTo(TOTAL);
            }
        } finally {
            // a bounded close: a producer stuck on a record would otherwise hold the test (and the build) for ever
            producer.close(Duration.ofSeconds(30));
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
    }

    /** Whether the instance's /metrics or /health/live shows {@code text} within the timeout (polled every 20 ms). */
    private static boolean await(final int port, final String text, final Duration timeout) throws InterruptedException {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String path : new String[] {"/metrics", "/health/live"}) {
                try {
                    final String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (body.contains(text)) {
                        return true;
                    }
                } catch (IOException e) {
                    // not listening yet (starting) or gone
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    static Process launch(final Path config, final Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.fraudstream.app.Main", "run", "--config",
                config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the application has created the topics (it does so at start) and they have leaders. */
    private static void awaitTopics(final Duration timeout, final String... topics) {
        Clients.awaitLeaders(BROKER.bootstrapServers(), timeout, topics);
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
