package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.threads.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The learner processor alone, with rounds on their own thread: a round the outcomes start runs there while the
 * stream thread goes on, and the wall-clock poll publishes what it trained; a round past its timeout is abandoned,
 * counted and owed again, and online learning goes on.
 */
@Tag("processor")
class LearnProcessorTest {
    private static final long T0 = 1_772_452_800_000L; // 2026-03-02T12:00:00Z

    private static LearnProcessor start(final MockProcessorContext<String, ModelSnapshot> context,
                                        final FraudMeters meters, final Duration timeout,
                                        final Function<String, ExecutorService> trainers) {
        final Settings settings = FraudTopologyTest.settings(Map.of(Key.MODEL_PUBLISH_EVERY.key(), "300",
                Key.LEARNER_FAMILY.key(), "logistic", Key.LABELS_MATURITY.key(), "0s"));
        final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("learner"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        final KeyValueStore<Integer, byte[]> holdout = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("holdout"), Serdes.Integer(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        holdout.init(context.getStateStoreContext(), holdout);
        context.addStateStore(holdout);
        final ModelStore models = ModelStore.builder("models", settings.prior(), v -> { }, r -> { }).build();
        models.init(context.getStateStoreContext(), models);
        context.addStateStore(models);
        final LearnProcessor processor = new LearnProcessor("learner", "holdout", "models", settings.learning(),
                settings.prior(), meters.learner(), true, timeout, trainers);
        processor.init(context);
        return processor;
    }

    /** Round threads that wait at {@code gate} before they run anything (an abandoned one is interrupted there). */
    private static Function<String, ExecutorService> gated(final CountDownLatch gate) {
        return name -> Executors.newSingleThreadExecutor(worker -> new Thread(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                return; // abandoned: shutdownNow interrupts the thread
            }
            worker.run();
        }, name));
    }

    /** {@code n} outcomes, 5% fraud, the fraud ones with larger amounts. */
    private static void feed(final LearnProcessor processor, final int from, final int n) {
        final Random random = new Random(from);
        for (int i = from; i < from + n; i++) {
            final boolean fraud = random.nextDouble() < 0.05;
            final double amount = fraud ? 4 + random.nextGaussian() : 2 + random.nextGaussian();
            final LabelledOutcome o = new LabelledOutcome("t" + i, T0 + i * 1_000L, T0 + i * 1_000L + 500, fraud,
                    LabelledOutcome.SOURCE_LABEL, 10, "c" + i, "m", 0.01, Decision.APPROVE, 0,
                    new FeatureVector(new String[] {"amount.log"}, new double[] {amount}));
            processor.process(new Record<>(o.transactionId(), o, o.labelTime()));
        }
    }

    private static void pollUntil(final MockProcessorContext<String, ModelSnapshot> context,
                                  final BooleanSupplier done) throws InterruptedException {
        final var poll = context.scheduledPunctuators().get(0).getPunctuator();
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
            poll.punctuate(System.currentTimeMillis());
        }
    }

    @Test
    void aRoundRunsOnItsOwnThreadAndThePollPublishesWhatItTrained() throws Exception {
        final MockProcessorContext<String, ModelSnapshot> context = new MockProcessorContext<>();
        final FraudMeters meters = FraudMeters.detached();
        final LearnProcessor processor = start(context, meters, Duration.ofMinutes(5), DaemonThreads::single);
        feed(processor, 0, 300); // the 300th outcome starts round 1
        assertThat(meters.counter("fraud.learner.outcomes")).isEqualTo(300);
        pollUntil(context, () -> !context.forwarded().isEmpty());
        final List<String> keys = context.forwarded().stream().<String>map(f -> f.record().key()).toList();
        assertThat(keys).startsWith(TopicKeys.CHALLENGER);
        assertThat(context.forwarded().get(0).record().value().version()).isEqualTo(1);
        assertThat(meters.learner().roundRunning()).isFalse();
        assertThat(meters.counter("fraud.learner.rounds")).isEqualTo(1);
        processor.close();
    }

    @Test
    void aRoundPastItsTimeoutIsAbandonedAndOwedWhileOnlineLearningGoesOn() throws Exception {
        final MockProcessorContext<String, ModelSnapshot> context = new MockProcessorContext<>();
        final FraudMeters meters = FraudMeters.detached();
        // the round's thread waits at a gate never opened, so the round cannot finish before its timeout (with a
        // real thread, a round quicker than the stream thread's next look succeeded and the test waited in vain)
        final LearnProcessor processor = start(context, meters, Duration.ofMillis(1), gated(new CountDownLatch(1)));
        feed(processor, 0, 300);
        pollUntil(context, () -> meters.learner().roundFailuresInARow() > 0);
        assertThat(meters.registry().find("fraud.learner.round.failures").tag("reason", "timeout").counter())
                .isNotNull();
        assertThat(context.forwarded()).isEmpty(); // nothing published from an abandoned round
        assertThat(meters.learner().roundRunning()).isFalse();
        feed(processor, 300, 50); // online learning goes on
        assertThat(meters.counter("fraud.learner.outcomes")).isEqualTo(350);
        processor.close();
    }

    @Test
    void aLearnerThatFallsBehindSaysSoOnceUntilTheRoundsOwedDoubleAndSaysWhenItHasCaughtUp() throws Exception {
        final MockProcessorContext<String, ModelSnapshot> context = new MockProcessorContext<>();
        final FraudMeters meters = FraudMeters.detached();
        final CountDownLatch gate = new CountDownLatch(1); // holds round 1 while eight more fall due
        final Logger log = (Logger) LoggerFactory.getLogger(LearnProcessor.class);
        final ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            final LearnProcessor processor = start(context, meters, Duration.ofMinutes(5), gated(gate));
            feed(processor, 0, 300 * 9);
            gate.countDown();
            pollUntil(context, () -> meters.counter("fraud.learner.rounds") == 9 && !meters.learner().roundRunning());
            final List<String> said = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("falls behind") || m.contains("caught up")).toList();
            assertThat(said).hasSize(2);
            assertThat(said.get(0)).startsWith("the learner falls behind: 7 more retraining rounds are due");
            assertThat(said.get(1)).isEqualTo("the learner has caught up: no retraining round is owed");
            processor.close();
        } finally {
            log.detachAppender(lines);
        }
    }
}
