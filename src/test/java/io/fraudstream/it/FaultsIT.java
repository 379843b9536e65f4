package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.config.Key;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults around {@code fraudstream run} instances in JVMs of their own: the broker killed and restarted mid-stream;
 * a second instance joining (a rebalance); an instance frozen (SIGSTOP) past its session and transaction timeouts,
 * so that the other takes its tasks, and then thawed as a zombie that must be fenced. Each time every transaction
 * is scored exactly once and joined to its label exactly once, as read with read_committed.
 */
@Tag("integration")
class FaultsIT {
    private static final int TOTAL = 12_000;
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Test
    void aBrokerRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        survives("broker", (run, apps) -> BROKER.restart(Duration.ofSeconds(3), true)); // SIGKILL: a crash
    }

    @Test
    void aSigtermClosesCleanlyWithinItsBoundAndTheRestartedInstanceDuplicatesNothing() throws Exception {
        survives("sigterm", (run, apps) -> {
            final Process a = apps.get(0);
            final long start = System.nanoTime();
            a.destroy(); // SIGTERM: the shutdown hook closes the application (bounded at 30 s)
            assertThat(a.waitFor(45, TimeUnit.SECONDS)).as("exited within its close bound").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
            assertThat(Files.readString(run.dir.resolve("run-a.log")))
                    .as("the close ran to its end inside the shutdown hook").contains("fraudstream stopped cleanly");
            apps.set(0, run.launch("a"));
        });
    }

    @Test
    void aRebalanceAndAFencedZombieLoseAndDuplicateNothing() throws Exception {
        survives("zombie", (run, apps) -> {
            apps.add(run.launch("b")); // a rebalance: the tasks are shared between the two
            run.awaitScored(TOTAL / 2);
            final Process a = apps.get(0);
            signal(a, "STOP"); // frozen past session.timeout.ms and transaction.timeout.ms: b takes every task
            Thread.sleep(15_000);
            signal(a, "CONT"); // a zombie now: its open transaction was aborted, its next commit is fenced
        });
    }

    /** A fault injected once a quarter of the stream is scored, into a run and its instances. */
    private interface Fault {
        void inject(Run run, List<Process> apps) throws Exception;
    }

    /** One instance, a stream, the fault: every transaction scored once and joined once, every instance alive. */
    private static void survives(final String name, final Fault fault) throws Exception {
        final Run run = new Run(name);
        final List<Process> apps = new ArrayList<>(List.of(run.launch("a")));
        try {
            run.feed(() -> {
                fault.inject(run, apps);
                return null;
            });
            // an instance that died says why only in its log, which goes with the run's directory: print its end
            assertThat(apps).as(run::logEnds).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
        } finally {
            stop(apps);
        }
    }

    /** One application (its config, topics and state) under test. */
    private static final class Run {
        private final Path dir;
        private final Path config;
        private final String suffix = UUID.randomUUID().toString().substring(0, 8);
        private final KafkaConsumer<String, byte[]> scores = Clients.readCommitted(BROKER.bootstrapServers());
        private final List<ConsumerRecord<String, byte[]>> scored = new ArrayList<>();

        Run(final String name) throws Exception {
            dir = TestDirs.create("fraudstream-faults-" + name);
            config = dir.resolve("fraudstream.properties");
            Files.writeString(config, String.join("\n",
                    "bootstrap.servers=" + BROKER.bootstrapServers(),
                    "application.id=fraudstream-faults-" + suffix,
                    "session.timeout.ms=6000",
                    "heartbeat.interval.ms=1000",
                    "transaction.timeout.ms=10000",
                    "fraudstream.topics.partitions=4",
                    "fraudstream.topics.replication.factor=1",
                    "fraudstream.model.publish.every=2000",
                    "fraudstream.metrics.interval=1s",
                    "fraudstream.http.port=-1",
                    ItSettings.ownTopicProperties(suffix), "")); // every topic its own, merchant-activity too
        }

        private String topic(final Key key) {
            return ItSettings.ownTopic(key, suffix);
        }

        /** The last lines of every instance's log, for a failure's message. */
        String logEnds() {
            final StringBuilder out = new StringBuilder("every instance alive; the end of each log:");
            try (Stream<Path> logs = Files.list(dir)) {
                for (Path log : logs.filter(f -> f.getFileName().toString().startsWith("run-")).sorted().toList()) {
                    final List<String> lines = Files.readAllLines(log);
                    out.append("\n--- ").append(log.getFileName()).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                }
            } catch (IOException e) {
                out.append("\n(logs unreadable: ").append(e).append(')');
            }
            return out.toString();
        }

        /** An instance with a state directory of its own. */
        Process launch(final String instance) throws Exception {
            final Path own = dir.resolve("instance-" + instance + ".properties");
            Files.writeString(own, Files.readString(config) + "state.dir=" + dir.resolve("state-" + instance) + "\n");
            return CrashRecoveryIT.launch(own, dir.resolve("run-" + instance + ".log"));
        }

        void awaitScored(final int n) {
            scored.addAll(Clients.readUntil(scores, topic(Key.TOPIC_SCORES), r -> stored(scored, r) >= n,
                    Duration.ofSeconds(180)));
            assertThat(stored(scored, List.of())).as("scored").isGreaterThanOrEqualTo(n);
        }

        /**
         * Feeds TOTAL transactions and their labels at a steady pace, runs {@code fault} once a quarter of them are
         * scored, then requires every transaction scored once and every label joined once.
         */
        void feed(final Callable<Void> fault) throws Exception {
            Clients.awaitLeaders(BROKER.bootstrapServers(), Duration.ofSeconds(60), topic(Key.TOPIC_TRANSACTIONS),
                    topic(Key.TOPIC_LABELS), topic(Key.TOPIC_SCORES), topic(Key.TOPIC_OUTCOMES));
            final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
            final AtomicReference<Exception> failed = new AtomicReference<>();
            final Random random = new Random(7);
            try (KafkaProducer<String, byte[]> producer = Clients.producer(BROKER.bootstrapServers());
                 KafkaConsumer<String, byte[]> outcomes = Clients.readCommitted(BROKER.bootstrapServers())) {
                final Thread feeder = new Thread(() -> {
                    for (int i = 0; i < TOTAL; i++) {
                        final Transaction t = PipelineContract.transaction("f" + i, t0.plusMillis(300L * i),
                                random.nextDouble() < 0.02, random);
                        producer.send(new ProducerRecord<>(topic(Key.TOPIC_TRANSACTIONS), t.id(),
                                TransactionJson.write(t)), (md, e) -> failed.compareAndSet(null, e));
                        producer.send(new ProducerRecord<>(topic(Key.TOPIC_LABELS), t.id(), LabelJson.write(new Label(
                                t.id(), t.amount() > 150, t.timestamp() + 1000))), (md, e) -> failed.compareAndSet(null, e));
                        if (i % 200 == 0) {
                            pause(100); // a stream that lasts, so that the fault lands in the middle of it
                        }
                    }
                    producer.flush();
                });
                feeder.setDaemon(true);
                feeder.start();
                awaitScored(TOTAL / 4);
                fault.call();
                feeder.join(Duration.ofMinutes(5).toMillis());
                assertThat(feeder.isAlive()).as("the test's producer still sending after 5 minutes").isFalse();
                assertThat(failed.get()).as("the test's producer failed").isNull();
                awaitScored(TOTAL);
                scored.addAll(Clients.readUntil(scores, topic(Key.TOPIC_SCORES), r -> false, Duration.ofSeconds(3)));
                assertThat(onceEach(scored)).as("scores").isTrue();

                final List<ConsumerRecord<String, byte[]>> joined = Clients.readUntil(outcomes, topic(Key.TOPIC_OUTCOMES),
                        r -> stored(r, List.of()) >= TOTAL, Duration.ofSeconds(180));
                joined.addAll(Clients.readUntil(outcomes, topic(Key.TOPIC_OUTCOMES), r -> false, Duration.ofSeconds(3)));
                assertThat(onceEach(joined)).as("outcomes").isTrue();
            } finally {
                scores.close();
            }
        }
    }

    /** Records read, told apart by partition and offset (see {@link #onceEach}). */
    private static long stored(final List<ConsumerRecord<String, byte[]>> a, final List<ConsumerRecord<String, byte[]>> b) {
        return Stream.concat(a.stream(), b.stream()).map(r -> r.partition() + ":" + r.offset())
                .distinct().count();
    }

    /**
     * Whether each transaction id is in exactly one record of the topic. The test's consumer itself may read a record
     * twice — its group forgets its uncommitted position when the broker restarts, and it reads again from the
     * start — so records are told apart by partition and offset, as they are stored.
     */
    private static boolean onceEach(final List<ConsumerRecord<String, byte[]>> read) {
        final Map<String, String> stored = new HashMap<>();
        read.forEach(r -> stored.put(r.partition() + ":" + r.offset(), r.key()));
        final Map<String, Integer> counts = new HashMap<>();
        stored.values().forEach(id -> counts.merge(id, 1, Integer::sum));
        assertThat(counts).hasSize(TOTAL);
        assertThat(counts.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1));
        return stored.size() == TOTAL;
    }

    private static void signal(final Process p, final String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static void pause(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(final List<Process> apps) throws InterruptedException {
        for (Process p : apps) {
            p.destroy();
        }
        for (Process p : apps) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
