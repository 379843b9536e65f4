package io.fraudstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.BooleanSupplier;

/** The instance's own health: whether it is ready, and stream threads that died. */
public final class HealthMeters implements MeterBinder {
    private volatile BooleanSupplier readiness = () -> false;
    private Counter threadDeaths;

    @Override
    public void bindTo(final MeterRegistry r) {
        threadDeaths = Counter.builder("fraud.stream.thread.deaths")
                .description("Stream threads that died on an uncaught exception (each replaced by a new one)")
                .register(r);
        Gauge.builder("fraud.ready", this, m -> m.readiness.getAsBoolean() ? 1 : 0)
                .description("1 while the instance is ready (what /health/ready answers), else 0").register(r);
    }

    /** A stream thread died (and was replaced). */
    public void threadDied() {
        threadDeaths.increment();
    }

    /** What the {@code fraud_ready} gauge reads: the instance's readiness, as /health/ready answers it. */
    public void readiness(final BooleanSupplier ready) {
        readiness = ready;
    }
}
