package io.fraudstream.app;

import io.fraudstream.app.BenchTarget.Kind;
import io.fraudstream.config.Durations;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.kafka.TempDirs;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.load.Arrivals;
import io.fraudstream.load.Commits;
import io.fraudstream.load.CommittedScores;
import io.fraudstream.load.CpuUse;
import io.fraudstream.load.OpenLoop;
import io.fraudstream.sim.SyntheticTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A load test on a real broker, in one of two modes.
 * <ul>
 *   <li>Throughput (the default): N transactions and their labels are written first, then the topology starts on
 *       them, and the time until every score is committed (seen by a {@code read_committed} consumer) and every
 *       label learnt from is taken.</li>
 *   <li>Latency ({@code --rate 1000,2000}): open-loop load at each rate in turn, labels following their
 *       transactions, latency from each transaction's intended send time to its committed score
 *       ({@link OpenLoop}): p50, p99, p99.9, max.</li>
 * </ul>
 * With {@code --baseline}, the same measurement runs against {@link io.fraudstream.load.PassThrough} (parse, write
 * a score, exactly once) on the same broker in the same run, and fraudstream's figures are given as ratios to it:
 * the machine's speed drifts, a ratio from one run does not. With {@code --skeleton}, also against
 * {@link io.fraudstream.load.Skeleton} (fraudstream's hops and stores without its logic), which splits the gap to
 * the pass-through into what the shape costs and what the logic does.
 *
 * <p>Like {@code demo}, it compresses the days of production into seconds: {@code labels.maturity} is 30 s unless
 * {@code --set} says otherwise, so that a run reaches an instance's steady state — a tree family fitted at every
 * round (trees learn from mature examples only) and the mature metrics windows filled. With the default 7 days a run
 * of minutes never got there, and measured a lighter application than production runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load test: throughput (pre-produced transactions and labels) or open-loop latency at fixed rates;"
                + " --baseline compares with a pass-through Streams app on the same broker, --skeleton with fraudstream's"
                + " hops and stores without its logic. Sets"
                + " fraudstream.labels.maturity=30s unless --set, so that trees fit and mature windows fill.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--transactions", defaultValue = "200000",
            description = "Throughput mode: transactions to score (default ${DEFAULT-VALUE}).")
    int transactions;

    @Option(names = "--rate", split = ",", paramLabel = "PER_SECOND",
            description = "Latency mode: open-loop rates, transactions/s, each run in turn (e.g. 1000,2000,5000).")
    List<Integer> rates = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "30s", description = "Latency mode: measured time at each rate "
            + "(default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "10s", description = "Latency mode: load before measuring at each rate "
            + "(default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--arrivals", defaultValue = "uniform",
            description = "Latency mode: uniform (evenly spaced) or poisson (independent arrivals at the same mean "
                    + "rate: the bursts and pauses of real traffic) (default ${DEFAULT-VALUE}).")
    String arrivals;

    @Option(names = "--baseline", description = "Also run a pass-through Streams app (parse + write, exactly-once) on "
            + "the same broker and print fraudstream's ratio to it.")
    boolean baseline;

    @Option(names = "--skeleton", description = "Also run fraudstream's shape without its logic (the same topics, "
            + "hops and changelogged stores, exactly-once; stages that only move bytes) on the same broker and print "
            + "fraudstream's ratio to it: what the logic costs beyond the hops.")
    boolean skeleton;

    @Option(names = "--timeline", description = "Latency mode: also print the longest latency of each measured "
            + "second, with the wall-clock time it began (is the tail steady, or bursts, and when?).")
    boolean timeline;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the input topics (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--fraud-rate", defaultValue = "0.005", description = "Share of fraud (default ${DEFAULT-VALUE}).")
    double fraudRate;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration LIMIT = Duration.ofMinutes(30);

    @Override
    public Integer call() throws Exception {
        for (int rate : rates) {
            if (rate < 1) {
                throw new IllegalArgumentException("--rate: each rate must be at least 1 transaction/s, was " + rate);
            }
        }
        final Duration measure = Durations.parse(duration);
        final Duration warm = Durations.parse(warmup);
        final Arrivals schedule = arrivals();
        final Path stateDir = Files.createTempDirectory("fraudstream-bench-state-");
        try (Cluster kafka = Cluster.open(cluster.bootstrapServers)) {
            final Map<Kind, Settings> targets = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                if (kind == Kind.FRAUDSTREAM || kind == Kind.SKELETON && skeleton
                        || kind == Kind.PASS_THROUGH && baseline) {
                    targets.put(kind, settings(kafka, stateDir, kind.label.replace("-", "")));
                }
            }
            ChildJvm.announce("bench");
            if (rates.isEmpty()) {
                final Map<Kind, Pace> paces = new EnumMap<>(Kind.class);
                for (Map.Entry<Kind, Settings> t : targets.entrySet()) {
                    paces.put(t.getKey(), throughput(kafka, t.getValue(), t.getKey()));
                }
                printRatios(paces);
            } else {
                final Map<Kind, List<OpenLoop.Result>> results = new EnumMap<>(Kind.class);
                for (Map.Entry<Kind, Settings> t : targets.entrySet()) {
                    results.put(t.getKey(), latency(kafka, t.getValue(), t.getKey(), measure, warm, schedule));
                }
                System.out.println();
                System.out.println("target        rate/s      sent   missed   p50 ms   p99 ms  p99.9 ms   max ms");
                results.forEach((kind, rs) -> rs.forEach(r -> print(kind.label, r)));
                final List<OpenLoop.Result> ours = results.get(Kind.FRAUDSTREAM);
                results.forEach((kind, theirs) -> {
                    if (kind == Kind.FRAUDSTREAM) {
                        return;
                    }
                    for (int i = 0; i < theirs.size(); i++) {
                        System.out.printf(Locale.ROOT, "at %d/s fraudstream / %s: p50 %.1f×, p99 %.1f×%n",
                                ours.get(i).rate(), kind.label, ours.get(i).millis(50) / theirs.get(i).millis(50),
                                ours.get(i).millis(99) / theirs.get(i).millis(99));
                    }
                });
            }
        } finally {
            TempDirs.deleteRecursively(stateDir);
        }
        return 0;
    }

    /** A throughput run's result: scores committed per second, and labels taken by the last stage per second. */
    private record Pace(double scores, double labels) {
    }

    private static void printRatios(final Map<Kind, Pace> paces) {
        final Pace ours = paces.get(Kind.FRAUDSTREAM);
        final Pace pass = paces.get(Kind.PASS_THROUGH);
        final Pace shape = paces.get(Kind.SKELETON);
        if (pass != null) {
            System.out.printf(Locale.ROOT, "fraudstream / pass-through: %.3f of its throughput%n",
                    ours.scores() / pass.scores());
        }
        if (shape != null) {
            System.out.printf(Locale.ROOT, "fraudstream / skeleton: %.3f of its throughput, %.3f of its labels' "
                    + "pace%n", ours.scores() / shape.scores(), ours.labels() / shape.labels());
        }
        if (shape != null && pass != null) {
            System.out.printf(Locale.ROOT, "skeleton / pass-through: %.3f of its throughput%n",
                    shape.scores() / pass.scores());
        }
    }

    /** A target's settings: fresh topics and application id, so that runs and targets never see each other. */
    private Settings settings(final Cluster kafka, final Path stateDir, final String target) {
        final String run = target + "-bench-" + UUID.randomUUID().toString().substring(0, 8);
        final Map<String, String> defaults = new HashMap<>();
        defaults.put(Key.HTTP_PORT.key(), "-1");
        defaults.put(Key.TOPICS_PARTITIONS.key(), Integer.toString(partitions));
        // labels come a second after their transactions, so a production instance's steady state (trees fitted at
        // every round, mature windows filled) is reached in seconds instead of never (the default is 7 days)
        defaults.put(Key.LABELS_MATURITY.key(), "30s");
        for (Key k : Key.values()) {
            if (k.key().startsWith(Key.PREFIX + "topic.")) {
                defaults.put(k.key(), k.defaultValue() + "-" + run);
            }
        }
        final Settings settings = Settings.from(cluster.settings(kafka, run, stateDir.resolve(run).toString(),
                defaults), System.getenv());
        return TopicAdmin.ensureTopics(settings);
    }

    /** Throughput mode for one target: transactions (and labels, if it reads them) first, then the app on them. */
    private Pace throughput(final Cluster kafka, final Settings settings, final Kind kind) throws InterruptedException {
        final long produceStart = System.nanoTime();
        produce(settings, kind.labels);
        System.out.printf(Locale.ROOT, "%s: produced %,d transactions%s in %.1f s%n", kind.label, transactions,
                kind.labels ? " and their labels" : "", (System.nanoTime() - produceStart) / 1e9);
        try (KafkaConsumer<byte[], byte[]> scores = committedScores(settings)) {
            final CpuUse before = CpuUse.now(kafka::brokerProcess);
            final long start = System.nanoTime();
            try (BenchTarget target = BenchTarget.start(kind, settings)) {
                final double scoredAt = awaitScores(scores, start);
                report(kind, scoredAt);
                double labels = 0;
                if (kind.labels) {
                    final double joinedAt = await(() -> target.learntFrom(transactions), start);
                    labels = transactions / joinedAt;
                    System.out.printf(Locale.ROOT, "%s: joined and learnt from %,d labels in %.1f s: %,.0f labels/s%s%n",
                            kind.label, transactions, joinedAt, labels, target.afterLabels());
                    // every transaction was scored before its label was learnt from, so these scores say nothing
                    // about model quality: that is what replay, which feeds labels in event time, is for
                }
                printCpu(kafka, before, transactions, kind);
                return new Pace(transactions / scoredAt, labels);
            }
        }
    }

    private Arrivals arrivals() {
        try {
            return Arrivals.of(arrivals);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--arrivals: expected uniform or poisson, was '" + arrivals + "'", e);
        }
    }

    private void report(final Kind kind, final double seconds) {
        System.out.printf(Locale.ROOT, "%s: %,d scores committed in %.1f s: %,.0f transactions/s end to end "
                        + "(exactly-once, %d partitions, start-up and rebalance included)%n", kind.label,
                transactions, seconds, transactions / seconds, partitions);
    }

    /** Latency mode for one target: the app started and running, then each rate in turn. */
    private List<OpenLoop.Result> latency(final Cluster kafka, final Settings settings, final Kind kind,
                                          final Duration measure, final Duration warm,
                                          final Arrivals schedule) throws InterruptedException {
        final OpenLoop load = new OpenLoop(producerProperties(settings, 1), settings.consumerProperties(),
                settings.topic(Key.TOPIC_TRANSACTIONS), kind.labels ? settings.topic(Key.TOPIC_LABELS) : null,
                settings.topic(Key.TOPIC_SCORES), schedule, seed);
        final SyntheticTransactions data = new SyntheticTransactions(seed, fraudRate, 20_000);
        final List<OpenLoop.Result> results = new ArrayList<>();
        final long start = System.nanoTime();
        try (BenchTarget target = BenchTarget.start(kind, settings)) {
            await(() -> target.state() == KafkaStreams.State.RUNNING, start);
            for (int rate : rates) {
                // the CPU of the measured part only: the warm-up's is the JIT's and the start's
                final AtomicReference<CpuUse> before = new AtomicReference<>();
                final OpenLoop.Result r = step(load, results.size(), rate, measure, warm, data, kind,
                        () -> before.set(CpuUse.now(kafka::brokerProcess)));
                if (timeline) {
                    printTimeline(r);
                }
                if (before.get() != null) {
                    printCpu(kafka, before.get(), r.sentMeasured(), kind);
                }
                final String commits = Commits.describe(target.kafkaMetrics());
                if (commits != null) {
                    System.out.println(kind.label + ": " + commits + " (Kafka Streams' last sampled minute)");
                }
                final String steps = Commits.longestSteps(target.kafkaMetrics());
                if (steps != null) {
                    System.out.println(kind.label + ": " + steps + " (the same minute)");
                }
                results.add(r);
            }
        }
        return results;
    }

    private static OpenLoop.Result step(final OpenLoop load, final int index, final int rate, final Duration measure,
                                        final Duration warm, final SyntheticTransactions data, final Kind kind,
                                        final Runnable measuring) throws InterruptedException {
        System.out.printf(Locale.ROOT, "%s: %,d transactions/s for %d s (after %d s unmeasured) ...%n",
                kind.label, rate, measure.toSeconds(), warm.toSeconds());
        final OpenLoop.Result r = load.run(OpenLoop.prefix(index, rate), rate, warm, measure, DRAIN, data, measuring);
        print(kind.label, r);
        return r;
    }

    private static void print(final String target, final OpenLoop.Result r) {
        System.out.printf(Locale.ROOT, "%-12s %7d %9d %8d %8.1f %8.1f %9.1f %8.1f%n", target, r.rate(), r.sent(),
                r.missed(), r.millis(50), r.millis(99), r.millis(99.9), r.millis(100));
    }

    private static void printTimeline(final OpenLoop.Result r) {
        final StringBuilder line = new StringBuilder("worst ms per second from "
                + DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofInstant(
                        Instant.ofEpochMilli(r.measuredFromMillis()), ZoneId.systemDefault())) + ":");
        for (long micros : r.worstPerSecond()) {
            line.append(' ').append(micros / 1000);
        }
        System.out.println(line);
    }

    /** The CPU a target spent since {@code before}, per transaction (and its label, if it reads labels). */
    private static void printCpu(final Cluster kafka, final CpuUse before, final long transactions, final Kind kind) {
        System.out.println(kind.label + ": " + CpuUse.now(kafka::brokerProcess).perEvent(before, transactions,
                kind.labels ? "transaction and its label" : "transaction"));
    }

    private static Map<String, Object> producerProperties(final Settings settings, final int lingerMs) {
        final Map<String, Object> p = new HashMap<>(settings.producerProperties());
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return p;
    }

    private void produce(final Settings settings, final boolean withLabels) {
        final Map<String, Object> p = producerProperties(settings, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        final SyntheticTransactions data = new SyntheticTransactions(seed, fraudRate, 20_000);
        final long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < transactions; i++) {
                final boolean fraud = data.nextIsFraud();
                final Transaction t = data.next("b" + i, t0 + 50L * i, fraud); // 20 transactions/s of event time
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_TRANSACTIONS), t.recordKey(),
                        TransactionJson.write(t)));
                if (withLabels) {
                    final long labelTime = t.timestamp() + data.labelDelayMillis(fraud, 60_000, 600_000);
                    producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_LABELS), t.id(),
                            LabelJson.write(new Label(t.id(), fraud, labelTime))));
                }
            }
        }
    }

    /** A read_committed consumer of the target's scores topic, from its start. */
    private static KafkaConsumer<byte[], byte[]> committedScores(final Settings settings) {
        final KafkaConsumer<byte[], byte[]> consumer = CommittedScores.consumer(settings.consumerProperties(),
                settings.topic(Key.TOPIC_SCORES));
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    /** Seconds since {@code start} until the consumer has read a score per transaction. */
    private double awaitScores(final KafkaConsumer<byte[], byte[]> scores, final long start) {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        long seen = 0;
        while (seen < transactions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + transactions + " scores within " + LIMIT);
            }
            seen += scores.poll(Duration.ofMillis(20)).count();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double await(final BooleanSupplier done, final long start) throws InterruptedException {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!done.getAsBoolean()) {
            throw new IllegalStateException("the pipeline did not finish within " + LIMIT);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
