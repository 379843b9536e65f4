package io.fraudstream.runtime;

import io.fraudstream.config.Durations;
import io.fraudstream.config.Settings;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.metrics.PrometheusRegistry;
import io.fraudstream.topology.FraudTopology;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running fraudstream instance: topics checked or created, the topology running on Kafka Streams, meters
 * (fraudstream's and the Kafka Streams client's) served over HTTP. {@link #close()} stops it cleanly.
 */
public final class FraudstreamApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FraudstreamApp.class);
    private final PrometheusMeterRegistry registry = PrometheusRegistry.create();
    private final FraudMeters meters = new FraudMeters(registry);
    private final KafkaStreams streams;
    private static final Duration STREAMS_METER_REFRESH = Duration.ofSeconds(10);
    /** Heap per pending transaction with the key-value stores in memory (bench's transactions; docs/performance.md). */
    private static final int PENDING_HEAP_BYTES = 450;

    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpEndpoint http;
    private final HealthCheck health;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private FraudstreamApp(final Settings given) {
        final Settings settings = TopicAdmin.ensureTopics(given);
        streams = new KafkaStreams(FraudTopology.build(settings, meters), FraudTopology.streamsConfig(settings, meters));
        health = new HealthCheck(streams::state, meters, System::currentTimeMillis);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread died; replacing it", e);
            health.threadDied();
            meters.health().threadDied();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // Kafka Streams creates its task and node meters (record e2e latency) only once tasks are assigned, so the
        // binder looks for new ones every 10 s instead of Micrometer's 60 s: the dashboard has them within a scrape
        streamsMetrics = new KafkaStreamsMetrics(streams, List.of(), Executors.newSingleThreadScheduledExecutor(
                FraudstreamApp::meterRefreshThread), STREAMS_METER_REFRESH);
        streamsMetrics.bindTo(registry);
        meters.health().readiness(() -> health.ready().ok());
        for (MeterBinder jvm : new MeterBinder[] {new JvmMemoryMetrics(), gcMetrics, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics()}) {
            jvm.bindTo(registry); // jvm_*, process_*, system_*: the process the alerts and dashboards look at
        }
        try {
            http = settings.httpPort() < 0 ? null : new HttpEndpoint(settings.httpBind(), settings.httpPort(),
                    registry, health);
        } catch (IOException e) {
            streams.close();
            throw new UncheckedIOException("cannot open the HTTP endpoint on " + settings.httpBind().getHostAddress()
                    + ":" + settings.httpPort(), e);
        }
    }

    private static Thread meterRefreshThread(final Runnable refresh) {
        final Thread thread = new Thread(refresh, "fraudstream-kafka-meters");
        thread.setDaemon(true);
        return thread;
    }

    /** Checks topics, then starts the topology and the HTTP endpoint. */
    public static FraudstreamApp start(final Settings settings) {
        final FraudstreamApp app = new FraudstreamApp(settings);
        app.streams.start();
        LOG.info("fraudstream started: application.id={}, bootstrap.servers={}", settings.applicationId(),
                settings.bootstrapServers());
        if (settings.keyValueStoresInMemory()) {
            final double perSecond = (double) Runtime.getRuntime().maxMemory() / PENDING_HEAP_BYTES
                    / settings.pendingHorizon().toSeconds(); // at least 60: pending.horizon >= 1m
            LOG.info("key-value stores in memory (state.key-value-stores=memory): the heap holds every scored "
                    + "transaction until its label comes or pending.horizon ({}) passes; this heap, all of it, "
                    + "holds that at {} transactions/s at most (about {} bytes each)",
                    Durations.format(settings.pendingHorizon()), String.format(Locale.ROOT, "%.3g", perSecond),
                    PENDING_HEAP_BYTES);
        }
        return app;
    }

    public FraudMeters meters() {
        return meters;
    }

    /** Whether the instance is ready: what {@code /health/ready} answers. */
    public boolean ready() {
        return health.ready().ok();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Kafka Streams' own metrics of this instance (its threads, tasks, stores and clients). */
    public Map<MetricName, ? extends Metric> kafkaMetrics() {
        return streams.metrics();
    }

    /** URL of the metrics endpoint, or null when HTTP is disabled. */
    public String metricsUrl() {
        return http == null ? null : http.url("/metrics");
    }

    /** Stops the HTTP endpoint and the topology (bounded: 30 s), once; later calls return at once. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (http != null) {
            http.close();
        }
        final long start = System.nanoTime();
        if (streams.close(Duration.ofSeconds(30))) {
            LOG.info("fraudstream stopped cleanly in {} ms", (System.nanoTime() - start) / 1_000_000);
        } else {
            LOG.warn("fraudstream did not stop within 30 s; exiting anyway (open transactions abort on their timeout)");
        }
        streamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
