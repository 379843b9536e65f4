package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.config.Settings;
import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.metrics.FraudMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluator processor alone ({@link MockProcessorContext}): with its own thread a publication is computed there
 * and forwarded at the next interval, without one at once; either way every outcome is counted and the store keeps
 * exactly the outcomes some window holds.
 */
@Tag("processor")
class EvaluateProcessorTest {
    private static final long T0 = 1_772_452_800_000L; // 2026-03-02T12:00:00Z

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyOutcomeIsCountedAndPublishedWithOrWithoutAThreadOfItsOwn(final boolean background) throws Exception {
        final Settings settings = FraudTopologyTest.settings(Map.of());
        final FraudMeters meters = FraudMeters.detached();
        final Started started = Started.with(settings, meters, background);
        final MockProcessorContext<String, MetricsSnapshot> context = started.context();
        final KeyValueStore<Long, byte[]> store = started.store();
        final EvaluateProcessor processor = started.processor();
        final int n = 3_000;
        for (int i = 0; i < n; i++) {
            processor.process(outcome(i));
        }
        final var punctuator = context.scheduledPunctuators().get(0).getPunctuator();
        punctuator.punctuate(T0);
        if (background) {
            assertThat(context.forwarded()).isEmpty(); // the interval only started the publication
            // computed on the evaluator's thread: a later interval forwards it
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (context.forwarded().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                punctuator.punctuate(T0 + 5_000);
            }
        }
        final List<MetricsSnapshot> published = context.forwarded().stream()
                .<MetricsSnapshot>map(f -> f.record().value()).toList();
        assertThat(published).isNotEmpty().allSatisfy(s -> assertThat(s.totalOutcomes()).isEqualTo(n));
        final MetricsSnapshot lastN = published.stream()
                .filter(s -> s.window().equals("last10000") && s.labels().equals("known")
                        && s.model().equals("champion")).findFirst().orElseThrow();
        assertThat(lastN.outcomes()).isEqualTo(n);
        // the store holds what some window keeps: every outcome here (the last-N window holds them all), plus meta
        assertThat(store.approximateNumEntries()).isEqualTo(n + 1);
        processor.close();
    }

