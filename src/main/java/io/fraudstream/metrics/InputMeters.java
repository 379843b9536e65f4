package io.fraudstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The dead-letter handler's meters: records refused to the dead-letter topic, by topic and stable reason. */
public final class InputMeters implements MeterBinder {
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private MeterRegistry registry;

    @Override
    public void bindTo(final MeterRegistry r) {
        registry = r;
    }

    public void invalidTransaction(final String reason) {
        count("fraud.transactions.invalid", "Transactions rejected to the dead-letter topic", reason);
    }

    public void invalidLabel(final String reason) {
        count("fraud.labels.invalid", "Labels rejected to the dead-letter topic", reason);
    }

    public void processingError(final String reason) {
        count("fraud.processing.errors", "Records that failed in processing and went to the dead-letter topic",
                reason);
    }

    private void count(final String name, final String description, final String reason) {
        refused.computeIfAbsent(name + "|" + reason, k -> Counter.builder(name).description(description)
                .tag("reason", reason).register(registry)).increment();
    }
}
