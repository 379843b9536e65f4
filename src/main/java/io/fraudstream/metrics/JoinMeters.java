package io.fraudstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The pending join's meters: transactions waiting, labels by class, outcomes, unmatched labels. */
public final class JoinMeters implements MeterBinder {
    private final Map<String, Counter> labels = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Counter pending;
    private Counter joined;
    private Counter unmatched;

    @Override
    public void bindTo(final MeterRegistry r) {
        registry = r;
        pending = Counter.builder("fraud.pending.transactions")
                .description("Scored transactions that reached the pending join to wait for their label").register(r);
        joined = Counter.builder("fraud.outcomes.joined")
                .description("Labelled outcomes the pending join emitted (a label met its transaction, or the horizon "
                        + "passed)").register(r);
        unmatched = Counter.builder("fraud.labels.unmatched")
                .description("Labels whose transaction was never scored within the pending horizon").register(r);
    }

    /** A label arrived ({@code fraud} or {@code legit}). */
    public void label(final boolean fraud) {
        final String tag = fraud ? "fraud" : "legit";
        labels.computeIfAbsent(tag, t -> Counter.builder("fraud.labels").description("Labels received")
                .tag("label", t).register(registry)).increment();
    }

    public void pendingTransaction() {
        pending.increment();
    }

    /** The pending join emitted an outcome. */
    public void outcomeJoined() {
        joined.increment();
    }

    public void labelUnmatched() {
        unmatched.increment();
    }
}
