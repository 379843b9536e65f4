package io.fraudstream.app;

import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.sim.SyntheticTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * End-to-end throughput on a real broker: writes N synthetic transactions and their labels first, then starts
 * the topology on them and times how long it takes to score them all and to join, learn from and evaluate
 * every label. Nothing else runs meanwhile, so the figure is the pipeline's own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure end-to-end throughput: pre-produce N transactions and labels, then time the topology.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--transactions", defaultValue = "200000", description = "Transactions to score (default ${DEFAULT-VALUE}).")
    int transactions;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the input topics (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--fraud-rate", defaultValue = "0.005", description = "Share of fraud (default ${DEFAULT-VALUE}).")
    double fraudRate;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;


    @Override
    public Integer call() throws Exception {
        final Path stateDir = Files.createTempDirectory("fraudstream-bench-state-");
        try (Cluster kafka = Cluster.open(cluster.bootstrapServers)) {
            final String run = UUID.randomUUID().toString().substring(0, 8);
            final Map<String, String> defaults = new HashMap<>();
            defaults.put(Key.HTTP_PORT.key(), "-1");
            defaults.put(Key.TOPICS_PARTITIONS.key(), Integer.toString(partitions));
            defaults.put(Key.METRICS_INTERVAL.key(), "1s");
            for (Key k : Key.values()) {
                if (k.key().startsWith(Key.PREFIX + "topic.")) {
                    defaults.put(k.key(), k.defaultValue() + "-bench-" + run); // fresh topics: never mixes runs
                }
            }
            final Settings settings = Settings.from(cluster.settings(kafka, "fraudstream-bench-" + run,
                    stateDir.toString(), defaults), System.getenv());
            io.fraudstream.kafka.TopicAdmin.ensureTopics(settings);

            final long produceStart = System.nanoTime();
            produce(settings);
            final double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            System.out.printf(Locale.ROOT, "Produced %,d transactions and %,d labels in %.1f s%n", transactions,
                    transactions, produceSeconds);

            final long start = System.nanoTime();
            try (FraudstreamApp app = FraudstreamApp.start(settings)) {
                final FraudMeters m = app.meters();
                final double scoredAt = await(() -> m.counter("fraud.transactions.scored") >= transactions, start);
                final double joinedAt = await(() -> m.counter("fraud.labels") >= transactions, start);
                System.out.printf(Locale.ROOT, "Scored %,d transactions in %.1f s: %,.0f transactions/s end to end "
                                + "(exactly-once, %d partitions, includes start-up and rebalance)%n", transactions,
                        scoredAt, transactions / scoredAt, partitions);
                System.out.printf(Locale.ROOT, "Joined, learnt from and evaluated %,d labels in %.1f s: %,.0f labels/s%n",
                        transactions, joinedAt, transactions / joinedAt);
                // every transaction was scored before its label was learnt from, so scores say nothing about
                // model quality here: that is what replay, which feeds labels in event time, is for
                System.out.printf(Locale.ROOT, "Model versions published: %.0f%n", m.counter("fraud.model.published"));
            }
        } finally {
            DemoCommand.deleteQuietly(stateDir);
        }
        return 0;
    }

    private void produce(final Settings settings) {
        final Map<String, Object> p = new HashMap<>(settings.producerProperties());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        final SyntheticTransactions data = new SyntheticTransactions(seed, fraudRate, 20_000);
        final long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < transactions; i++) {
                final boolean fraud = data.nextIsFraud();
                final Transaction t = data.next("b" + i, t0 + 50L * i, fraud); // 20 transactions/s of event time
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_TRANSACTIONS), t.id(),
                        TransactionJson.write(t)));
                final long labelTime = t.timestamp() + data.labelDelayMillis(fraud, 60_000, 600_000);
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_LABELS), t.id(),
                        LabelJson.write(new Label(t.id(), fraud, labelTime))));
            }
        }
    }

    private static double await(final java.util.function.BooleanSupplier done, final long start)
            throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!done.getAsBoolean()) {
            throw new IllegalStateException("the pipeline did not finish within 30 minutes");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
