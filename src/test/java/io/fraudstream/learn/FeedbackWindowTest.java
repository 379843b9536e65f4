package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.sample.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Alert feedback: which outcomes it is, the most recent kept, and the same after a restore. */
class FeedbackWindowTest {
    private static final long HOUR = 3_600_000L;

    private static LabelledOutcome outcome(final Decision decision, final long labelDelay) {
        return outcome(decision, labelDelay, LabelledOutcome.SOURCE_LABEL);
    }

    private static LabelledOutcome outcome(final Decision decision, final long labelDelay, final String source) {
        return new LabelledOutcome("t", 0, labelDelay, true, source, 10, null, null, 0.5, decision, 1,
                new FeatureVector(new String[] {"x"}, new double[] {1}));
    }

    private static Example example(final long time) {
        return new Example(new FeatureVector(new String[] {"x"}, new double[] {time}), time % 3 == 0, time, 10);
    }

    @Test
    void feedbackIsAnAlertedTransactionLabelledWithinTheWindow() {
        final FeedbackWindow w = new FeedbackWindow(new FeedbackConfig(10, 72 * HOUR));
        assertThat(w.isFeedback(outcome(Decision.REVIEW, 6 * HOUR))).isTrue();
        assertThat(w.isFeedback(outcome(Decision.BLOCK, 72 * HOUR))).isTrue();
        assertThat(w.isFeedback(outcome(Decision.REVIEW, 73 * HOUR))).as("a chargeback").isFalse();
        assertThat(w.isFeedback(outcome(Decision.APPROVE, HOUR))).as("not investigated").isFalse();
        assertThat(w.isFeedback(outcome(Decision.REVIEW, HOUR, LabelledOutcome.SOURCE_HORIZON)))
                .as("no label came: taken as legitimate, not an answer").isFalse();
    }

    @Test
    void itKeepsTheMostRecentByTransactionTimeWhateverTheOrderTheyCome() {
        final FeedbackWindow w = new FeedbackWindow(new FeedbackConfig(50, HOUR));
        final List<Long> times = new ArrayList<>();
        for (long t = 0; t < 400; t++) {
            times.add(t);
        }
        Collections.shuffle(times, new Random(7));
        for (long t : times) {
            w.offer(example(t));
        }
        assertThat(w.examples()).hasSize(50).allMatch(e -> e.time() >= 350);
        assertThat(w.offer(example(10))).as("older than all kept").isEqualTo(-1);
    }

    @Test
    void aRestoreFromTheWrittenSlotsKeepsAndReplacesExactlyAsBefore() {
        final FeedbackConfig config = new FeedbackConfig(40, HOUR);
        final FeedbackWindow original = new FeedbackWindow(config);
        final Map<Integer, byte[]> store = new HashMap<>();
        final Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            final int slot = original.offer(example(random.nextInt(1000)));
            if (slot >= 0) {
                store.put(slot, original.encoded(slot));
            }
        }
        final FeedbackWindow restored = new FeedbackWindow(config);
        store.forEach(restored::restore);
        assertThat(restored.examples()).isEqualTo(original.examples());
        for (int i = 0; i < 300; i++) {
            final Example e = example(500 + random.nextInt(1000));
            assertThat(restored.offer(e)).isEqualTo(original.offer(e));
        }
        assertThat(restored.examples()).isEqualTo(original.examples());
    }
}