    @Test
    void withAThreadOfItsOwnWhatTheEvaluatorLetsGoIsDeletedAsOutcomesComeNotOnlyAtEachInterval() throws Exception {
        final Settings settings = FraudTopologyTest.settings(Map.of("fraudstream.metrics.windows", "100",
                "fraudstream.labels.maturity", "0s")); // one window of the last 100, no mature views
        final Started started = Started.with(settings, FraudMeters.detached(), true);
        final KeyValueStore<Long, byte[]> store = started.store();
        int i = 0;
        for (; i < 3_000; i++) {
            started.processor().process(outcome(i));
        }
        // no interval passes: the outcomes that follow delete what the evaluator's thread let go meanwhile
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.approximateNumEntries() > 100 + 1 + 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
            started.processor().process(outcome(i++));
        }
        // the window's 100, the meta record, at most the last two outcomes not yet taken by the evaluator's thread
        assertThat(store.approximateNumEntries()).isLessThanOrEqualTo(100 + 1 + 2);
        started.processor().close();
    }

    @Test
    void aFullTimeWindowCountsWhatItLetsGoAndMatureWindowsSayWhatTheyKeepWaiting() {
        // 3 000 outcomes a second apart: the 1h window would hold them all, its bound is 1 000
        final Settings settings = FraudTopologyTest.settings(Map.of("fraudstream.metrics.windows", "500,1h",
                "fraudstream.metrics.window.max-outcomes", "1000"));
        final FraudMeters meters = FraudMeters.detached();
        final Started started = Started.with(settings, meters, false);
        final EvaluateProcessor processor = started.processor();
        final int n = 3_000;
        for (int i = 0; i < n; i++) {
            processor.process(outcome(i));
        }
        started.context().scheduledPunctuators().get(0).getPunctuator().punctuate(T0);
        final MeterRegistry r = meters.registry();
        assertThat(r.get("fraud.window.outcomes").tags("window", "1h", "labels", "known", "model", "champion")
                .gauge().value()).isEqualTo(1000);
        assertThat(r.get("fraud.window.capped").tags("window", "1h", "labels", "known", "model", "champion")
                .functionCounter().count()).isEqualTo(n - 1000);
        assertThat(r.get("fraud.window.capped").tags("window", "last500", "labels", "known", "model", "champion")
                .functionCounter().count()).as("a count window is never capped").isZero();
        // no transaction is 7 days old yet: every outcome waits in each mature window, which the bound leaves be
        assertThat(r.get("fraud.window.pending").tags("window", "1h", "labels", "mature", "model", "champion")
                .gauge().value()).isEqualTo(n);
        assertThat(r.find("fraud.window.pending").tags("labels", "known").meters()).isEmpty();
        assertThat(started.store().approximateNumEntries()).isEqualTo(n + 1);
        processor.close();
    }

    @Test
    void matureWindowsGoOverToASampleOfCardsWhenTooManyWaitAndARestartKeepsIt() {
        final Settings settings = FraudTopologyTest.settings(Map.of("fraudstream.metrics.windows", "500,10m",
                "fraudstream.metrics.mature.max-pending", "500"));
        final FraudMeters meters = FraudMeters.detached();
        final Started started = Started.with(settings, meters, false);
        final int n = 3_000; // a second apart, 300 cards, none 7 days old: all would wait to mature
        for (int i = 0; i < n; i++) {
            started.processor().process(outcome(i));
        }
        started.context().scheduledPunctuators().get(0).getPunctuator().punctuate(T0);
        final MeterRegistry r = meters.registry();
        final double waiting = r.get("fraud.window.pending").tags("window", "10m", "labels", "mature",
                "model", "champion").gauge().value();
        final double oneIn = r.get("fraud.window.sampled.one.in").tags("window", "10m", "labels", "mature",
                "model", "champion").gauge().value();
        assertThat(waiting).isPositive().isLessThanOrEqualTo(500);
        assertThat(oneIn).isGreaterThanOrEqualTo(4); // 3 000 waiting, at most 500: at least one card in 4
        assertThat(waiting).isCloseTo(n / oneIn, within(n / oneIn * 0.35));
        assertThat(started.context().forwarded()).allSatisfy(f -> assertThat(f.record().value().sampledOneIn())
                .isEqualTo(f.record().value().labels().equals("mature") ? (long) oneIn : 1));
        // the store: what waits, the known windows' last 600 or so (some of them among what waits), the meta record
        assertThat(started.store().approximateNumEntries()).isBetween((long) waiting + 500, (long) waiting + 602);
        started.processor().close();

        // a restart on the same store goes on with the same sample (replayed from level 0, what the store holds
        // would overflow the bound less and reach a larger sample)
        final FraudMeters again = FraudMeters.detached();
        final Started restarted = Started.on(started.store(), settings, again, false);
        restarted.processor().process(outcome(n));
        restarted.context().scheduledPunctuators().get(0).getPunctuator().punctuate(T0);
        assertThat(again.registry().get("fraud.window.sampled.one.in").tags("window", "10m", "labels", "mature",
                "model", "champion").gauge().value()).isEqualTo(oneIn);
        assertThat(again.registry().get("fraud.window.pending").tags("window", "10m", "labels", "mature",
                "model", "champion").gauge().value()).isBetween(waiting, waiting + 1);
        restarted.processor().close();
    }

    /** Outcome {@code i}: a second after the one before, labelled half a second later, 300 cards, 2% fraud. */
    private static Record<String, LabelledOutcome> outcome(final int i) {
        final boolean fraud = i % 50 == 0;
        final LabelledOutcome o = new LabelledOutcome("t" + i, T0 + i * 1_000L, T0 + i * 1_000L + 500, fraud,
                LabelledOutcome.SOURCE_LABEL, 10, "c" + i % 300, "m", fraud ? 0.7 : (i % 7) / 10.0, Decision.APPROVE,
                0, FeatureVector.EMPTY);
        return new Record<>(o.transactionId(), o, o.eventTime());
    }

    /** An evaluator started on a mock context, with its store (in memory) and a model store. */
    private record Started(MockProcessorContext<String, MetricsSnapshot> context, KeyValueStore<Long, byte[]> store,
                           EvaluateProcessor processor) {
        static Started with(final Settings settings, final FraudMeters meters, final boolean background) {
            return on(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("w"), Serdes.Long(),
                    Serdes.ByteArray()).withLoggingDisabled().build(), settings, meters, background);
        }

        /** Started on a store as a restart finds it. */
        static Started on(final KeyValueStore<Long, byte[]> store, final Settings settings, final FraudMeters meters,
                          final boolean background) {
            final MockProcessorContext<String, MetricsSnapshot> context = new MockProcessorContext<>();
            if (!store.isOpen()) {
                store.init(context.getStateStoreContext(), store);
            }
            context.addStateStore(store);
            final ModelStore models = ModelStore.builder("m", settings.prior(), v -> { }, r -> { }).build();
            models.init(context.getStateStoreContext(), models);
            context.addStateStore(models);
            final EvaluateProcessor processor = new EvaluateProcessor("w", "m", settings.evaluation(),
                    Duration.ofSeconds(5), background, meters.evaluation());
            processor.init(context);
            return new Started(context, store, processor);
        }
    }
}
