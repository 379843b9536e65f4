package io.fraudstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The merchant counters' meters: events sent and counted, day counters installed in or refused by the store. */
public final class MerchantMeters implements MeterBinder {
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Counter sent;
    private Counter counted;
    private Counter applied;

    @Override
    public void bindTo(final MeterRegistry r) {
        registry = r;
        sent = Counter.builder("fraud.merchant.events.sent")
                .description("Scored transactions and fraud outcomes sent to the merchant counters").register(r);
        counted = Counter.builder("fraud.merchant.events.counted")
                .description("Merchant events the merchant-count tasks counted and published").register(r);
        applied = Counter.builder("fraud.merchant.activity.applied")
                .description("Merchant day counters installed in this instance's global merchant store")
                .register(r);
    }

    public void merchantEventSent() {
        sent.increment();
    }

    public void merchantEventCounted() {
        counted.increment();
    }

    public void merchantActivityApplied() {
        applied.increment();
    }

    /** A record of the merchant-activity topic was refused (and left out of the merchant store). */
    public void merchantActivityRejected(final String reason) {
        rejected.computeIfAbsent(reason, k -> Counter.builder("fraud.merchant.activity.rejected")
                .description("Records of the merchant-activity topic refused by the global merchant store")
                .tag("reason", reason).register(registry)).increment();
    }
}
