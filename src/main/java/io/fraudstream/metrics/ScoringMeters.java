package io.fraudstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The scoring task's meters: transactions scored, by decision, how long each took, re-keyed input, the model. */
public final class ScoringMeters implements MeterBinder {
    private final AtomicLong modelVersion = new AtomicLong();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Counter scored;
    private Timer latency;
    private Counter rekeyed;

    @Override
    public void bindTo(final MeterRegistry r) {
        registry = r;
        scored = Counter.builder("fraud.transactions.scored").description("Valid transactions scored").register(r);
        latency = Timer.builder("fraud.scoring.latency")
                .description("Time to extract features and score one transaction inside the scoring processor")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(100)).register(r);
        rekeyed = Counter.builder("fraud.transactions.rekeyed")
                .description("Transactions whose record key was not their card id: sent through the repartition by "
                        + "card (one more hop) before they were scored").register(r);
        Gauge.builder("fraud.model.version", modelVersion, AtomicLong::get)
                .description("Version of the model this instance scores with (0 = prior-only)").register(r);
    }

    /** A transaction was scored in this many nanoseconds, with this decision. */
    public void scored(final long nanos, final String decision) {
        scored.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
        decisions.computeIfAbsent(decision, d -> Counter.builder("fraud.decisions")
                .description("Scored transactions by decision").tag("decision", d).register(registry)).increment();
    }

    /** A transaction not keyed by its card was sent through the repartition by card. */
    public void transactionRekeyed() {
        rekeyed.increment();
    }

    /** A model the scorers refused to install, e.g. {@code schema} when its feature schema is not theirs. */
    public void modelRejected(final String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("fraud.model.rejected")
                .description("Models the scorers refused to install, by reason").tag("reason", r)
                .register(registry)).increment();
    }

    public void modelInstalled(final long version) {
        modelVersion.set(version);
    }

    public long modelVersion() {
        return modelVersion.get();
    }
}
