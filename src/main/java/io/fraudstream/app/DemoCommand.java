package io.fraudstream.app;

import io.fraudstream.config.Durations;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.kafka.TempDirs;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.runtime.FraudstreamApp;
import io.fraudstream.sim.DemoGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The whole loop, live: broker (embedded unless given), topology, synthetic transactions and late labels. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run fraudstream on synthetic transactions with delayed labels, on an embedded Kafka broker "
                + "unless --bootstrap-servers is given.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (e.g. 90s, 10m); "
            + "default: until Ctrl-C.")
    String duration;

    @Option(names = "--http-port", defaultValue = "9464", description = "Port of /metrics and /health (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--rate", defaultValue = "1000", description = "Transactions per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--fraud-rate", defaultValue = "0.007", description = "Share of fraudulent transactions (default ${DEFAULT-VALUE}).")
    double fraudRate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the generator (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--feed-only", description = "Only send the synthetic transactions and labels to "
            + "--bootstrap-servers (creating the topics when missing), for a fraudstream running elsewhere: the data "
            + "generator of the docker compose stack.")
    boolean feedOnly;

    @Override
    public Integer call() throws Exception {
        final Duration limit = duration == null ? null : Durations.parse(duration);
        if (feedOnly && cluster.bootstrapServers == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--feed-only needs --bootstrap-servers: the cluster a fraudstream instance reads from");
        }
        final Path stateDir = Files.createTempDirectory("fraudstream-demo-state-");
        try (Cluster kafka = Cluster.open(cluster.bootstrapServers)) {
            final String bootstrap = kafka.bootstrapServers();
            System.out.println("Kafka bootstrap servers: " + bootstrap);
            final Settings settings = Settings.from(cluster.settings(kafka, "fraudstream-demo", stateDir.toString(),
                    Map.of(Key.HTTP_PORT.key(), Integer.toString(httpPort),
                            // the demo's labels come within seconds: windows and maturity at that scale
                            Key.METRICS_WINDOWS.key(), "10000,1m,10m", Key.LABELS_MATURITY.key(), "30s")),
                    System.getenv());
            if (feedOnly) {
                TopicAdmin.ensureTopics(settings);
            }
            try (FraudstreamApp app = feedOnly ? null : FraudstreamApp.start(settings);
                 DemoGenerator generator = new DemoGenerator(settings.producerProperties(),
                         settings.topic(Key.TOPIC_TRANSACTIONS),
                         settings.topic(Key.TOPIC_LABELS), rate, fraudRate, seed)) {
                if (app != null) {
                    System.out.println("Metrics: " + app.metricsUrl() + "   health: "
                            + app.metricsUrl().replace("/metrics", "/health/ready"));
                }
                final Thread feeder = new Thread(generator, "demo-generator");
                feeder.start();
                final CountDownLatch stop = new CountDownLatch(1);
                final Thread hook = new Thread(stop::countDown, "demo-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                final long started = System.nanoTime();
                double lastScored = 0;
                long last = started;
                final String window = settings.evaluation().windows().get(0).name();
                while (!stop.await(limit == null ? 5000
                        : Math.max(0, Math.min(5000, (started + limit.toNanos() - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS)) {
                    final long now = System.nanoTime();
                    if (app == null) {
                        System.out.printf(Locale.ROOT, "[%4ds] sent %,d transactions, %,d of them fraud%n",
                                TimeUnit.NANOSECONDS.toSeconds(now - started), generator.sent(), generator.frauds());
                    } else {
                        final FraudMeters m = app.meters();
                        final double scored = m.counter("fraud.transactions.scored");
                        final WindowMetrics w = m.evaluation().window(window, RollingEvaluator.KNOWN,
                                RollingEvaluator.MODELS[0]);
                        System.out.printf(Locale.ROOT, "[%4ds] %s | scored %,.0f (%,.0f/s) | model v%d | %s: %,d "
                                        + "outcomes, %d frauds | precision %s recall %s PR-AUC %s | dead letters %,.0f%n",
                                TimeUnit.NANOSECONDS.toSeconds(now - started), app.state(), scored,
                                (scored - lastScored) / ((now - last) / 1e9), m.scoring().modelVersion(), window,
                                w.count(), w.positives(), fmt(w.precision()), fmt(w.recall()), fmt(w.prAuc()),
                                m.counter("fraud.transactions.invalid"));
                        lastScored = scored;
                        last = now;
                    }
                    if (limit != null && now - started >= limit.toNanos()) {
                        break;
                    }
                }
                generator.stop();
                feeder.join(5000);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the JVM is already shutting down
                }
                System.out.printf(Locale.ROOT, "Stopping: %,d transactions sent, %,d of them fraud.%n",
                        generator.sent(), generator.frauds());
            }
        } finally {
            TempDirs.deleteRecursively(stateDir);
        }
        return 0;
    }

    private static String fmt(final double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
