package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.codec.MerchantDayCodec;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.metrics.MerchantMeters;
import io.fraudstream.stage.MerchantCounts;
import io.fraudstream.stage.MerchantEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The merchant-count task publishes a day's counters once per interval, not once per transaction; a fraud's at once;
 * and what a stop left held is published by the task that starts on the same stores.
 */
@Tag("processor")
class MerchantCountProcessorTest {
    private static final long DAY = MerchantActivity.DAY;
    private static final long T0 = 20_000 * DAY + 3_600_000L;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private WindowStore<String, byte[]> days;
    private KeyValueStore<String, Long> since;
    private MerchantMeters meters;

    @BeforeEach
    void open() {
        days = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("days", Duration.ofDays(60), Duration.ofDays(1),
                false), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        since = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("since"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        final MockProcessorContext<String, byte[]> c = new MockProcessorContext<>();
        days.init(c.getStateStoreContext(), days);
        since.init(c.getStateStoreContext(), since);
        meters = FraudMeters.detached().merchant();
    }

    /** A task on the stores, as it starts. */
    private MockProcessorContext<String, byte[]> start(final MerchantCountProcessor p) {
        final MockProcessorContext<String, byte[]> c = new MockProcessorContext<>();
        c.addStateStore(days);
        c.addStateStore(since);
        c.setCurrentStreamTimeMs(0);
        p.init(c);
        return c;
    }

    private MerchantCountProcessor processor() {
        return new MerchantCountProcessor("days", "since", meters, INTERVAL, Duration.ofDays(7));
    }

    private static void count(final MerchantCountProcessor p, final MockProcessorContext<String, byte[]> c,
                              final String merchant, final MerchantEvent e) {
        c.setCurrentStreamTimeMs(Math.max(c.currentStreamTimeMs(), e.time()));
        p.process(new Record<>(merchant, e, e.time()));
    }

    private static List<String> published(final MockProcessorContext<String, byte[]> c) {
        return c.forwarded().stream().map(f -> {
            final MerchantCounts.Update u = MerchantDayCodec.decode(f.record().value());
            return u.merchant() + "=" + sum(u.counters(), 0);
        }).toList();
    }

    /** A day's transactions (from 0) or frauds (from 24): its 24 hourly counters. */
    private static int sum(final int[] counters, final int from) {
        int n = 0;
        for (int h = from; h < from + 24; h++) {
            n += counters[h];
        }
        return n;
    }

    private static void tick(final MockProcessorContext<String, byte[]> c) {
        c.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
    }

    @Test
    void transactionsOfAnIntervalPublishEachMerchantDayOnce() {
        final MerchantCountProcessor p = processor();
        final MockProcessorContext<String, byte[]> c = start(p);
        assertThat(c.scheduledPunctuators().get(0).getInterval()).isEqualTo(INTERVAL);
        for (int i = 0; i < 5; i++) {
            count(p, c, "m1", MerchantEvent.transaction(T0 + i));
        }
        count(p, c, "m2", MerchantEvent.transaction(T0));
        assertThat(c.forwarded()).isEmpty();
        assertThat(meters.merchantDaysHeld()).isEqualTo(2);
        tick(c);
        assertThat(published(c)).containsExactly("m1=5", "m2=1");
        assertThat(meters.merchantDaysHeld()).isZero();
        c.resetForwards();
        tick(c);
        assertThat(c.forwarded()).isEmpty();
    }

    @Test
    void aFraudIsPublishedAtOnceWithTheDaysLatestCounters() {
        final MerchantCountProcessor p = processor();
        final MockProcessorContext<String, byte[]> c = start(p);
        count(p, c, "m1", MerchantEvent.transaction(T0));
        count(p, c, "m1", MerchantEvent.fraudAt(T0));
        assertThat(c.forwarded()).hasSize(1);
        final MerchantCounts.Update u = MerchantDayCodec.decode(c.forwarded().get(0).record().value());
        assertThat(sum(u.counters(), 0)).isEqualTo(1);
        assertThat(sum(u.counters(), 24)).isEqualTo(1);
        assertThat(meters.merchantDaysHeld()).isZero(); // the day went with the fraud
        c.resetForwards();
        tick(c);
        assertThat(c.forwarded()).isEmpty();
    }

    @Test
    void whatAStopLeftHeldIsPublishedByTheNextTaskOnTheSameStores() {
        final MerchantCountProcessor before = processor();
        final MockProcessorContext<String, byte[]> c = start(before);
        count(before, c, "m1", MerchantEvent.transaction(T0 - DAY)); // yesterday, published
        tick(c);
        count(before, c, "m1", MerchantEvent.transaction(T0));
        count(before, c, "m1", MerchantEvent.transaction(T0 + 1));
        count(before, c, "m2", MerchantEvent.transaction(T0));
        before.close(); // committed, then stopped before the interval ended
        assertThat(meters.merchantDaysHeld()).isZero();

        final MerchantCountProcessor after = processor();
        final MockProcessorContext<String, byte[]> next = start(after);
        assertThat(meters.merchantDaysHeld()).isEqualTo(2);
        tick(next);
        assertThat(published(next)).containsExactlyInAnyOrder("m1=2", "m2=1"); // today's, not yesterday's again
        assertThat(meters.merchantDaysHeld()).isZero();
    }

    @Test
    void aCatchUpPublishesOnceTheOldestHeldChangeLiesHalfTheDelayBehind() {
        final MerchantCountProcessor p = processor();
        final MockProcessorContext<String, byte[]> c = start(p);
        count(p, c, "m1", MerchantEvent.transaction(T0));
        count(p, c, "m1", MerchantEvent.transaction(T0 + 3 * DAY));
        assertThat(c.forwarded()).isEmpty();
        count(p, c, "m2", MerchantEvent.transaction(T0 + 3 * DAY + DAY / 2));
        assertThat(published(c)).containsExactly("m1=1", "m1=1", "m2=1");
    }
}
